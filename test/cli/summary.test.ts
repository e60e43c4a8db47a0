import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const SAMPLE = fixture("logs", "sample.jsonl");

interface SummaryDoc {
  total: number;
  matched: number;
  counts: { success: number; error: number; other: number };
  bad_lines: number;
  records: Array<Record<string, unknown>>;
  groups: Array<Record<string, unknown>>;
}

async function summaryJson(args: string[], options = {}): Promise<SummaryDoc> {
  const run = await runCli(["summary", "-o", "json", ...args], options);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as SummaryDoc;
}

test("the Falyx sample: totals, statuses, durations and wall-clock starts, counted by hand", async () => {
  const doc = await summaryJson([SAMPLE]);
  assert.equal(doc.total, 9);
  assert.equal(doc.matched, 9);
  assert.deepEqual(doc.counts, { success: 7, error: 2, other: 0 });
  assert.equal(doc.bad_lines, 0);
  assert.deepEqual(doc.records.map((r) => r.status), [
    "success",
    "success",
    "success",
    "error",
    "success",
    "success",
    "error",
    "success",
    "success",
  ]);
  assert.deepEqual(doc.records.map((r) => r.duration), [0.125, 0, 42.375, 5.002, 1.25, 0.031, 0.5, 0.002, 0]);
  // start_time/end_time are perf_counter() values: Start comes from start_wall, never 1970.
  assert.equal(doc.records[0]!.start, "2025-06-01T09:30:00.125");
  assert.equal(doc.records[3]!.end, "2025-06-01T09:30:55.127");
  assert.ok(doc.records.every((r) => typeof r.start === "string" && (r.start as string).startsWith("2025-06-01T")));
});

test("the same log through a pipe, -, gzip, and with BOM + CRLF gives the same totals", async () => {
  const expected = await summaryJson([SAMPLE]);
  const bytes = fs.readFileSync(path.join(ROOT, SAMPLE));
  const ways: Array<[string, string[], object]> = [
    ["piped, no file", [], { stdin: bytes, stdinIsTTY: false }],
    ["- for standard input", ["-"], { stdin: bytes, stdinIsTTY: false }],
    ["BOM + CRLF", [fixture("logs", "bom_crlf.jsonl")], {}],
  ];
  for (const [name, args, options] of ways) {
    const doc = await summaryJson(args, options);
    assert.deepEqual([doc.total, doc.counts, doc.bad_lines], [expected.total, expected.counts, 0], name);
    assert.deepEqual(
      doc.records.map((r) => [r.index, r.status, r.duration, r.start]),
      expected.records.map((r) => [r.index, r.status, r.duration, r.start]),
      name,
    );
  }
});

test("a copy with garbage lines keeps every good record and reports each bad one by file and line", async () => {
  const run = await runCli(["summary", "-o", "json", fixture("logs", "garbage_lines.jsonl")]);
  assert.equal(run.status, 0);
  const doc = JSON.parse(run.stdout) as SummaryDoc;
  assert.equal(doc.total, 9);
  assert.equal(doc.bad_lines, 6);
  assert.deepEqual(
    run.stderr.trimEnd().split("\n").map((l) => l.split(": ")[0]),
    [2, 6, 8, 10, 14, 16].map((n) => `fixtures/logs/garbage_lines.jsonl:${n}`),
  );
});

test("filters agree with a count by hand", async () => {
  const cases: Array<[string[], number[]]> = [
    [["-s", "success"], [0, 1, 2, 4, 5, 7, 8]],
    [["-s", "error"], [3, 6]],
    [["-s", "other"], []],
    [["-n", "deploy"], [3, 4, 6]],
    [["-n", "deploy", "-n", "notify"], [3, 4, 5, 6]],
    [["-n", "deploy", "-s", "error"], [3, 6]],
    [["-i", "2"], [2]],
    [["-i", "2..4"], [2, 3, 4]],
    [["-i", "7.."], [7, 8]],
    [["--since", "2025-06-01T09:31:00", "--until", "2025-06-01T09:31:10.125"], [4, 5, 6]],
    [["--run", "run-7f3a", "--limit", "2"], [7, 8]],
    [["--run", "nope"], []],
  ];
  for (const [args, indexes] of cases) {
    const doc = await summaryJson([...args, SAMPLE]);
    assert.deepEqual(doc.records.map((r) => r.index), indexes, args.join(" "));
    assert.equal(doc.total, 9, "total covers every record read");
  }
});

test("--group-by name agrees with a count by hand", async () => {
  const doc = await summaryJson(["--group-by", "name", SAMPLE]);
  const byName = Object.fromEntries(doc.groups.map((g) => [g.name, [g.count, g.success, g.error]]));
  assert.deepEqual(byName, {
    deploy: [3, 1, 2],
    fetch_config: [2, 2, 0],
    build: [1, 1, 0],
    notify: [1, 1, 0],
    health_check: [1, 1, 0],
    history: [1, 1, 0],
  });
  const deploy = doc.groups[0]!;
  assert.equal(deploy.name, "deploy");
  assert.equal(deploy.p50, 1.25);
  assert.equal(deploy.max, 5.002);
  assert.equal(deploy.first_start, "2025-06-01T09:30:50.125");
});

test("no match is not an error: an empty table and a line saying so", async () => {
  const run = await runCli(["summary", "-n", "nothing", SAMPLE]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^Index +Name +Start/);
  assert.match(run.stdout, /No executions matched \(of 9 records\)\./);
});

test("cells are cut to COLUMNS when not on a terminal, never in json or csv", async () => {
  const narrow = await runCli(["summary", SAMPLE], { env: { COLUMNS: "80" } });
  assert.ok(narrow.stdout.split("\n").every((line) => [...line].length <= 80), narrow.stdout);
  assert.match(narrow.stdout, /…/);
  const csv = await runCli(["summary", "-o", "csv", SAMPLE], { env: { COLUMNS: "40" } });
  assert.match(csv.stdout, /ConnectionError: cannot reach db-01: timeout after 5\.0s/);
});

const goldens: Array<[string, string[]]> = [
  ["summary/table.txt", ["summary", SAMPLE]],
  ["summary/default_command.txt", [SAMPLE]],
  ["summary/json.json", ["summary", "-o", "json", SAMPLE]],
  ["summary/ndjson.jsonl", ["summary", "-o", "ndjson", SAMPLE]],
  ["summary/csv.csv", ["summary", "-o", "csv", SAMPLE]],
  ["summary/markdown.md", ["summary", "-o", "markdown", SAMPLE]],
  ["summary/limit_3.txt", ["summary", "--limit", "3", SAMPLE]],
  ["summary/group_name.txt", ["summary", "--group-by", "name", SAMPLE]],
  ["summary/group_name.json", ["summary", "--group-by", "name", "-o", "json", SAMPLE]],
  ["summary/group_status.csv", ["summary", "--group-by", "status", "-o", "csv", SAMPLE]],
  ["summary/group_run.md", [
    "summary",
    "--group-by",
    "run",
    "-o",
    "markdown",
    fixture("logs", "multi_process_a.jsonl"),
    fixture("logs", "multi_process_b.jsonl"),
  ]],
  ["summary/multi_process.txt", [
    "summary",
    fixture("logs", "multi_process_a.jsonl"),
    fixture("logs", "multi_process_b.jsonl"),
  ]],
  ["summary/multi_process_local.json", [
    "summary",
    "--local",
    "-o",
    "json",
    fixture("logs", "multi_process_a.jsonl"),
    fixture("logs", "multi_process_b.jsonl"),
  ]],
  ["summary/status_cancelled.ndjson", [
    "summary",
    "-s",
    "cancelled",
    "-o",
    "ndjson",
    fixture("logs", "multi_process_b.jsonl"),
  ]],
];

for (const [name, argv] of goldens) {
  test(`golden: ${name}`, async () => {
    const run = await runCli(argv);
    assert.equal(run.status, 0, run.stderr);
    assertGolden(name, run.stdout);
  });
}
