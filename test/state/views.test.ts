import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const cp = (...parts: string[]) => fixture("checkpoint", ...parts);

const goldens: Array<[string, string[], string]> = [
  // [case, argv, golden under fixtures/expected/state/]
  ["completed run, text", ["state", cp("completed.json")], "text/completed.txt"],
  ["failed run, text", ["state", cp("failed.json")], "text/failed.txt"],
  ["paused run, text", ["state", cp("paused.json")], "text/paused.txt"],
  ["interrupted run, text", ["state", cp("interrupted.json")], "text/interrupted.txt"],
  ["retried run, text", ["state", cp("retried.json")], "text/retried.txt"],
  ["run past 50 actions, text", ["state", cp("long_history.json")], "text/long_history.txt"],
  ["empty object, text", ["state", cp("minimal_empty.json")], "text/minimal_empty.txt"],
  ["hand-trimmed run, text", ["state", cp("minimal_run.json")], "text/minimal_run.txt"],
  ["unknown fields, text", ["state", cp("legacy_fields.json")], "text/legacy_fields.txt"],
  ["odd types, text", ["state", cp("odd_types.json")], "text/odd_types.txt"],
  ["completed run, json", ["state", "-o", "json", cp("completed.json")], "json/completed.json"],
  ["failed run, json", ["state", "-o", "json", cp("failed.json")], "json/failed.json"],
  ["interrupted run, json", ["state", "-o", "json", cp("interrupted.json")], "json/interrupted.json"],
  ["run past 50 actions, json", ["state", "-o", "json", cp("long_history.json")], "json/long_history.json"],
  ["unknown fields, json", ["state", "-o", "json", cp("legacy_fields.json")], "json/legacy_fields.json"],
  ["odd types, json", ["state", "-o", "json", cp("odd_types.json")], "json/odd_types.json"],
];

for (const [name, argv, golden] of goldens) {
  test(`state view: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assertGolden(`state/${golden}`, run.stdout);
  });
}

async function text(file: string): Promise<string> {
  const run = await runCli(["state", cp(file)]);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

async function derived(file: string): Promise<Record<string, unknown> & { resume: Record<string, unknown> }> {
  const run = await runCli(["state", "-o", "json", cp(file)]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).derived;
}

test("the text view shows the header fields a person needs", async () => {
  const out = await text("failed.json");
  for (
    const line of [
      "Run 27a89bd8b3d9  failed",
      "  session   sess-7d1",
      "  purpose   Draft the weekly status mail",
      "  step      5/20    █████░░░░░░░░░░░░░░░  25%",
      "  started   2025-06-01T13:00:00.500Z",
      "  finished  2025-06-01T13:01:39Z",
      "  elapsed   98.500s (1m 38.5s), started_at to finished_at",
      "  version   1",
    ]
  ) assert.ok(out.includes(line + "\n"), line);
});

test("0 means not set", async () => {
  const out = await text("minimal_empty.json");
  assert.ok(out.includes("  started   not set (0)\n"));
  assert.ok(out.includes("  elapsed   unknown\n"));
});

test("interrupted run: the resume point names the node left running", async () => {
  const out = await text("interrupted.json");
  assert.ok(out.includes("  left running  embed_2\n"));
  assert.ok(out.includes('"embed_2" was left running (attempt 1)'));
  const d = await derived("interrupted.json");
  assert.deepEqual((d.resume.running as Array<{ node: string }>).map((n) => n.node), ["embed_2"]);
  assert.equal(d.resume.node, "embed_2");
});

test("failed run: the resume point names the failed node and its error", async () => {
  const out = await text("failed.json");
  assert.ok(out.includes("  failed        summarise: TimeoutError: model did not answer within 30s\n"));
  const d = await derived("failed.json");
  assert.deepEqual(d.resume.failed, [{
    node: "summarise",
    status: "failed",
    attempts: 3,
    error: "TimeoutError: model did not answer within 30s",
  }]);
});

test("retried run: attempts over one and repeated completions are visible", async () => {
  const out = await text("retried.json");
  assert.ok(out.includes("search → evaluate → search → fetch → answer\n"));
  assert.ok(out.includes("  repeated: search (2 times)\n"));
  assert.ok(out.includes("  attempts > 1  search (2 attempts), fetch (2 attempts)\n"));
  const d = await derived("retried.json");
  assert.deepEqual(d.completed_nodes, { count: 5, repeated: { search: 2 } });
});

test("a history of exactly 50 entries is flagged as possibly truncated", async () => {
  const out = await text("long_history.json");
  assert.ok(out.includes("Action history (50 entries; newest 10)\n  ! exactly 50 entries"));
  assert.ok(out.includes("! action_history has exactly 50 entries, the most to_dict() keeps"));
  const d = await derived("long_history.json");
  assert.deepEqual(d.action_history, { in_file: 50, kept: 50, possibly_truncated: true });
  const short = await derived("failed.json");
  assert.deepEqual(short.action_history, { in_file: 11, kept: 11, possibly_truncated: false });
});

test("what the format cannot tell is said plainly", async () => {
  const out = await text("completed.json");
  assert.ok(
    out.includes(
      "Not in a checkpoint\n  - node start/finish times: to_dict() drops node started_at and finished_at; --log FILE adds them from an execution log\n",
    ),
  );
  const d = await derived("completed.json");
  assert.equal((d.not_in_checkpoint as string[]).length, 2);
});

test("unknown fields are reported, node times included", async () => {
  const out = await text("legacy_fields.json");
  assert.ok(out.includes("Unknown fields (6: from_dict ignores them, to_dict drops them)"));
  assert.ok(out.includes("  node_states.parse.started_at    1748811600.0 (2025-06-01T21:00:00Z)\n"));
  const d = await derived("legacy_fields.json");
  assert.deepEqual(d.unknown_fields, { schema_version: 2, owner: { team: "platform" } });
  assert.deepEqual(Object.keys(d.unknown_node_fields as object), ["parse", "render"]);
  assert.ok((d.warnings as string[]).some((w) => w.startsWith("unknown fields: schema_version, owner")));
});

test("the cache lists each key with the size of its value; data and metadata keep big integers and NaN", async () => {
  const out = await text("completed.json");
  assert.ok(out.includes("Tool-result cache (3 entries, 126 B)\n"));
  assert.ok(out.includes('  9710840523e1:2:web_search:a1b2c3  43 B  {"hits":3,"ids":[18446744073709551617,7,9]}\n'));
  assert.ok(out.includes("  big_id   int    20 B  18446744073709551617\n"));
  assert.ok(out.includes("  score    float   3 B  NaN\n"));
  assert.ok(out.includes("  trace_id  int   23 B  12345678901234567890123\n"));
});

test("--color colours the text view; -o json never", async () => {
  const ESC = "\u001b[";
  const coloured = await runCli(["state", "--color", cp("failed.json")]);
  assert.ok(coloured.stdout.includes(`${ESC}31mfailed${ESC}39m`), "failed in red");
  assert.ok(coloured.stdout.includes(`${ESC}1mResume point${ESC}22m`), "bold section titles");
  const plain = await runCli(["state", cp("failed.json")]);
  assert.ok(!plain.stdout.includes(ESC));
  // deno-lint-ignore no-control-regex
  assert.equal(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, ""), plain.stdout, "same text under the colour");
  const json = await runCli(["state", "--color", "-o", "json", cp("failed.json")], { env: { FORCE_COLOR: "1" } });
  assert.ok(!json.stdout.includes(ESC));
});

test("cells are cut to the width (COLUMNS)", async () => {
  const run = await runCli(["state", cp("failed.json")], { env: { COLUMNS: "60" } });
  for (const line of run.stdout.split("\n")) assert.ok([...line].length <= 60, `too wide: ${line}`);
});

test("a missing path is an input error, exit 2", async () => {
  const run = await runCli(["state", cp("nope.json")]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `exechist: Cannot read "${cp("nope.json")}": no such file or directory\n`);
});

test("a completed node that still carries an old error is pointed out", async () => {
  const out = await text("retried.json");
  assert.ok(out.includes('! node "fetch" is completed but keeps the error of an earlier attempt'));
});

test("--local shows the text view's times in the local zone; -o json stays UTC", async () => {
  const run = await runCli(["state", "--local", cp("failed.json")], { utcOffset: 120 });
  assert.ok(run.stdout.includes("  started   2025-06-01T15:00:00.500+02:00\n"));
  const json = await runCli(["state", "--local", "-o", "json", cp("failed.json")], { utcOffset: 120 });
  assert.equal(JSON.parse(json.stdout).derived.started_at, "2025-06-01T13:00:00.500Z");
});
