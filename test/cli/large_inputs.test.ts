import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../helpers/fake_io.ts";

// Each of these ended in "unexpected failure: Maximum call stack size exceeded": a spread of an
// unbounded array (Math.max(...rows), push(...args)) passes every element on the stack.

const RECORDS = 150_000;

function manyRecords(): string {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) lines.push(`{"index":${i},"name":"n${i}","status":"success","duration":1}`);
  return lines.join("\n") + "\n";
}

const LOG = manyRecords();

test("summary --limit 0 of 150,000 records: a table of every row", async () => {
  const run = await runCli(["summary", "--limit", "0", "--no-color", "log.jsonl"], { files: { "log.jsonl": LOG } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  const lines = run.stdout.split("\n");
  assert.ok(lines.some((line) => /^\s*149999\s+n149999\s/.test(line)), "the last record has its row");
  assert.match(lines.at(-2)!, /^150000 records: 150000 success/);
});

test("summary --group-by name --limit 0 with 150,000 groups: a row per group", async () => {
  const run = await runCli(["summary", "--group-by", "name", "--limit", "0", "--no-color", "log.jsonl"], {
    files: { "log.jsonl": LOG },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.split("\n").filter((line) => /^n\d+\s/.test(line)).length, RECORDS);
});

test("result of a record with 130,000 args: the whole signature", async () => {
  const args = Array.from({ length: 130_000 }, (_, i) => i);
  const line = JSON.stringify({ index: 0, name: "x", status: "success", args });
  const run = await runCli(["result", "0", "-o", "json", "log.jsonl"], { files: { "log.jsonl": line + "\n" } });
  assert.equal(run.status, 0, run.stderr);
  const doc = JSON.parse(run.stdout) as { signature: string };
  assert.equal(doc.signature, `x(${args.join(", ")})`);
});

const NODES = 130_000;

function bigState(status: string): string {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < NODES; i++) nodes[`node${i}`] = { status, attempts: 1 };
  return JSON.stringify({ run_id: "r", status: "running", node_states: nodes, completed_nodes: Object.keys(nodes) });
}

test("state of a checkpoint with 130,000 nodes, and its --diff", async () => {
  const files = { "a.json": bigState("completed"), "b.json": bigState("failed") };
  const shown = await runCli(["state", "--no-color", "a.json"], { files });
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /node129999/);
  const diff = await runCli(["state", "--no-color", "--diff", "a.json", "b.json"], { files });
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /~ node129999 {2}status completed → failed/);
  assert.equal(diff.stdout.split("\n").filter((line) => line.startsWith("  ~ node")).length, NODES);
});

test("150,000 words after -- are file names, not a stack overflow", async () => {
  const words = Array.from({ length: 150_000 }, () => "missing.jsonl");
  const run = await runCli(["summary", "--", ...words]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Cannot read "missing\.jsonl"/);
});
