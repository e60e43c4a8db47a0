import assert from "node:assert/strict";
import { test } from "node:test";
import { compareLogs, type CompareSide } from "../../src/compare/compare_logs.ts";
import { kindKey } from "../../src/compare/failure_kinds.ts";
import { registryOf } from "../helpers/read_bytes.ts";
import { type ActionSpec, noiseWith, runLog, STEADY } from "./run_logs.ts";

function side(label: string, text: string): CompareSide {
  const registry = registryOf([[label, text]]);
  return { label, registry, positions: Uint32Array.from({ length: registry.size }, (_, i) => i) };
}

const verdicts = (names: Array<{ name: string; verdict: string }>) =>
  Object.fromEntries(names.map((n) => [n.name, n.verdict]));

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: a 30% slower action is a regression; ±5% on every other is not`, () => {
    const base = side("base.jsonl", runLog(STEADY, { seed }));
    const head = side("head.jsonl", runLog(STEADY, { seed: seed + 100, scale: noiseWith(seed, "build", 1.3) }));
    const comparison = compareLogs(base, head);
    assert.deepEqual(verdicts(comparison.names), {
      build: "slower",
      checkout: "same",
      fetch: "same",
      package: "same",
      test: "same",
    });
    assert.equal(comparison.regressions, 1);
    const build = comparison.names[0]!;
    assert.equal(build.name, "build", "regressions come first");
    assert.ok(build.change! > 0.2 && build.change! < 0.45, `change ${build.change}`);
    assert.ok(build.p! < 1e-6, `p ${build.p}`);
  });
}

test("a 30% faster action is an improvement, not a regression", () => {
  const base = side("base.jsonl", runLog(STEADY, { seed: 7 }));
  const head = side("head.jsonl", runLog(STEADY, { seed: 8, scale: (n) => (n === "test" ? 0.7 : 1) }));
  const comparison = compareLogs(base, head);
  assert.equal(verdicts(comparison.names).test, "faster");
  assert.equal(comparison.regressions, 0);
  assert.equal(comparison.improvements, 1);
});

test("the effect floor alone is not enough: three executions 30% slower are not significant", () => {
  const few: ActionSpec[] = [{ name: "deploy", count: 3, median: 10 }];
  const comparison = compareLogs(
    side("b", runLog(few, { seed: 1 })),
    side("h", runLog(few, { seed: 2, scale: () => 1.3 })),
  );
  assert.equal(comparison.names[0]!.verdict, "same");
  assert.ok(comparison.names[0]!.p! >= 0.01);
});

test("with a 50% threshold, 30% slower is not a regression", () => {
  const base = side("base.jsonl", runLog(STEADY, { seed: 1 }));
  const head = side("head.jsonl", runLog(STEADY, { seed: 101, scale: noiseWith(1, "build", 1.3) }));
  const comparison = compareLogs(base, head, { slower: 0.5, alpha: 0.01, failuresRead: 100 });
  assert.equal(comparison.regressions, 0);
});

const WITH_FAILURES: ActionSpec[] = [
  { name: "lint", count: 20, median: 1, failures: [[3, "SyntaxError('bad token')"]] },
  { name: "fetch", count: 20, median: 1, failures: [[2, "ConnectionError: refused on port 8080"]] },
  { name: "deploy", count: 20, median: 1 },
  { name: "old_step", count: 5, median: 1 },
];

const HEAD_FAILURES: ActionSpec[] = [
  { name: "lint", count: 20, median: 1 },
  {
    name: "fetch",
    count: 20,
    median: 1,
    failures: [[4, "ConnectionError: refused on port 8081"], [5, "KeyError('token')"], [6, "KeyError('token')"]],
  },
  { name: "deploy", count: 20, median: 1, failures: [[0, "TimeoutError('deploy took 301 s')"]] },
  { name: "new_step", count: 5, median: 1 },
];

test("new failures are named (an action that did not fail, a new exception); fixed ones too; numbers do not make a failure new", () => {
  const comparison = compareLogs(
    side("base.jsonl", runLog(WITH_FAILURES, { seed: 1 })),
    side("head.jsonl", runLog(HEAD_FAILURES, { seed: 2 })),
  );
  assert.deepEqual(
    comparison.newFailures.map((f) => [f.name, f.type, f.message, f.count, f.actionFailedBefore]),
    [
      ["deploy", "TimeoutError", "deploy took 301 s", 1, false],
      ["fetch", "KeyError", "token", 2, true],
    ],
    "in order of first appearance in HEAD",
  );
  assert.match(comparison.newFailures[0]!.source, /^head\.jsonl:\d+$/);
  assert.deepEqual(comparison.fixedFailures.map((f) => [f.name, f.type, f.message, f.count]), [
    ["lint", "SyntaxError", "bad token", 1],
  ]);
  assert.deepEqual(comparison.newNames, ["new_step"]);
  assert.deepEqual(comparison.goneNames, ["old_step"]);
  assert.deepEqual(
    [comparison.base.counts, comparison.head.counts],
    [{ success: 63, error: 2, other: 0 }, { success: 61, error: 4, other: 0 }],
  );
});

test("a failure of an action gone from HEAD is not called fixed", () => {
  const base: ActionSpec[] = [{ name: "retired", count: 3, median: 1, failures: [[0, "E('x')"]] }];
  const head: ActionSpec[] = [{ name: "other", count: 3, median: 1 }];
  const comparison = compareLogs(side("b", runLog(base, { seed: 1 })), side("h", runLog(head, { seed: 1 })));
  assert.deepEqual(comparison.fixedFailures, []);
  assert.deepEqual(comparison.goneNames, ["retired"]);
});

test("failure kinds: numbers masked, type and action kept apart", () => {
  assert.equal(kindKey("a", "E", "port 8080"), kindKey("a", "E", "port 9"));
  assert.notEqual(kindKey("a", "E", "x"), kindKey("b", "E", "x"));
  assert.notEqual(kindKey("a", "E", "x"), kindKey("a", "F", "x"));
});
