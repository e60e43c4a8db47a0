import assert from "node:assert/strict";
import { test } from "node:test";
import { diffStates, isEmptyDiff } from "../../src/state/diff.ts";
import { readCheckpoint } from "../../src/state/read_checkpoint.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const cp = (...parts: string[]) => fixture("checkpoint", ...parts);
const NIGHTLY_2 = cp("runs", "nightly", "ckpt_002.json");
const NIGHTLY_4 = cp("runs", "nightly", "ckpt_004.json");

const goldens: Array<[string, string[], string]> = [
  // [case, argv, golden under fixtures/expected/state/]
  ["two steps of one run", ["state", "--diff", NIGHTLY_2, NIGHTLY_4], "diff/nightly_2_4.txt"],
  ["two steps of one run, json", ["state", "--diff", "-o", "json", NIGHTLY_2, NIGHTLY_4], "diff/nightly_2_4.json"],
  [
    "a run that fails",
    ["state", "--diff", cp("runs", "backfill", "a.json"), cp("runs", "backfill", "c.json")],
    "diff/backfill_a_c.txt",
  ],
  [
    "histories capped at 50",
    ["state", "--diff", cp("diff", "long_a.json"), cp("diff", "long_b.json")],
    "diff/long_a_b.txt",
  ],
  ["two different runs", ["state", "--diff", cp("failed.json"), cp("retried.json")], "diff/failed_retried.txt"],
];

for (const [name, argv, golden] of goldens) {
  test(`diff: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assertGolden(`state/${golden}`, run.stdout);
  });
}

test("--diff names the changed nodes, completed nodes, data keys and new history", async () => {
  const run = await runCli(["state", "--diff", "-o", "json", NIGHTLY_2, NIGHTLY_4]);
  const d = JSON.parse(run.stdout);
  assert.equal(d.run_id, "c94dff25f784");
  assert.deepEqual(d.fields.current_step, { from: 2, to: 4 });
  assert.deepEqual(d.fields.current_node, { from: "transform", to: "verify" });
  assert.deepEqual(d.nodes.map((n: { node: string; change: string }) => [n.node, n.change]), [["load", "added"], [
    "verify",
    "added",
  ]]);
  assert.deepEqual(d.completed_nodes_added, ["load", "verify"]);
  assert.deepEqual(d.data, { added: ["load", "verify"], removed: ["extract"], changed: ["transform"] });
  assert.deepEqual(d.tool_results_cache, { added: [], removed: [], changed: [] });
  assert.equal(d.action_history_added.length, 4);
  assert.deepEqual(d.warnings, []);
});

test("--diff of a failure shows the status and the failed node's error", async () => {
  const run = await runCli(["state", "--diff", cp("runs", "backfill", "a.json"), cp("runs", "backfill", "c.json")]);
  assert.ok(run.stdout.includes("  status        running → failed\n"));
  assert.ok(
    run.stdout.includes(
      `  + transform  status failed; attempts 1; error "ValueError: column 'amount' has 3 non-numeric values"\n`,
    ),
  );
});

test("histories capped at 50 entries: only what came after the overlap is new", async () => {
  const run = await runCli(["state", "--diff", "-o", "json", cp("diff", "long_a.json"), cp("diff", "long_b.json")]);
  const d = JSON.parse(run.stdout);
  assert.equal(d.action_history_added.length, 13);
  assert.equal(d.action_history_added[0].step, 56);
  assert.equal(d.action_history_gap, false);
  assert.deepEqual(d.nodes.map((n: { node: string; fields: { attempts: unknown } }) => [n.node, n.fields.attempts]), [
    ["batch_0", { from: 14, to: 17 }],
    ["batch_1", { from: 14, to: 17 }],
    ["batch_2", { from: 14, to: 17 }],
    ["batch_3", { from: 13, to: 17 }],
  ]);
});

const c = (json: string) => readCheckpoint(json, "x.json");

const unit: Array<[string, string, string, (d: ReturnType<typeof diffStates>) => void]> = [
  // [case, before, after, check]
  [
    "nothing changed",
    '{"run_id": "r", "data": {"a": 1}}',
    '{"data": {"a": 1.0}, "run_id": "r"}',
    (d) => assert.ok(isEmptyDiff(d)),
  ],
  [
    "key order alone is no change",
    '{"data": {"a": 1, "b": 2}}',
    '{"data": {"b": 2, "a": 1}}',
    (d) => assert.ok(isEmptyDiff(d)),
  ],
  [
    "a big integer that changes in its last digit",
    '{"data": {"n": 18446744073709551617}}',
    '{"data": {"n": 18446744073709551616}}',
    (d) => assert.deepEqual(d.data?.changed, ["n"]),
  ],
  [
    "node error and attempts",
    '{"node_states": {"a": {"attempts": 1}}}',
    '{"node_states": {"a": {"attempts": 2, "error": "boom"}}}',
    (d) => {
      assert.deepEqual(d.nodes.map((n) => [n.node, n.kind, n.changes.map((x) => x.field)]), [["a", "changed", [
        "attempts",
        "error",
      ]]]);
    },
  ],
  [
    "a removed node",
    '{"node_states": {"a": {}, "b": {}}}',
    '{"node_states": {"a": {}}}',
    (d) => assert.deepEqual(d.nodes.map((n) => [n.node, n.kind]), [["b", "removed"]]),
  ],
  ["completed_nodes rewritten", '{"completed_nodes": ["a", "b"]}', '{"completed_nodes": ["b", "c"]}', (d) => {
    assert.deepEqual(d.completedAdded, ["c"]);
    assert.equal(d.completedRewritten, true);
  }],
  ["a history with no overlap", '{"action_history": [1, 2]}', '{"action_history": [7, 8]}', (d) => {
    assert.deepEqual(d.historyAdded, [7, 8]);
    assert.equal(d.historyGap, true);
  }],
  ["a history that grew", '{"action_history": [1, 2]}', '{"action_history": [1, 2, 3]}', (d) => {
    assert.deepEqual(d.historyAdded, [3]);
    assert.equal(d.historyGap, false);
  }],
  ["data that stops being an object", '{"data": {"a": 1}}', '{"data": [1]}', (d) => {
    assert.equal(d.data, null);
    assert.deepEqual(d.fields.map((f) => f.field), ["data"]);
  }],
  [
    "an older second checkpoint",
    '{"updated_at": 1748800010.0}',
    '{"updated_at": 1748800000.0}',
    (d) => assert.match(d.warnings[0]!, /is older than/),
  ],
];

for (const [name, before, after, check] of unit) {
  test(`diffStates: ${name}`, () => check(diffStates(c(before), c(after))));
}

const refusals: Array<[string, string[], string]> = [
  // [case, argv, start of stderr]
  [
    "a directory",
    ["state", "--diff", cp("runs"), NIGHTLY_4],
    `exechist: --diff compares two checkpoint files; "${cp("runs")}" is a directory`,
  ],
  [
    "--log",
    ["state", "--diff", "--log", cp("logs", "failed_run.jsonl"), NIGHTLY_2, NIGHTLY_4],
    "exechist: --log does not go with --diff",
  ],
  [
    "a broken checkpoint",
    ["state", "--diff", NIGHTLY_2, cp("broken", "bad_status.json")],
    `exechist: Cannot read checkpoint "${cp("broken", "bad_status.json")}": status "exploded"`,
  ],
  ["one path", ["state", "--diff", NIGHTLY_2], "exechist: --diff needs two checkpoints"],
];

for (const [name, argv, start] of refusals) {
  test(`diff refuses ${name}, exit 2`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.ok(run.stderr.startsWith(start), run.stderr);
  });
}

test("--diff of a checkpoint with itself says there is no change", async () => {
  const run = await runCli(["state", "--diff", NIGHTLY_2, NIGHTLY_2]);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, `Changes in run c94dff25f784\n  from ${NIGHTLY_2}\n    to ${NIGHTLY_2}\n\n  no change\n`);
});

test("--diff compares integers written with an exponent (1.2345678901234568e+22) without failing", async () => {
  const a =
    '{"run_id":"r","status":"running","data":{"n":1e22,"m":12345678901234567890123,"k":1.2345678901234568e+22}}';
  const b =
    '{"run_id":"r","status":"running","data":{"n":1e22,"m":12345678901234567890124,"k":2.2345678901234568e+22}}';
  const run = await runCli(["state", "--diff", "a.json", "b.json", "-o", "json"], {
    files: { "a.json": a, "b.json": b },
  });
  assert.equal(run.stderr, "");
  assert.deepEqual(JSON.parse(run.stdout).data, { added: [], removed: [], changed: ["m", "k"] });
});
