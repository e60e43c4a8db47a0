import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "../helpers/fake_io.ts";
import { HOSTILE, rawControl, taint, withoutColors } from "../helpers/hostile.ts";

// Field names of a RunState and of its nodes: kept, so the checkpoint is still read as one.
const FIELDS = new Set([
  "run_id",
  "session_id",
  "status",
  "purpose",
  "current_node",
  "current_step",
  "max_steps",
  "data",
  "node_states",
  "node_id",
  "input_data",
  "output_data",
  "attempts",
  "error",
  "idempotency_key",
  "completed_nodes",
  "action_history",
  "tool_results_cache",
  "metadata",
  "started_at",
  "updated_at",
  "finished_at",
  "version",
]);

const failed = JSON.parse(fs.readFileSync(path.join(ROOT, "fixtures/checkpoint/failed.json"), "utf8"));
const checkpoint = (suffix: string, step: number) => {
  const doc = taint(failed, suffix, FIELDS, new Set(["status"])) as Record<string, unknown>;
  doc.current_step = step;
  doc["unknown" + suffix] = "u" + suffix;
  return JSON.stringify(doc);
};
const runId = `27a89bd8b3d9${HOSTILE}`;
const LOG = [
  { name: "x" + HOSTILE, status: "error", exception: HOSTILE, traceback: `Traceback${HOSTILE}\nError: ${HOSTILE}` },
  { name: `summarise${HOSTILE}`, run_id: runId, status: "error", traceback: `tb${HOSTILE}`, start_wall: 1748770200 },
  { name: `plan${HOSTILE}`, run_id: runId, result: { [HOSTILE]: HOSTILE }, status: HOSTILE },
].map((r) => JSON.stringify(r)).join("\n") + `\n{"name": "bad line${HOSTILE}"\n`;

const FILES = {
  "esc.jsonl": LOG,
  [`ck/a${HOSTILE}.json`]: checkpoint(HOSTILE, 4),
  [`ck/b${HOSTILE}.json`]: checkpoint(HOSTILE, 5),
  [`ck/broken${HOSTILE}.json`]: "{",
  "one.json": checkpoint(HOSTILE, 4),
  "two.json": checkpoint(HOSTILE + "2", 5),
};

const VIEWS: Array<[string, string[]]> = [
  ["result of a failure", ["result", "0", "esc.jsonl"]],
  ["result of a success with a hostile result", ["result", "2", "esc.jsonl"]],
  ["last", ["last", "esc.jsonl"]],
  ["summary table", ["summary", "esc.jsonl"]],
  ["summary grouped by status", ["summary", "--group-by", "status", "esc.jsonl"]],
  ["state of a file", ["state", "one.json"]],
  ["state of a directory (file names from the directory)", ["state", "ck"]],
  ["state of a directory, one run", ["state", "ck", "--run", runId]],
  ["state --diff", ["state", "--diff", "one.json", "two.json"]],
  ["state --log", ["state", "one.json", "--log", "esc.jsonl"]],
  ["report as markdown", ["report", "esc.jsonl"]],
  ["report as github", ["report", "-o", "github", "esc.jsonl"]],
  ["a missing file named with escapes", ["summary", `missing${HOSTILE}.jsonl`]],
];

for (const [name, argv] of VIEWS) {
  for (const color of ["--no-color", "--color"]) {
    test(`no raw control or bidi control from the input on stdout or stderr: ${name} (${color})`, async () => {
      const run = await runCli([...argv, color], { files: FILES, env: { COLUMNS: "1000" } });
      assert.equal(rawControl(withoutColors(run.stdout)), null, "stdout");
      assert.equal(rawControl(run.stderr), null, "stderr");
      assert.ok(run.stdout.length + run.stderr.length > 0);
    });
  }
}

test("result shows the escapes as \\xNN and \\uNNNN text, one for one", async () => {
  const run = await runCli(["result", "0", "esc.jsonl"], { files: FILES });
  assert.ok(
    run.stdout.startsWith("x\\x1b]0;pwned\\x07\\x1b]52;c;aGk=\\x07\\x1b[2J\\x9b31m\\u202eevil\\u202c\\u2066x\\u2069"),
  );
  assert.ok(run.stdout.includes("Traceback\\x1b]0;pwned"));
});

test("bad-line diagnostics on stderr show the file name and the line made visible", async () => {
  const run = await runCli(["summary", `esc${HOSTILE}.jsonl`], { files: { [`esc${HOSTILE}.jsonl`]: LOG } });
  assert.match(run.stderr, /^esc\\x1b\]0;pwned\\x07.*:4: /m);
});
