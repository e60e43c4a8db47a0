import assert from "node:assert/strict";
import { test } from "node:test";
import { oneLine, visibleText } from "../../src/render/visible_text.ts";

const VISIBLE: Array<[string, string, string]> = [
  // [case, text, shown]
  ["plain text is left as it is", "abc é 日本 🚀 \\x1b", "abc é 日本 🚀 \\x1b"],
  ["tab and LF are kept", "a\tb\nc", "a\tb\nc"],
  ["ESC of an OSC 0 title", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"],
  ["OSC 52 clipboard and CSI 2J", "\u001b]52;c;aGk=\u0007\u001b[2J", "\\x1b]52;c;aGk=\\x07\\x1b[2J"],
  ["NUL and DEL", "\u0000\u007f", "\\x00\\x7f"],
  ["CRLF is a line end", "a\r\nb", "a\nb"],
  ["a lone CR cannot return over a line", "safe\rEVIL", "safe\\x0dEVIL"],
  ["C1 controls, U+009B CSI among them", "\u0080\u009b2J\u0085\u009f", "\\x80\\x9b2J\\x85\\x9f"],
  ["bidi embeddings and overrides", "\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e"],
  ["bidi isolates", "\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"],
  ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
  ["lone surrogates", "a\ud800b\udc00", "a\ufffdb\ufffd"],
  ["a surrogate pair is kept", "\ud83d\ude80", "🚀"],
  ["U+FFFE and U+FFFF", "\ufffe\uffff", "\ufffd\ufffd"],
  ["U+00A0 and the letters after C1 are kept", "\u00a0é", "\u00a0é"],
];

for (const [name, text, shown] of VISIBLE) {
  test(`visibleText: ${name}`, () => {
    assert.equal(visibleText(text), shown);
    assert.equal(visibleText(shown), shown, "made visible once, it stays as it is");
  });
}

const ONE_LINE: Array<[string, string, string]> = [
  ["LF", "a\nb", "a⏎b"],
  ["CRLF as one break", "a\r\nb", "a⏎b"],
  ["lone CR", "a\rb", "a⏎b"],
  ["U+2028 and U+2029", "a\u2028b\u2029c", "a⏎b⏎c"],
  ["tab as a space", "a\tb", "a b"],
  ["controls as in visibleText", "\u001b[2J\u009b", "\\x1b[2J\\x9b"],
];

for (const [name, text, shown] of ONE_LINE) {
  test(`oneLine: ${name}`, () => assert.equal(oneLine(text), shown));
}
