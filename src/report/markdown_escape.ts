import { oneLine } from "../render/cell.ts";

/** `&`, `<`, `>` and `"` as HTML entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Text for a `<pre>` or `<summary>` inside `<details>`: HTML escaped, CRLF as LF, other
 * control characters (ESC included) as visible `\xNN`; lone surrogates as U+FFFD.
 */
export function escapeHtmlBlock(text: string): string {
  return escapeHtml(
    text
      .replace(/\r\n?/g, "\n")
      // deno-lint-ignore no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
  );
}

/**
 * One markdown table cell: on one line (newline as ⏎, controls as `\xNN`), HTML
 * escaped, and `|` and the inline markers (`\`, `` ` ``, `*`, `_`, `[`, `]`, `~`)
 * backslash-escaped so the text shows as written.
 */
export function escapeTableCell(text: string): string {
  return escapeHtml(oneLine(text))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[\\|`*_[\]~]/g, "\\$&");
}

/** The first line of a text, cut to `max` characters (by code point) with an ellipsis. */
export function firstLine(text: string, max: number): string {
  const line = text.split(/\r?\n/, 1)[0] ?? "";
  const chars = Array.from(line);
  const cut = chars.length > max ? chars.slice(0, max - 1).join("") + "…" : line;
  return line.length < text.length && cut === line ? line + " …" : cut;
}
