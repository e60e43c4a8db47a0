import assert from "node:assert/strict";
import { test } from "node:test";
import { flakyActions } from "../../src/runs/flaky.ts";
import { outcomePattern } from "../../src/runs/render_flaky.ts";
import { splitRuns } from "../../src/runs/run_split.ts";
import { runCli } from "../helpers/fake_io.ts";
import { registryOf } from "../helpers/read_bytes.ts";

/** One run's log from `name:status` words (`ok`, `err`, `cancelled`), in order. */
function run(runId: string | null, words: string[], hour = 0): string {
  return words.map((word, i) => {
    const [name, status] = word.split(":");
    return JSON.stringify({
      name,
      status: status === "ok" ? "OK" : status === "err" ? "ERROR" : status,
      duration: 1,
      start_wall: `2025-06-0${1 + hour}T12:00:${String(i).padStart(2, "0")}Z`,
      ...(runId === null ? {} : { run_id: runId }),
    });
  }).join("\n") + "\n";
}

test("flips, passes after a failure within a run, and the flake rate = flaky runs / runs", () => {
  // Five runs, one file each. a: ✓ ✗ ✓ ✓ ✗ (3 flips); b: ✗ then ✓ in run 2 (a retry), else ✓; c: always ✓; d: ✗ from run 3 on.
  const runs = [
    ["a:ok", "b:ok", "c:ok", "d:ok"],
    ["a:err", "b:err", "b:ok", "c:ok", "d:ok"],
    ["a:ok", "b:ok", "c:ok", "d:err"],
    ["a:ok", "b:ok", "c:ok", "d:err", "d:cancelled"],
    ["a:err", "b:ok", "c:ok", "d:err"],
  ];
  const logs = runs.map((words, i) => ({
    label: `run${i}.jsonl`,
    registry: registryOf([[`run${i}.jsonl`, run(null, words, i)]]),
  }));
  const rows = flakyActions(splitRuns(logs));
  const view = rows.map((r) => [r.name, r.runs, r.flips, r.retryPasses, r.flakyRuns, r.flakeRate, r.failedRuns]);
  assert.deepEqual(view, [
    ["a", 5, 3, 0, 3, 3 / 5, 2],
    ["b", 5, 0, 1, 1, 1 / 5, 0],
    ["d", 5, 1, 0, 1, 1 / 5, 3],
    ["c", 5, 0, 0, 0, 0, 0],
  ]);
  assert.deepEqual(rows.map(outcomePattern), ["✓✗✓✓✗", "✓↻✓✓✓", "✓✓✗✗✗", "✓✓✓✓✓"]);
  assert.equal(rows[2]!.executions, 5, "other statuses are left out");
});

test("runs by run_id within one file, in order of their first start", () => {
  const text = run("late", ["x:err"], 2) + run("early", ["x:ok"], 0) + run("mid", ["x:ok"], 1);
  const runs = splitRuns([{ label: "all.jsonl", registry: registryOf([["all.jsonl", text]]) }]);
  assert.deepEqual(runs.map((r) => r.label), ["early", "mid", "late"]);
  assert.deepEqual(flakyActions(runs)[0]!.outcomes, ["pass", "pass", "fail"]);
});

test("exechist flaky: table, markdown and json", async () => {
  const files = {
    "r/1.jsonl": run(null, ["a:ok", "b:ok"], 0),
    "r/2.jsonl": run(null, ["a:err", "b:ok"], 1),
    "r/3.jsonl": run(null, ["a:ok", "b:ok"], 2),
  };
  const table = await runCli(["flaky", "r"], { files });
  assert.equal(table.status, 0, table.stderr);
  assert.match(
    table.stdout,
    /^Name +Flake rate +Flaky runs +Runs +Flips +Retry passes +Failed runs +Outcomes\na +66\.7% +2 +3 +2 +0 +1 +✓✗✓\n/,
  );
  assert.match(table.stdout, /1 of 2 actions flaky over 3 runs/);
  assert.match(table.stdout, /flake rate = flaky runs \/ runs/);
  const json = JSON.parse((await runCli(["flaky", "-o", "json", "r"], { files })).stdout);
  assert.deepEqual(json.runs, ["r/1.jsonl", "r/2.jsonl", "r/3.jsonl"]);
  assert.deepEqual(json.actions.map((a: { name: string; flake_rate: number }) => [a.name, a.flake_rate]), [
    ["a", 2 / 3],
    ["b", 0],
  ]);
  const md = (await runCli(["flaky", "-o", "markdown", "r"], { files })).stdout;
  assert.match(md, /^## exechist flaky: 1 of 2 actions over 3 runs\n\n\| Name \|/);
});
