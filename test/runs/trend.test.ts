import assert from "node:assert/strict";
import { test } from "node:test";
import { sparkline } from "../../src/runs/sparkline.ts";
import { findStepChange } from "../../src/runs/step_change.ts";
import { runCli } from "../helpers/fake_io.ts";

test("sparklines: scaled from the lowest to the highest, gaps as spaces, error rates from zero", () => {
  assert.equal(sparkline([1, 2, 3, 4, 5, 6, 7, 8]), "▁▂▃▄▅▆▇█");
  assert.equal(sparkline([10, null, 20, 15]), "▁ █▅");
  assert.equal(sparkline([3, 3, 3]), "▄▄▄", "a flat line sits in the middle");
  assert.equal(sparkline([0, 0, 0], 0), "▁▁▁", "no errors at all: the floor");
  assert.equal(sparkline([0, 0.5, 0.25], 0), "▁█▅");
  assert.equal(sparkline([null, null]), "  ");
});

test("a step change: every value after it beyond every one before, medians apart by the threshold", () => {
  assert.deepEqual(findStepChange([1, 1.1, 0.9, 1, 1.5, 1.6, 1.4], 0.2), { at: 4, before: 1, after: 1.5, change: 0.5 });
  assert.equal(findStepChange([1, 1.1, 0.9, 1, 1.05, 0.95], 0.2), null, "noise is not a step");
  assert.equal(findStepChange([1, 1.5, 1, 1.5, 1], 0.2), null, "alternating is not a step");
  assert.deepEqual(
    findStepChange([2, 2, null, 1, 1], 0.2),
    { at: 3, before: 2, after: 1, change: -0.5 },
    "down, past a gap",
  );
  assert.equal(findStepChange([2, 2, 2, 1], 0.2), null, "one low run at the end is not a step");
  assert.equal(findStepChange([1, 1, 1.1, 1.1], 0.2), null, "10% is under the threshold");
  assert.equal(findStepChange([1, 1, 3], 0.2), null, "three runs are not enough");
});

function runLine(run: number, name: string, duration: number, failed = false): string {
  return JSON.stringify({
    name,
    run_id: `run-${run}`,
    start_wall: `2025-06-01T12:${String(run).padStart(2, "0")}:00Z`,
    duration,
    status: failed ? "ERROR" : "OK",
  });
}

test("exechist trend: sparklines per action and a flagged step", async () => {
  const lines: string[] = [];
  const build = [10, 11, 10, 12, 10, 15, 16, 15];
  build.forEach((d, r) => {
    lines.push(runLine(r, "build", d), runLine(r, "build", d));
    lines.push(runLine(r, "lint", 2, r === 3));
  });
  const files = { "runs.jsonl": lines.join("\n") + "\n" };
  const table = await runCli(["trend", "runs.jsonl"], { files });
  assert.equal(table.status, 0, table.stderr);
  const [head, first, second] = table.stdout.split("\n");
  assert.match(head!, /^Name +Runs +p50 now +p50 +p95 +Error rate +Step$/);
  assert.equal(first, "build     8  15.000s  ▁▂▁▃▁▇█▇  ▁▂▁▃▁▇█▇  ▁▁▁▁▁▁▁▁    ▲ +50.0% at run-5");
  assert.equal(second, "lint      8   2.000s  ▄▄▄▄▄▄▄▄  ▄▄▄▄▄▄▄▄  ▁▁▁█▁▁▁▁");
  const json = JSON.parse((await runCli(["trend", "-o", "json", "runs.jsonl"], { files })).stdout);
  assert.deepEqual(json.actions[0].step, { run: "run-5", at: 5, before: 10, after: 15, change: 0.5 });
  const loose = JSON.parse((await runCli(["trend", "-o", "json", "--shift", "60%", "runs.jsonl"], { files })).stdout);
  assert.equal(loose.actions[0].step, null, "a 50% step is under a 60% threshold");
  const md = (await runCli(["trend", "-o", "markdown", "runs.jsonl"], { files })).stdout;
  assert.match(md, /\| build \| 8 \| 15\.000s \| ▁▂▁▃▁▇█▇ \|/);
});
