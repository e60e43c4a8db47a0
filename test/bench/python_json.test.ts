import assert from "node:assert/strict";
import { test } from "node:test";
import { pyFloat, pyJson, pyJsonString, pyRepr } from "../../bench/gen/python_json.ts";

const floats: Array<[string, number, string]> = [
  // [case, value, Python's repr / json.dumps]
  ["integral float keeps .0", 3, "3.0"],
  ["plain fraction", 0.1, "0.1"],
  ["1e-4 is still decimal", 0.0001, "0.0001"],
  ["below 1e-4 is an exponent", 0.00001, "1e-05"],
  ["small with digits", 1.5e-7, "1.5e-07"],
  ["15 digits before the point", 1234567890123456.7, "1234567890123456.8"],
  ["1e16 is an exponent", 1e16, "1e+16"],
  ["large with digits", 12345678901234567, "1.2345678901234568e+16"],
  ["perf_counter value", 57436.65465293452, "57436.65465293452"],
  ["negative", -2.5, "-2.5"],
  ["negative zero", -0, "-0.0"],
  ["NaN", NaN, "NaN"],
  ["Infinity", Infinity, "Infinity"],
  ["-Infinity", -Infinity, "-Infinity"],
];

for (const [name, value, expected] of floats) {
  test(`pyFloat: ${name}`, () => assert.equal(pyFloat(value), expected));
}

const strings: Array<[string, string, boolean, string]> = [
  ["quotes and backslash", 'a"b\\c', true, '"a\\"b\\\\c"'],
  ["control characters", "\n\t\u0001", true, '"\\n\\t\\u0001"'],
  ["non-ASCII escaped by default", "café", true, '"caf\\u00e9"'],
  ["astral as a surrogate pair", "👍", true, '"\\ud83d\\udc4d"'],
  ["DEL escaped under ensure_ascii", "\x7f", true, '"\\u007f"'],
  ["raw UTF-8 with ensure_ascii=False", "café 👍", false, '"café 👍"'],
  ["control still escaped with ensure_ascii=False", "a\nb", false, '"a\\nb"'],
];

for (const [name, value, ascii, expected] of strings) {
  test(`pyJsonString: ${name}`, () => assert.equal(pyJsonString(value, ascii), expected));
}

test("pyJson: Python's default and compact separators, ints, floats, big ints", () => {
  const value = { a: [1, 2.5, null, true], b: { c: 2n ** 64n } };
  assert.equal(
    pyJson(value, true, { item: ", ", key: ": " }),
    '{"a": [1, 2.5, null, true], "b": {"c": 18446744073709551616}}',
  );
  assert.equal(pyJson(value, true, { item: ",", key: ":" }), '{"a":[1,2.5,null,true],"b":{"c":18446744073709551616}}');
});

test("pyRepr: the argument reprs of a signature", () => {
  assert.equal(pyRepr([1, 0.5, "eu", true, null]), "[1, 0.5, 'eu', True, None]");
  assert.equal(pyRepr("it's"), '"it\'s"');
});
