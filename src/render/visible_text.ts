/**
 * What a terminal, a CI log or a markdown page may be shown of text that came from the
 * input. Every text view, every markdown and workflow-command output and every message on
 * stderr passes input text through {@link visibleText} (or {@link oneLine}, which is
 * built on it), so that a log line cannot set the window title (OSC 0), write the
 * clipboard (OSC 52), clear the screen (CSI 2J), move the cursor back over a line (CR)
 * or reorder what is shown (bidi overrides, "Trojan Source").
 */

// C0 controls but tab and LF, a CR that does not end a line (CRLF is read as LF), DEL,
// C1 controls (U+0080–U+009F: U+009B is a one-byte CSI), the bidi embeddings, overrides and
// isolates, the line and paragraph separators, lone surrogates, U+FFFE and U+FFFF.
const NOT_VISIBLE =
  // deno-lint-ignore no-control-regex
  /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// The same set, tested once before any replacing: most text has none of it.
const MAY_NEED =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufffe\uffff]/;

function shown(c: string): string {
  if (c === "\r\n") return "\n";
  const code = c.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  if ((code >= 0xd800 && code <= 0xdfff) || code >= 0xfffe) return "\ufffd";
  return `\\u${code.toString(16)}`;
}

/**
 * Input text made safe to show: C0 controls other than tab and LF, a lone CR, DEL and the
 * C1 controls as `\xNN`; bidi controls (U+202A–U+202E, U+2066–U+2069) and U+2028/U+2029 as
 * `\uNNNN`; CRLF as LF; lone surrogates, U+FFFE and U+FFFF as U+FFFD. Everything else,
 * backslashes included, is left as it is.
 */
export function visibleText(text: string): string {
  return MAY_NEED.test(text) ? text.replace(NOT_VISIBLE, shown) : text;
}

// Line breaks of every kind, for a cell or a line that must stay one line.
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** Input text for one line (a table cell, a heading): line breaks as ⏎, tabs as spaces, then {@link visibleText}. */
export function oneLine(text: string): string {
  return visibleText(text.replace(LINE_BREAK, "⏎").replace(/\t/g, " "));
}
