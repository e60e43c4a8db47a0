import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const SAMPLE = fixture("logs", "sample.jsonl");
const PROCS = [fixture("logs", "multi_process_a.jsonl"), fixture("logs", "multi_process_b.jsonl")];

test("result prints the signature, then the result with a 20-digit integer exactly", async () => {
  const run = await runCli(["result", "2", SAMPLE]);
  assert.equal(run.status, 0);
  assert.equal(
    run.stdout,
    `build(target='release')\n{\n  "artifact": "app-1.4.2.tar.gz",\n  "bytes": 18446744073709551617\n}\n`,
  );
});

test("result of a failed execution prints its traceback", async () => {
  const run = await runCli(["result", "3", SAMPLE]);
  assert.equal(run.status, 0);
  const lines = run.stdout.split("\n");
  assert.equal(lines[0], "deploy('db-01', timeout=5.0)");
  assert.equal(lines[1], "Traceback (most recent call last):");
  assert.equal(lines.at(-2), "ConnectionError: cannot reach db-01: timeout after 5.0s");
});

test("result keeps NaN as logged in text, and writes null in JSON", async () => {
  const text = await runCli(["result", "1", SAMPLE]);
  assert.match(text.stdout, /"ratio": NaN/);
  const json = await runCli(["result", "1", "-o", "json", SAMPLE]);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.result.ratio, null);
  assert.equal(doc.fields.start_time, 81236.0678125, "fields holds the original object");
  assert.match(json.stdout, /"bytes"|"ratio": null/);
});

test("result -o json has the record keys plus fields, with big integers exact", async () => {
  const run = await runCli(["result", "2", "-o", "json", SAMPLE]);
  assert.deepEqual(Object.keys(JSON.parse(run.stdout)), [
    "index",
    "name",
    "start",
    "end",
    "duration",
    "status",
    "result",
    "exception",
    "traceback",
    "signature",
    "run_id",
    "source",
    "fields",
  ]);
  assert.match(run.stdout, /"bytes": 18446744073709551617/);
});

test("an index that is not there: message on stderr, status 1", async () => {
  const run = await runCli(["result", "99", SAMPLE]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, "exechist: No execution with index 99 (9 records read)\n");
});

test("a repeated index shows the first match and names the others", async () => {
  const run = await runCli(["result", "1", ...PROCS]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /"rows": 1200/);
  assert.equal(
    run.stderr,
    "exechist: index 1 appears 2 times (logs of several processes?); showing fixtures/logs/multi_process_a.jsonl:2; also at fixtures/logs/multi_process_b.jsonl:2\n",
  );
});

test("last skips the record marked ignore_in_history", async () => {
  const run = await runCli(["last", SAMPLE]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^health_check\(\)\n/);
});

test("last takes the filters of summary; nothing found is status 1", async () => {
  const failed = await runCli(["last", "-s", "error", SAMPLE]);
  assert.match(failed.stdout, /^deploy\('db-03', timeout=5\.0\)\nTraceback/);
  const none = await runCli(["last", "-n", "nothing", SAMPLE]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /No execution found/);
});

test("summary -r and -l behave as result and last", async () => {
  assert.deepEqual(await runCli(["summary", "-r", "2", SAMPLE]), await runCli(["result", "2", SAMPLE]));
  assert.deepEqual(await runCli(["summary", "-l", SAMPLE]), await runCli(["last", SAMPLE]));
});

const goldens: Array<[string, string[]]> = [
  ["result/result_2.txt", ["result", "2", SAMPLE]],
  ["result/result_3.txt", ["result", "3", SAMPLE]],
  ["result/result_2.json", ["result", "2", "-o", "json", SAMPLE]],
  ["result/last.txt", ["last", SAMPLE]],
  ["result/last_error.json", ["last", "-s", "error", "-o", "json", ...PROCS]],
];

for (const [name, argv] of goldens) {
  test(`golden: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assertGolden(name, run.stdout);
  });
}
