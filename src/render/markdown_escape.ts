import { oneLine } from "./visible_text.ts";
import { visibleText } from "./visible_text.ts";

/** `&`, `<`, `>` and `"` as HTML entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Text for a `<pre>` or `<summary>` inside `<details>`: HTML escaped, CRLF as LF, other
 * control characters (ESC included) as visible `\xNN`; lone surrogates and U+FFFE/U+FFFF as U+FFFD.
 */
export function escapeHtmlBlock(text: string): string {
  return escapeHtml(visibleText(text.replace(/\r\n?/g, "\n")));
}

/**
 * One markdown table cell: on one line (newline as ⏎, controls as `\xNN`), `&`, `<`, `>`
 * HTML escaped, and `|` and the inline markers (`\`, `` ` ``, `*`, `_`, `[`, `]`, `~`)
 * backslash-escaped so the text shows as written (`_` only at a word's edge).
 */
export function escapeTableCell(text: string): string {
  // Quotes need no entity outside attributes: left as they are, for readable source.
  return escapeHtml(visibleText(oneLine(text))).replace(/&quot;/g, '"')
    // `_` inside a word (fetch_orders) never starts emphasis in GFM: left as it is, for readable source.
    .replace(/[\\|`*[\]~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\$&");
}
