import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

const EMPTY = { "empty.jsonl": "", "blank.jsonl": "\n\n  \n" };
const MESSAGE = "exechist: No records in the input: an empty log, or a run that stopped before it logged anything " +
  "(the report fails; --allow-empty accepts an empty input)\n";

const cases: Array<[string, string[], { stdin?: string }]> = [
  // [case, argv after "report", standard input]
  ["an empty file", ["empty.jsonl"], {}],
  ["a file of blank lines", ["blank.jsonl"], {}],
  ["standard input closed at once", [], { stdin: "" }],
  ["standard input named with -", ["-"], { stdin: "" }],
  ["--fail-on none does not make it pass", ["--fail-on", "none", "empty.jsonl"], {}],
];
const FORMATS = ["markdown", "junit", "ctrf", "github", "json"];

for (const [name, argv, { stdin }] of cases) {
  for (const format of FORMATS) {
    test(`report of an input with no records fails, loudly: ${name}, ${format}`, async () => {
      const options = { files: EMPTY, ...(stdin === undefined ? {} : { stdin, stdinIsTTY: false }) };
      const run = await runCli(["report", "-o", format, ...argv], options);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, MESSAGE);
      const allowed = await runCli(["report", "-o", format, "--allow-empty", ...argv], options);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.equal(allowed.stderr, "");
    });
  }
}

test("report of an empty input: the markdown says so in its headline, not with a green mark", async () => {
  const run = await runCli(["report", "empty.jsonl"], { files: EMPTY });
  assert.match(run.stdout, /^## ❌ exechist report: no executions, the input has no records\n/);
  assert.match(run.stdout, /\*\*The input has no records\*\*: an empty log, or a run that stopped before it logged/);
  assert.doesNotMatch(run.stdout, /✅/);
  const allowed = await runCli(["report", "--allow-empty", "empty.jsonl"], { files: EMPTY });
  assert.match(allowed.stdout, /^## ✅ exechist report: no executions, the input has no records\n/);
  assert.match(allowed.stdout, /The input has no records \(accepted: --allow-empty\)\./);
});

test("report of an empty input: github output opens with an error annotation, json says failing", async () => {
  const github = await runCli(["report", "-o", "github", "empty.jsonl"], { files: EMPTY });
  assert.match(github.stdout, /^::error title=exechist report::No records in the input: /);
  const allowed = await runCli(["report", "-o", "github", "--allow-empty", "empty.jsonl"], { files: EMPTY });
  assert.doesNotMatch(allowed.stdout, /::error/);
  const json = await runCli(["report", "-o", "json", "empty.jsonl"], { files: EMPTY });
  assert.deepEqual([JSON.parse(json.stdout).total, JSON.parse(json.stdout).failing], [0, true]);
});

test("report: records that the filters all leave out are not an empty input (status 0, as before)", async () => {
  const run = await runCli(["report", "--run", "nope", fixture("report", "clean.jsonl")]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.match(run.stdout, /^## ✅ exechist report: 0 executions, 0 failed\n/);
});

test("report: empty inputs beside a log with records do not fail the report", async () => {
  const run = await runCli(["report", "empty.jsonl", fixture("report", "clean.jsonl")], { files: EMPTY });
  assert.equal(run.status, 0, run.stderr);
});
