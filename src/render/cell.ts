import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";
import { displayWidth, WidthCursor } from "./display_width.ts";

export { displayWidth };

/** A value for a cell: strings as they are, anything else as compact JSON (NaN kept). */
export function valueText(value: JsonValue): string {
  if (typeof value === "string") return value;
  return stringifyJson(value, { nonFinite: "raw" });
}

/** Cuts text to a display width (terminal columns), ending with an ellipsis when cut. */
export function cut(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  const cursor = new WidthCursor();
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = cursor.next(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + "…";
}
