import assert from "node:assert/strict";
import { test } from "node:test";
import { median } from "../../bench/lib/measure.ts";
import { detectRuntime } from "../../bench/lib/runtime.ts";
import { fmt, textTable } from "../../bench/lib/text_table.ts";
import { functionTimes } from "../../bench/lib/cpu_profile.ts";

const runtimes: Array<[string, Record<string, unknown>, string, string]> = [
  ["Bun", { Bun: { version: "1.4.5" }, process: { versions: { node: "24.3.0" } } }, "bun", "1.4.5"],
  ["Deno", { Deno: { version: { deno: "2.9.6" } }, process: { versions: { node: "24.2.0" } } }, "deno", "2.9.6"],
  ["Node", { process: { versions: { node: "20.20.2" } } }, "node", "20.20.2"],
];

for (const [name, global, expected, version] of runtimes) {
  test(`detectRuntime: ${name} from a fake global`, () => {
    assert.deepEqual(detectRuntime(global), { name: expected, version });
  });
}

test("median: odd, even, empty, NaN ignored", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.equal(median([NaN, 5]), 5);
});

test("fmt and textTable: significant digits, aligned columns", () => {
  assert.equal(fmt(1234.5), "1235");
  assert.equal(fmt(0.012345), "0.0123");
  assert.equal(textTable(["a", "n"], [["x", "1"], ["yy", "22"]]), "a    n\n--  --\nx    1\nyy  22");
});

test("profile: self and inclusive time per function, recursion counted once", () => {
  const frame = (functionName: string) => ({ functionName, url: "file:///x/exechist.mjs", lineNumber: 9 });
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2] },
      { id: 2, callFrame: frame("read"), children: [3] },
      { id: 3, callFrame: frame("scanLine"), children: [4] },
      { id: 4, callFrame: frame("scanLine") },
    ],
    samples: [2, 3, 4, 4],
    timeDeltas: [0, 1000, 2000, 3000],
    startTime: 0,
    endTime: 6000,
  };
  const times = new Map(functionTimes(profile).map((t) => [t.name, t]));
  assert.deepEqual(times.get("scanLine exechist.mjs:10"), { name: "scanLine exechist.mjs:10", selfMs: 5, totalMs: 5 });
  assert.deepEqual(times.get("read exechist.mjs:10"), { name: "read exechist.mjs:10", selfMs: 1, totalMs: 6 });
});
