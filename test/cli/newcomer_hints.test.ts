import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";

const SAMPLE = fixture("logs", "sample.jsonl");
const CHECKPOINT = fixture("checkpoint", "failed.json");
const oneLine = (file: string) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"))) + "\n";

const LANGGRAPH = JSON.stringify({
  v: 1,
  id: "1ef4f797-8335-6428-8001-8a1503f9b875",
  ts: "2024-07-31T20:14:19.804150+00:00",
  channel_values: { messages: [], "branch:to:agent": null },
  channel_versions: { __start__: 2, messages: 3 },
  versions_seen: { __input__: {}, __start__: { __start__: 1 } },
  pending_sends: [],
});
const LANGGRAPH_TUPLE = JSON.stringify({
  config: { configurable: { thread_id: "1", checkpoint_ns: "", checkpoint_id: "1ef4f797" } },
  checkpoint: JSON.parse(LANGGRAPH),
  metadata: { source: "loop", step: 1, writes: null },
  parent_config: null,
});

const FILES = {
  "one_line_checkpoint.json": oneLine(CHECKPOINT),
  "logs/one_record.jsonl": '{"name": "deploy", "status": "completed", "result": 1}\n',
  "logs/one_failure.jsonl": '{"name": "deploy", "status": "failed", "exception": "E"}\n',
  "logs/action.jsonl": '{"action": "deploy", "started_at": 1717232400, "duration": 2}\n',
  "logs/records.json": '[\n  {"name": "a", "status": "ok"},\n  {"name": "b", "status": "error"}\n]\n',
  "langgraph/checkpoint.json": LANGGRAPH,
  "langgraph/tuple.json": LANGGRAPH_TUPLE,
  "langgraph/mixed_list.json": `[${LANGGRAPH_TUPLE}, "not a checkpoint"]`,
  "langgraph/bad_values.json": '{"checkpoint": {"v": 4, "channel_values": []}, "metadata": {"step": 1}}',
  "other/config.json": '{"host": "db-01", "port": 5432, "user": "app", "retries": 3, "tls": true, "pool": 10}',
  "other/escape.json": '{"\\u001b[2J": 1}',
  "dir/good.json": fs.readFileSync(path.join(ROOT, CHECKPOINT), "utf8"),
  "dir/langgraph.json": LANGGRAPH,
  "dir/log.json": '{"name": "deploy", "status": "completed"}\n',
};

test("a JSON array: the jq hint comes first, before the bad lines", async () => {
  const run = await runCli(["summary", fixture("logs", "json_array.json")]);
  assert.equal(run.status, 2);
  assert.match(run.stderr.split("\n")[0]!, /^fixtures\/logs\/json_array\.json: this looks like a JSON array; .*jq -c/);
  assert.match(run.stderr.split("\n")[1]!, /^fixtures\/logs\/json_array\.json:1: /);
});

const summaryHints: Array<[string, string[], { stdin?: string }, string]> = [
  // [case, argv, standard input, the first line of stderr]
  [
    "a pretty-printed checkpoint file",
    ["summary", CHECKPOINT],
    {},
    `${CHECKPOINT}: this looks like a RunState checkpoint; exechist summary reads JSON-lines execution logs ` +
    `(try: exechist state ${CHECKPOINT})`,
  ],
  [
    "a checkpoint on one line",
    ["summary", "one_line_checkpoint.json"],
    {},
    "one_line_checkpoint.json: this looks like a RunState checkpoint; exechist summary reads JSON-lines execution " +
    "logs (try: exechist state one_line_checkpoint.json)",
  ],
  [
    "a checkpoint on standard input",
    ["summary"],
    { stdin: fs.readFileSync(path.join(ROOT, CHECKPOINT), "utf8") },
    "<stdin>: this looks like a RunState checkpoint; exechist summary reads JSON-lines execution logs " +
    "(try: exechist state FILE)",
  ],
  ["report of a checkpoint", ["report", CHECKPOINT], {}, `${CHECKPOINT}: this looks like a RunState checkpoint; `],
];

for (const [name, argv, { stdin }, first] of summaryHints) {
  test(`a checkpoint given where a log is read says so first: ${name}`, async () => {
    const options = { files: FILES, ...(stdin === undefined ? {} : { stdin, stdinIsTTY: false }) };
    const run = await runCli(argv, options);
    assert.equal(run.status, 2, run.stderr);
    assert.ok(run.stderr.startsWith(first), run.stderr);
    assert.match(run.stderr, /\nexechist: No records: every line of the input is bad\n$/);
  });
}

test("no checkpoint hint for a log that has records, nor for bad lines that are no checkpoint", async () => {
  const mixed = '{"name": "a"}\n{"run_id": "r", "node_states": {}}\n';
  const some = await runCli(["summary", "mixed.jsonl"], { files: { "mixed.jsonl": mixed } });
  assert.equal(some.stderr, "mixed.jsonl:2: no name (none of name, action, action_name)\n");
  const other = await runCli(["summary", "other/config.json"], { files: FILES });
  assert.doesNotMatch(other.stderr, /checkpoint/);
});

const stateRefusals: Array<[string, string, RegExp]> = [
  // [case, path given to state, the reason after `Cannot read checkpoint "PATH": `]
  ["a JSON-lines log", SAMPLE, /^this looks like an execution log, not a RunState checkpoint \(try: exechist summary /],
  ["one record whose status is a RunState status", "logs/one_record.jsonl", /^this looks like an execution log/],
  ["one failed record", "logs/one_failure.jsonl", /^this looks like an execution log/],
  ["a record named by `action`", "logs/action.jsonl", /^this looks like an execution log/],
  ["a JSON array of records", "logs/records.json", /^this looks like a JSON array of execution log records.*jq -c/],
  [
    "a list of LangGraph checkpoints with something else in it",
    "langgraph/mixed_list.json",
    /^item 2 of the list: a string that is not a LangGraph checkpoint, tuple or state snapshot, in a list of them$/,
  ],
  [
    "a LangGraph tuple whose channel values are no object",
    "langgraph/bad_values.json",
    /^checkpoint\.channel_values is an array, not an object$/,
  ],
  [
    "an object with no RunState key",
    "other/config.json",
    /^none of its keys \("host", "port", "user", "retries", "tls", and 1 more\) is a RunState key .*nor has it a LangGraph checkpoint's .*: this is neither a RunState nor a LangGraph checkpoint$/,
  ],
  ["keys are shown escaped", "other/escape.json", /^none of its keys \("\\u001b\[2J"\)/],
];

for (const [name, file, reason] of stateRefusals) {
  for (const output of ["text", "json"]) {
    test(`state refuses what is not a RunState checkpoint, exit 2, nothing on stdout: ${name}, ${output}`, async () => {
      const run = await runCli(["state", "-o", output, file], { files: FILES });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, "");
      const prefix = `exechist: Cannot read checkpoint "${file}": `;
      assert.ok(run.stderr.startsWith(prefix), run.stderr);
      assert.match(run.stderr.slice(prefix.length).trimEnd(), reason);
    });
  }
}

test("state --diff refuses a log as either side", async () => {
  const run = await runCli(["state", "--diff", CHECKPOINT, "logs/one_record.jsonl"], { files: FILES });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /this looks like an execution log/);
});

test("state of a directory: files that are no RunState checkpoint are named on stderr, the rest shown", async () => {
  const run = await runCli(["state", "dir"], { files: FILES });
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stderr,
    /"dir\/langgraph\.json": this looks like a LangGraph checkpoint: exechist state reads one given alone, not in a directory of RunState checkpoints \(try: exechist state dir\/langgraph\.json\)/,
  );
  assert.match(run.stderr, /"dir\/log\.json": this looks like an execution log/);
  assert.match(run.stdout, /27a89bd8b3d9/);
});

const langGraphFiles: Array<[string, string]> = [
  ["a bare LangGraph checkpoint", "langgraph/checkpoint.json"],
  ["a tuple", "langgraph/tuple.json"],
];
for (const [name, file] of langGraphFiles) {
  test(`state reads what was refused before as LangGraph's, not RunState's: ${name}`, async () => {
    const run = await runCli(["state", file], { files: FILES });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^LangGraph thread /);
  });
}

test("state of an empty object is still a checkpoint: from_dict gives it every default", async () => {
  const run = await runCli(["state", fixture("checkpoint", "minimal_empty.json")]);
  assert.equal(run.status, 0, run.stderr);
});

const statusWords: Array<[string, string, number]> = [
  // [-s value, records it matches in the log below]
  ["failed", "the error class", 4],
  ["FAILURE", "the error class", 4],
  ["crashed", "the error class", 4],
  ["error", "the error class", 4],
  ["ok", "the success class", 2],
  ["Succeeded", "the success class", 2],
  ["other", "the other class", 2],
  ["cancelled", "the status as written", 1],
  ["CANCELLED", "the status as written, in any case", 1],
  ["skipped", "the status as written", 1],
];
const STATUSES =
  ["failed", "error", "ok", "cancelled", "completed", "skipped", "FAILURE"].map((status, i) =>
    JSON.stringify({ name: `t${i}`, status })
  ).concat(JSON.stringify({ name: "raised", exception: "E" })).join("\n") + "\n";

for (const [word, what, matched] of statusWords) {
  test(`-s ${word} selects ${what}`, async () => {
    const run = await runCli(["summary", "-s", word, "-o", "json", "s.jsonl"], { files: { "s.jsonl": STATUSES } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).matched, matched);
  });
}

test("-s failed in report and last too", async () => {
  const files = { "s.jsonl": STATUSES };
  const report = await runCli(["report", "-o", "json", "-s", "failed", "s.jsonl"], { files });
  assert.deepEqual(JSON.parse(report.stdout).counts, { success: 0, error: 4, other: 0 });
  const last = await runCli(["last", "-o", "json", "-s", "failed", "s.jsonl"], { files });
  assert.equal(JSON.parse(last.stdout).name, "raised");
});
