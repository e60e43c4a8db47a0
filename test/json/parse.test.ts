import assert from "node:assert/strict";
import { test } from "node:test";
import { JsonSyntaxError, parseJson } from "../../src/json/parse.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import { pythonRepr } from "../../src/json/python_repr.ts";
import { JsonNumber } from "../../src/json/value.ts";

const roundTrips: Array<[string, string, string]> = [
  // [name, input, compact output with nonFinite: "raw"]
  ["big integer keeps every digit", "12345678901234567890123", "12345678901234567890123"],
  ["negative big integer", "-18446744073709551617", "-18446744073709551617"],
  ["float as Python writes it", "1.0", "1.0"],
  ["exponent form kept", "1e-07", "1e-07"],
  ["NaN", "NaN", "NaN"],
  ["Infinity", "Infinity", "Infinity"],
  ["-Infinity", "-Infinity", "-Infinity"],
  ["negative zero", "-0.0", "-0.0"],
  ["object key order, integer-like keys too", '{"b":1,"2":2,"a":3,"1":4}', '{"b":1,"2":2,"a":3,"1":4}'],
  ["repeated key: last value, first position", '{"a":1,"b":2,"a":3}', '{"a":3,"b":2}'],
  ["__proto__ is an ordinary key", '{"__proto__":{"x":1}}', '{"__proto__":{"x":1}}'],
  ["escapes decoded and re-encoded", '"caf\\u00e9 \\"q\\" \\n \\/"', '"café \\"q\\" \\n /"'],
  ["surrogate pair", '"\\ud83d\\ude00"', '"😀"'],
  ["whitespace around", ' \t{ "a" : [ 1 , 2 ] }\r\n', '{"a":[1,2]}'],
  ["nested empty containers", '{"a":{},"b":[]}', '{"a":{},"b":[]}'],
];

for (const [name, input, expected] of roundTrips) {
  test(`parseJson round trip: ${name}`, () => {
    assert.equal(stringifyJson(parseJson(input), { nonFinite: "raw" }), expected);
  });
}

test("numbers that JS keeps exactly stay plain numbers", () => {
  assert.equal(parseJson("42"), 42);
  assert.equal(parseJson("0.125"), 0.125);
  const big = parseJson("9007199254740993");
  assert.ok(big instanceof JsonNumber);
  assert.equal(big.raw, "9007199254740993");
});

test("valid JSON output writes NaN and infinities as null", () => {
  assert.equal(stringifyJson(parseJson("[NaN,Infinity,-Infinity,1]")), "[null,null,null,1]");
});

test("pretty printing indents like JSON.stringify", () => {
  const text = '{"a":[1,{"b":null}],"c":{}}';
  assert.equal(stringifyJson(parseJson(text), { indent: 2 }), JSON.stringify(JSON.parse(text), null, 2));
});

const errors: Array<[string, string, string, number]> = [
  // [name, input, reason, 0-based offset]
  ["empty", "", "unexpected end", 0],
  ["bare word", "hello", "unexpected character 'h'", 0],
  ["unterminated string", '{"a":"b', "unterminated string", 5],
  ["missing value", '{"a":}', "unexpected character '}'", 5],
  ["trailing comma", "[1,]", "unexpected character ']'", 3],
  ["missing colon", '{"a" 1}', "expected ':' but found '1'", 5],
  ["text after value", "{} x", "unexpected text after the JSON value", 3],
  ["raw control character", '"a\u0001"', "control character in string", 2],
  ["bad escape", '"\\x"', "invalid escape in string", 1],
  ["leading zero number", "01", "unexpected text after the JSON value", 1],
  ["truncated object", '{"a":1', "unexpected end", 6],
];

for (const [name, input, reason, offset] of errors) {
  test(`parseJson rejects: ${name}`, () => {
    assert.throws(() => parseJson(input), (error: unknown) => {
      assert.ok(error instanceof JsonSyntaxError);
      assert.equal(error.reason, reason);
      assert.equal(error.offset, offset);
      return true;
    });
  });
}

test("pythonRepr writes Python literals", () => {
  const value = parseJson('[null,true,false,"it\'s",{"k":"v"},NaN,-Infinity,1.0,"a\\nb"]');
  assert.equal(pythonRepr(value), `[None, True, False, "it's", {'k': 'v'}, nan, -inf, 1.0, 'a\\nb']`);
});
