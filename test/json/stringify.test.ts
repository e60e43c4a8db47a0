import assert from "node:assert/strict";
import { test } from "node:test";
import { quoteJsonString, stringifyJson } from "../../src/json/stringify.ts";
import { JsonNumber } from "../../src/json/value.ts";

const QUOTES: Array<[string, string, string]> = [
  // [case, text, JSON]
  ["plain", "abc", '"abc"'],
  ["a pair is kept", "x😀y", '"x😀y"'],
  ["a lone high surrogate is U+FFFD", "a\ud800b", '"a\ufffdb"'],
  ["a lone low surrogate is U+FFFD", "a\udc00b", '"a\ufffdb"'],
  ["a high surrogate at the end", "x😀\ud83d", '"x😀\ufffd"'],
  ["a literal backslash-u text is not touched", "\\ud800", '"\\\\ud800"'],
  ["controls are escaped", "\u001b\u0000", '"\\u001b\\u0000"'],
];

for (const [name, text, json] of QUOTES) {
  test(`quoteJsonString: ${name}`, () => {
    const quoted = quoteJsonString(text);
    assert.equal(quoted, json);
    assert.ok(!/\\ud[89a-f]/i.test(quoted.replace(/\\\\/g, "")), "no surrogate escape for jq 1.6 to refuse");
    JSON.parse(quoted);
  });
}

test("stringifyJson: keys and values with lone surrogates, infinities and huge kept numbers are strict JSON", () => {
  const value = new Map<string, import("../../src/json/value.ts").JsonValue>([
    ["k\udc00", "v\ud800"],
    ["inf", Infinity],
    ["huge", new JsonNumber("1e400", Infinity)],
    ["big", new JsonNumber("18446744073709551617", 18446744073709552000)],
  ]);
  const text = stringifyJson(value, { indent: 2 });
  assert.deepEqual(JSON.parse(text), { "k\ufffd": "v\ufffd", inf: null, huge: null, big: 18446744073709552000 });
  assert.ok(text.includes("18446744073709551617"));
});
