import { visibleText } from "../render/visible_text.ts";

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text from the input for an HTML page, in an element or a quoted attribute: `&`, `<`,
 * `>`, `"` and `'` as entities, and controls shown as `visibleText` shows them
 * (`\xNN`, `\uNNNN`, U+FFFD).
 */
export function htmlText(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** A number for an SVG attribute: at most two decimals, no exponent, no `-0`. */
export function svgNumber(n: number): string {
  const text = (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, "");
  return text === "-0" || text === "" ? "0" : text;
}
