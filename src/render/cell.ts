import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";

/** One line of text for a table cell: control characters shown as escapes. */
export function oneLine(text: string): string {
  return text.replace(
    // deno-lint-ignore no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => (c === "\n" ? "⏎" : c === "\t" ? " " : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`),
  );
}

/** A value for a cell: strings as they are, anything else as compact JSON (NaN kept). */
export function valueText(value: JsonValue): string {
  if (typeof value === "string") return value;
  return stringifyJson(value, { nonFinite: "raw" });
}

/** Display width of a string: code points, wide East Asian and emoji counted as two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  return 1;
}

/** Cuts text to a display width, ending with an ellipsis when cut. */
export function cut(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + "…";
}
