import assert from "node:assert/strict";
import { test } from "node:test";
import { groupByRun, selectCheckpoints } from "../../src/state/directory.ts";
import { readCheckpoint } from "../../src/state/read_checkpoint.ts";
import { ExechistError } from "../../src/errors.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const RUNS = fixture("checkpoint", "runs");
const NIGHTLY = "c94dff25f784";
const BACKFILL = "87418b53b288";
const CANCELLED = "a41ffd57d11c";

const goldens: Array<[string, string[], string]> = [
  // [case, argv, golden under fixtures/expected/state/]
  ["each run's newest checkpoint", ["state", RUNS], "dir/runs.txt"],
  ["one run by a prefix of its id", ["state", RUNS, "--run", "874"], "dir/run_backfill.txt"],
  ["one step of one run", ["state", RUNS, "--run", NIGHTLY, "--step", "3"], "dir/run_nightly_step3.txt"],
  ["json of the directory", ["state", "-o", "json", RUNS], "dir/runs.json"],
  ["json of one step", ["state", "-o", "json", RUNS, "--run", NIGHTLY, "--step", "2"], "dir/run_nightly_step2.json"],
];

for (const [name, argv, golden] of goldens) {
  test(`directory: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assertGolden(`state/${golden}`, run.stdout);
  });
}

test("the runs table lists every run, ordered by last update, with its checkpoint count", async () => {
  const run = await runCli(["state", RUNS]);
  const lines = run.stdout.split("\n");
  assert.equal(lines[0], "Checkpoints in fixtures/checkpoint/runs: 3 runs, 10 checkpoints");
  assert.match(lines[2]!, new RegExp(`^  ${NIGHTLY}  completed  5/20 +6  2025-06-01T18:00:17Z +Nightly ingest$`));
  assert.match(lines[3]!, new RegExp(`^  ${CANCELLED}  cancelled  1/20 +1  `));
  assert.match(lines[4]!, new RegExp(`^  ${BACKFILL}  failed +2/20 +3  `));
  // then the newest checkpoint of each run, in the same order
  const shown = [...run.stdout.matchAll(/^ {2}file +(.*)$/gm)].map((m) => m[1]);
  assert.deepEqual(shown, [
    "fixtures/checkpoint/runs/nightly/ckpt_005.json",
    "fixtures/checkpoint/runs/cancelled.json",
    "fixtures/checkpoint/runs/backfill/c.json",
  ]);
});

test("checkpoints are ordered by updated_at, then current_step, then file name", async () => {
  const run = await runCli(["state", "-o", "json", RUNS]);
  const doc = JSON.parse(run.stdout) as { runs: Array<{ run_id: string; checkpoints: Array<{ file: string }> }> };
  const files = (id: string) =>
    doc.runs.find((r) => r.run_id === id)!.checkpoints.map((c) => c.file.split("/").slice(-1)[0]);
  // ckpt_002 and ckpt_002b share updated_at; 002b is a step further
  assert.deepEqual(files(NIGHTLY), [
    "ckpt_001.json",
    "ckpt_002.json",
    "ckpt_002b.json",
    "ckpt_003.json",
    "ckpt_004.json",
    "ckpt_005.json",
  ]);
  // b and c share updated_at and current_step: the name decides
  assert.deepEqual(files(BACKFILL), ["a.json", "b.json", "c.json"]);
});

test("--step picks the newest of several checkpoints at that step, and says so", async () => {
  const run = await runCli(["state", RUNS, "--run", NIGHTLY, "--step", "3"]);
  assert.equal(run.status, 0);
  assert.ok(run.stdout.includes("  file      fixtures/checkpoint/runs/nightly/ckpt_003.json\n"));
  assert.ok(run.stdout.includes("  >  fixtures/checkpoint/runs/nightly/ckpt_003.json"));
  assert.match(
    run.stderr,
    /^exechist: 2 checkpoints are at step 3: .*ckpt_002b\.json, .*ckpt_003\.json; showing the newest, .*ckpt_003\.json\n$/,
  );
});

const refusals: Array<[string, string[], number, string]> = [
  // [case, argv, exit status, stderr]
  [
    "an unknown run",
    ["state", RUNS, "--run", "zzz"],
    1,
    `exechist: No run "zzz" in "${RUNS}" (runs: ${NIGHTLY}, ${CANCELLED}, ${BACKFILL})\n`,
  ],
  [
    "a step the run never had",
    ["state", RUNS, "--run", NIGHTLY, "--step", "9"],
    1,
    `exechist: Run "${NIGHTLY}" has no checkpoint at step 9 (steps: 1, 2, 3, 4, 5)\n`,
  ],
  [
    "--step without --run among several runs",
    ["state", RUNS, "--step", "1"],
    2,
    `exechist: --step needs --run: "${RUNS}" holds 3 runs (${NIGHTLY}, ${CANCELLED}, ${BACKFILL})\n`,
  ],
  [
    "--run that does not match a single file",
    ["state", fixture("checkpoint", "failed.json"), "--run", "abc"],
    1,
    `exechist: No run "abc" in "${fixture("checkpoint", "failed.json")}" (runs: 27a89bd8b3d9)\n`,
  ],
];

for (const [name, argv, status, stderr] of refusals) {
  test(`directory refuses: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, status);
    assert.equal(run.stderr, stderr);
    assert.equal(run.stdout, "");
  });
}

test("a broken file is named on stderr and the rest are still shown: exit 0, or 2 under --strict", async () => {
  const dir = fixture("checkpoint", "mixed");
  const message =
    `exechist: Cannot read checkpoint "${dir}/partial.json": the file is truncated: the JSON stops at line 8, column 18 before the document is complete\n`;
  const run = await runCli(["state", dir]);
  assert.equal(run.status, 0);
  assert.equal(run.stderr, message);
  assert.ok(run.stdout.startsWith(`Checkpoints in ${dir}: 1 run, 1 checkpoint, 1 unreadable file\n`));
  assert.ok(run.stdout.includes("Run e8de1342a1d1  running\n"));
  const strict = await runCli(["state", "--strict", dir]);
  assert.equal(strict.status, 2);
  assert.equal(strict.stdout, run.stdout);
  assert.equal(strict.stderr, message + "exechist: 1 checkpoint could not be read (--strict)\n");
  const json = await runCli(["state", "-o", "json", dir]);
  assert.equal(json.status, 0);
  assert.deepEqual(JSON.parse(json.stdout).errors, [
    {
      file: `${dir}/partial.json`,
      reason: "the file is truncated: the JSON stops at line 8, column 18 before the document is complete",
    },
  ]);
});

test("a directory where nothing can be read is an input error, every file named", async () => {
  const run = await runCli(["state", fixture("checkpoint", "broken")]);
  assert.equal(run.status, 2);
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 10);
  for (
    const name of [
      "array_document",
      "bad_status",
      "empty",
      "node_not_object",
      "node_states_list",
      "node_states_null",
      "python_repr",
      "status_null",
      "truncated",
    ]
  ) {
    assert.ok(
      lines.some((l) => l.startsWith(`exechist: Cannot read checkpoint "fixtures/checkpoint/broken/${name}.json": `)),
      name,
    );
  }
  assert.equal(lines[9], 'exechist: No checkpoint in "fixtures/checkpoint/broken" could be read (9 unreadable)');
});

test("a directory with no *.json is an input error", async () => {
  const logs = fixture("checkpoint", "logs");
  const run = await runCli(["state", logs]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `exechist: No checkpoints in "${logs}": no *.json file below it\n`);
});

const c = (file: string, json: string) => readCheckpoint(json, file);

test("groupByRun and selectCheckpoints, in memory", () => {
  const runs = groupByRun([
    c("b/2.json", '{"run_id": "b", "updated_at": 1748800000.0, "current_step": 2}'),
    c("a/1.json", '{"run_id": "a", "updated_at": 1748800005.0, "current_step": 1}'),
    c("b/1.json", '{"run_id": "b", "updated_at": 1748800000.0, "current_step": 1}'),
    c("b/0.json", '{"run_id": "b", "current_step": 7}'),
  ]);
  assert.deepEqual(runs.map((r) => [r.runId, r.checkpoints.map((x) => x.file)]), [
    ["b", ["b/0.json", "b/1.json", "b/2.json"]],
    ["a", ["a/1.json"]],
  ]);
  const dir = { path: "d", runs, errors: [] };
  assert.deepEqual(selectCheckpoints(dir, undefined, undefined).shown.map((x) => x.file), ["b/2.json", "a/1.json"]);
  assert.deepEqual(selectCheckpoints(dir, "b", 1).shown.map((x) => x.file), ["b/1.json"]);
  const twins = {
    path: "d",
    runs: [{ runId: "ab", checkpoints: runs[1]!.checkpoints }, { runId: "ac", checkpoints: runs[1]!.checkpoints }],
    errors: [],
  };
  assert.throws(
    () => selectCheckpoints(twins, "a", undefined),
    (e: unknown) => e instanceof ExechistError && e.exitStatus === 2 && /matches 2 runs/.test(e.message),
  );
  assert.equal(selectCheckpoints(twins, "ac", undefined).run?.runId, "ac");
});
