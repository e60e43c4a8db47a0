import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";
import { HOSTILE, rawControl, taint, withoutColors } from "../helpers/hostile.ts";

const lg = (name: string) => fixture("langgraph", name);
const HISTORY = lg("resumed_history.json");

const goldens: Array<[string, string[], string]> = [
  // [case, argv, golden under fixtures/expected/state/langgraph/]
  ["a failed node, tuple", ["state", lg("failed_tuple.json")], "failed_tuple.txt"],
  ["a failed node, snapshot", ["state", lg("failed_snapshot.json")], "failed_snapshot.txt"],
  ["an interrupt, tuple", ["state", lg("interrupted_tuple.json")], "interrupted_tuple.txt"],
  ["an interrupt, snapshot", ["state", lg("interrupted_snapshot.json")], "interrupted_snapshot.txt"],
  ["a history of tuples, newest", ["state", HISTORY], "resumed_history.txt"],
  [
    "a history of snapshots, --step 2",
    ["state", lg("resumed_state_history.json"), "--step", "2"],
    "state_history_2.txt",
  ],
  ["--diff of two steps", ["state", "--diff", HISTORY, "--step", "1", "--step", "3"], "diff_1_3.txt"],
  ["a failed node, json", ["state", "-o", "json", lg("failed_tuple.json")], "failed_tuple.json"],
  ["a history, json", ["state", "-o", "json", HISTORY], "resumed_history.json"],
  ["--diff, json", ["state", "-o", "json", "--diff", HISTORY], "diff_3_4.json"],
];

for (const [name, argv, golden] of goldens) {
  test(`state of LangGraph checkpoints: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assertGolden(`state/langgraph/${golden}`, run.stdout);
  });
}

test("the text view says the thread, step, failed node with its error, and next", async () => {
  const run = await runCli(["state", lg("failed_tuple.json")]);
  const lines = run.stdout.split("\n");
  for (
    const line of [
      "LangGraph thread ingest-failed  failed",
      "  checkpoint 1f1f0107-66bd-6f40-8001-3e9ec16508d3",
      "  step       1 (source loop)",
      "  next         fetch_prices",
      "  failed       fetch_prices: Error: price service returned 503 after 3 retries",
      "  interrupted  none",
    ]
  ) assert.ok(lines.includes(line), line);
});

test("-o json gives the thread, step, nodes, the failed one's error and next", async () => {
  const run = await runCli(["state", "-o", "json", lg("failed_snapshot.json")]);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.format, "langgraph");
  assert.equal(doc.document, "snapshot");
  assert.equal(doc.thread_id, "ingest-failed");
  assert.equal(doc.step, 1);
  assert.deepEqual(doc.next, ["fetch_prices"]);
  assert.deepEqual(doc.failed, ["fetch_prices"]);
  assert.deepEqual(
    doc.nodes.map((n: { node: string; status: string; error: string | null }) => [n.node, n.status, n.error]),
    [
      ["fetch_docs", "completed", "AbortError: This operation was aborted"],
      ["fetch_prices", "failed", "Error: price service returned 503 after 3 retries"],
    ],
  );
});

test("a history's json lists every checkpoint, oldest first, and the newest's state", async () => {
  const doc = JSON.parse((await runCli(["state", "-o", "json", HISTORY])).stdout);
  assert.deepEqual(doc.checkpoints.map((c: { step: number }) => c.step), [-1, 0, 1, 2, 3, 4]);
  assert.equal(doc.state.step, 4);
  assert.equal(doc.state.status, "completed");
});

test("--diff of one step: from its parent, what the step ran and wrote", async () => {
  const doc = JSON.parse((await runCli(["state", "-o", "json", "--diff", HISTORY, "--step", "3"])).stdout);
  assert.equal(doc.thread_id, "ingest-review");
  assert.deepEqual(doc.fields.step, { from: 2, to: 3 });
  assert.deepEqual(doc.nodes_completed, ["publish"]);
  // review's writes are known at step 2 (a task of step 3) but not at step 3 (a node that ran before): no change.
  assert.deepEqual(doc.nodes, [{
    node: "publish",
    change: "added",
    fields: {
      status: { from: null, to: "completed" },
      error: { from: null, to: null },
      writes: { from: null, to: ["published"] },
    },
  }]);
  assert.deepEqual(doc.channel_values.added, ["approved"]);
});

const refusals: Array<[string, string[], number, RegExp]> = [
  // [case, argv, exit status, stderr]
  ["--diff of one checkpoint that is no history", ["state", "--diff", lg("failed_tuple.json")], 2, /needs two/],
  [
    "--diff of a RunState checkpoint and a LangGraph one",
    ["state", "--diff", fixture("checkpoint", "failed.json"), lg("failed_tuple.json")],
    2,
    /checkpoints of one kind/,
  ],
  ["a step the history lacks", ["state", HISTORY, "--step", "9"], 1, /no checkpoint at step 9/],
  ["a thread it lacks", ["state", HISTORY, "--run", "nope"], 1, /No thread "nope"/],
  ["two steps without --diff", ["state", HISTORY, "--step", "1", "--step", "2"], 2, /only with --diff/],
  ["--step with --diff of two files", ["state", "--diff", HISTORY, HISTORY, "--step", "1"], 2, /one history/],
  ["--log", ["state", lg("failed_tuple.json"), "--log", fixture("checkpoint", "logs", "failed_run.jsonl")], 2, /--log/],
];

for (const [name, argv, status, message] of refusals) {
  test(`state of LangGraph checkpoints refuses ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, status, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, message);
  });
}

// LangGraph's field names: kept, so the documents are still read as LangGraph's.
const FIELDS = new Set(
  ("config configurable thread_id checkpoint_ns checkpoint_id checkpoint v id ts channel_values channel_versions " +
    "versions_seen metadata source step parents pendingWrites parentConfig values next tasks name path error " +
    "message interrupts value result createdAt").split(" "),
);
const hostile = (name: string) =>
  JSON.stringify(taint(JSON.parse(fs.readFileSync(path.join(ROOT, lg(name)), "utf8")), HOSTILE, FIELDS, new Set()));
const FILES = {
  [`tuple${HOSTILE}.json`]: hostile("failed_tuple.json"),
  "snapshot.json": hostile("interrupted_snapshot.json"),
  "history.json": hostile("resumed_history.json"),
};

for (
  const [name, argv] of [
    ["a tuple", ["state", `tuple${HOSTILE}.json`]],
    ["a snapshot", ["state", "snapshot.json"]],
    ["a history", ["state", "history.json"]],
    ["--diff", ["state", "--diff", "history.json"]],
  ] as const
) {
  for (const color of ["--no-color", "--color"]) {
    test(`no raw control from a LangGraph checkpoint on stdout or stderr: ${name} (${color})`, async () => {
      const run = await runCli([...argv, color], { files: FILES, env: { COLUMNS: "1000" } });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(rawControl(withoutColors(run.stdout)), null, "stdout");
      assert.equal(rawControl(run.stderr), null, "stderr");
      assert.match(run.stdout, /\\x1b\]0;pwned/);
    });
  }
}
