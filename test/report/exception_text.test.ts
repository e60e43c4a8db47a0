import assert from "node:assert/strict";
import { test } from "node:test";
import { parseJson } from "../../src/json/parse.ts";
import { describeException, exceptionHeadline } from "../../src/report/exception_text.ts";

const CASES: Array<[string, string, string | null, string, string]> = [
  // [case, exception as JSON, traceback, type, message]
  ["Python repr", `"ValueError('x')"`, null, "ValueError", "x"],
  ["repr with double quotes", `"KeyError(\\"it's\\")"`, null, "KeyError", "it's"],
  ["repr of a dotted class", `"requests.exceptions.ReadTimeout('t')"`, null, "requests.exceptions.ReadTimeout", "t"],
  ["repr with several arguments", `"OSError(2, 'No such file')"`, null, "OSError", "2, 'No such file'"],
  ["repr without arguments", `"StopIteration()"`, null, "StopIteration", ""],
  ["Type: message", `"TimeoutError: took 30s"`, null, "TimeoutError", "took 30s"],
  ["bare class name", `"KeyboardInterrupt"`, null, "KeyboardInterrupt", ""],
  ["plain text", `"connection refused: host down"`, null, "", "connection refused: host down"],
  ["object with type and message", `{"type": "CardError", "message": "declined"}`, null, "CardError", "declined"],
  ["object with args", `{"exc_type": "E", "args": ["a", 1]}`, null, "E", "a, 1"],
  ["object of other fields", `{"code": 7}`, null, "", `{"code":7}`],
  ["a number", "42", null, "", "42"],
  [
    "none: the traceback's last line",
    "null",
    "Traceback (most recent call last):\n  x\nValueError: from tb\n",
    "ValueError",
    "from tb",
  ],
  ["empty string: the traceback's last line", `""`, "Traceback\nRuntimeError: y", "RuntimeError", "y"],
  ["nothing at all", "null", null, "", ""],
];

for (const [name, exception, traceback, type, message] of CASES) {
  test(`describeException: ${name}`, () => {
    assert.deepEqual(describeException(parseJson(exception), traceback), { type, message });
  });
}

test("exceptionHeadline joins type and message when both are there", () => {
  assert.equal(exceptionHeadline({ type: "E", message: "m" }), "E: m");
  assert.equal(exceptionHeadline({ type: "E", message: "" }), "E");
  assert.equal(exceptionHeadline({ type: "", message: "m" }), "m");
  assert.equal(exceptionHeadline({ type: "", message: "" }), "");
});
