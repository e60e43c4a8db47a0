import { oneLine, visibleText } from "./visible_text.ts";

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

/** U+2060 WORD JOINER: invisible, and no part of a link, a domain or an e-mail address. */
const JOINER = "\u2060";

/**
 * Text that GitHub's renderer will not turn into links: a word joiner after `://`'s colon,
 * inside `www.` and after an `@` (e-mail addresses and @mentions). The text reads the same.
 */
export function breakAutolinks(text: string): string {
  return text.replace(/:(?=\/\/)|(?<=\bwww)(?=\.)|@(?=[\p{L}\p{N}_])/giu, (m) => m === "" ? JOINER : m + JOINER);
}

/**
 * One markdown table cell: on one line (line breaks as ⏎, controls as `\xNN`, see `oneLine`),
 * `&`, `<`, `>` HTML escaped, `|` and the inline markers (`\`, `` ` ``, `*`, `_`, `[`, `]`, `~`)
 * backslash-escaped so the text shows as written (`_` only at a word's edge), and links,
 * `www.` names and e-mail addresses broken with {@link breakAutolinks}.
 */
export function escapeTableCell(text: string): string {
  // Quotes need no entity outside attributes: left as they are, for readable source.
  return breakAutolinks(escapeHtml(oneLine(text)).replace(/&quot;/g, '"'))
    // `_` inside a word (fetch_orders) never starts emphasis in GFM: left as it is, for readable source.
    .replace(/[\\|`*[\]~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\$&");
}
