import assert from "node:assert/strict";
import { test } from "node:test";
import { selectsAll } from "../../src/query/filter.ts";

const selectsAllCases: Array<[string, Parameters<typeof selectsAll>[0], boolean]> = [
  ["no condition", {}, true],
  ["status all, any case", { status: "ALL" }, true],
  ["a status", { status: "error" }, false],
  ["names", { names: [] }, false],
  ["index from", { indexFrom: 0 }, false],
  ["index to", { indexTo: 5 }, false],
  ["since", { sinceMicros: 0 }, false],
  ["until", { untilMicros: 0 }, false],
  ["a run", { runId: "r" }, false],
];
for (const [name, filter, expected] of selectsAllCases) {
  test(`selectsAll: ${name}`, () => assert.equal(selectsAll(filter), expected));
}
