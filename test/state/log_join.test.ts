import assert from "node:assert/strict";
import { test } from "node:test";
import { joinLog } from "../../src/state/log_join.ts";
import { readCheckpoint } from "../../src/state/read_checkpoint.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const FAILED = fixture("checkpoint", "failed.json");
const LOG = fixture("checkpoint", "logs", "failed_run.jsonl");

const goldens: Array<[string, string[], string]> = [
  // [case, argv, golden under fixtures/expected/state/]
  ["text", ["state", FAILED, "--log", LOG], "log/failed_run.txt"],
  ["json", ["state", "-o", "json", FAILED, "--log", LOG], "log/failed_run.json"],
];

for (const [name, argv, golden] of goldens) {
  test(`--log: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assertGolden(`state/${golden}`, run.stdout);
  });
}

test("--log gives each node of the run its timings, result and traceback; other runs' records stay out", async () => {
  const run = await runCli(["state", "-o", "json", FAILED, "--log", LOG]);
  const log = JSON.parse(run.stdout).derived.log;
  assert.equal(log.run_id, "27a89bd8b3d9");
  assert.equal(log.records, 6, "the record of run someone-else is not counted");
  assert.deepEqual(Object.keys(log.nodes), ["plan", "fetch", "summarise"]);
  assert.deepEqual(log.nodes.plan, {
    executions: 1,
    start: "2025-06-01T13:00:00.500",
    end: "2025-06-01T13:00:01.250",
    duration: 0.75,
    total_duration: 0.75,
    status: "success",
    source: `${LOG}:2`,
    exception: null,
    traceback: null,
  });
  const s = log.nodes.summarise;
  assert.equal(s.executions, 3);
  assert.equal(s.total_duration, 90);
  assert.equal(s.start, "2025-06-01T13:01:05");
  assert.equal(s.result, null, "output_data is empty, so the log's result is given");
  assert.ok(!("exception" in s), "the checkpoint has the error already");
  assert.match(s.traceback, /^Traceback \(most recent call last\):\n/);
  assert.deepEqual(log.unmatched, { notify: 1 });
});

test("--log text: timings table, records with no node, traceback", async () => {
  const run = await runCli(["state", FAILED, "--log", LOG]);
  assert.ok(run.stdout.includes(`From the log ${LOG} (6 records of run 27a89bd8b3d9)\n`));
  assert.match(
    run.stdout,
    /\n {2}summarise +3 {2}2025-06-01T13:01:05 +2025-06-01T13:01:35 +30\.000s {2}90\.000s {2}error\n/,
  );
  assert.ok(run.stdout.includes("  records with no node: notify (1)\n"));
  assert.ok(
    run.stdout.includes(
      `  traceback of summarise, newest execution (${LOG}:6):\n    Traceback (most recent call last):\n`,
    ),
  );
  assert.ok(!run.stdout.includes("--log FILE adds them"), "the hint is gone once a log is given");
});

test("--log with no record of the run says so", async () => {
  const run = await runCli(["state", fixture("checkpoint", "completed.json"), "--log", LOG]);
  assert.equal(run.status, 0);
  assert.ok(run.stdout.includes('  ! the log has no record with run_id "9710840523e1"\n'));
});

test("joinLog: a node_id that differs from its key, and a count of attempts the log disagrees with", () => {
  const checkpoint = readCheckpoint(
    '{"run_id": "r1", "node_states": {"k": {"node_id": "fetch", "attempts": 3, "output_data": {"x": 1}}}}',
    "c.json",
  );
  const registry = registryOf([[
    "log.jsonl",
    [
      '{"name": "fetch", "run_id": "r1", "duration": 1.5, "status": "error", "exception": "boom", "result": 7}',
      '{"name": "fetch", "run_id": "r1", "duration": 2, "result": 8}',
      '{"name": "fetch", "run_id": "r2", "duration": 9}',
    ].join("\n") + "\n",
  ]]);
  const join = joinLog(checkpoint.state, registry, "log.jsonl");
  assert.equal(join.records, 2);
  assert.equal(join.nodes.length, 1);
  const node = join.nodes[0]!;
  assert.equal(node.node, "k");
  assert.equal(node.executions, 2);
  assert.equal(node.duration, 2);
  assert.equal(node.totalDuration, 3.5);
  assert.equal(node.result, undefined, "the checkpoint has output_data");
  assert.equal(node.exception, null, "the checkpoint has no error: the newest record's (none) is given");
  assert.deepEqual(join.warnings, ['the log has 2 executions of "k"; the checkpoint counts 3 attempts']);
});

test("--log of a missing file is an input error", async () => {
  const run = await runCli(["state", FAILED, "--log", "nope.jsonl"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /nope\.jsonl/);
});
