import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { statusLog } from "./generated_logs.ts";

const REALISTIC = fixture("report", "realistic.jsonl");
const CLEAN = fixture("report", "clean.jsonl");
const FILES = {
  "cancelled.jsonl": statusLog(["ok", "cancelled", "ok"]),
  "errored.jsonl": statusLog(["ok", "error"]),
  "bad_only.jsonl": "not json\n[1, 2]\n",
};

const cases: Array<[string, string[], number]> = [
  // [case, argv after "report", exit status]
  ["failures exit 1 by default", [REALISTIC], 1],
  ["--fail-on error with failures", ["--fail-on", "error", REALISTIC], 1],
  ["--fail-on none never fails", ["--fail-on", "none", REALISTIC], 0],
  ["--fail-on any with failures", ["--fail-on", "any", REALISTIC], 1],
  ["--fail-on other with cancelled records", ["--fail-on", "other", REALISTIC], 1],
  ["clean log", [CLEAN], 0],
  ["clean log, --fail-on any", ["--fail-on", "any", CLEAN], 0],
  ["clean log, --fail-on other", ["--fail-on", "other", CLEAN], 0],
  ["only cancelled: error passes", ["cancelled.jsonl"], 0],
  ["only cancelled: other fails", ["--fail-on", "other", "cancelled.jsonl"], 1],
  ["only cancelled: any fails", ["--fail-on", "any", "cancelled.jsonl"], 1],
  ["only errors: other passes", ["--fail-on", "other", "errored.jsonl"], 0],
  ["only errors: any fails", ["--fail-on", "any", "errored.jsonl"], 1],
  ["filters apply: a name without failures", ["-n", "send_receipt", REALISTIC], 0],
  ["filters apply: a name with failures", ["-n", "fetch_orders", REALISTIC], 1],
  ["filters apply: a name with cancelled records, --fail-on other", [
    "-n",
    "send_receipt",
    "--fail-on",
    "other",
    REALISTIC,
  ], 1],
  ["filters apply: status success", ["-s", "success", REALISTIC], 0],
  ["filters apply: index range before the first failure", ["-i", "0..1", REALISTIC], 0],
  ["filters apply: --until before every record", ["--until", "2025-01-01T00:00:00Z", REALISTIC], 0],
  ["filters apply: an unknown run", ["--run", "nope", REALISTIC], 0],
  ["filters apply: the run", ["--run", "run-7f3a", REALISTIC], 1],
  ["every format fails alike: junit", ["-o", "junit", REALISTIC], 1],
  ["every format fails alike: ctrf", ["-o", "ctrf", REALISTIC], 1],
  ["every format fails alike: github", ["-o", "github", REALISTIC], 1],
  ["every format fails alike: json", ["-o", "json", REALISTIC], 1],
  ["every format passes alike: junit", ["-o", "junit", CLEAN], 0],
  ["a bad --fail-on is a usage error", ["--fail-on", "sometimes", REALISTIC], 2],
  ["a bad -o is a usage error", ["-o", "pdf", REALISTIC], 2],
  ["a bad --since is a usage error", ["--since", "yesterday", REALISTIC], 2],
  ["a missing file is unreadable input", ["missing.jsonl"], 2],
  ["--strict with a bad line", ["--strict", REALISTIC], 2],
  ["every line bad", ["bad_only.jsonl"], 2],
];

for (const [name, argv, status] of cases) {
  test(`report exit status: ${name}`, async () => {
    const run = await runCli(["report", ...argv], { files: FILES });
    assert.equal(run.status, status, run.stderr);
  });
}

test("report: usage errors say why on stderr and print no report", async () => {
  const run = await runCli(["report", "--since", "yesterday", REALISTIC]);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /--since must be an ISO-8601 time/);
});

test("report: bad lines are reported on stderr and counted, the report still goes on", async () => {
  const run = await runCli(["report", REALISTIC]);
  assert.match(run.stderr, /realistic\.jsonl:14: not JSON/);
  assert.match(run.stdout, /\| 23 \| 15 \| 5 \| 3 \| 1 \|/);
});

test("report: standard input works as an input", async () => {
  const run = await runCli(["report", "-o", "json"], { stdin: statusLog(["ok", "error"]), stdinIsTTY: false });
  assert.equal(run.status, 1);
  assert.equal(JSON.parse(run.stdout).counts.error, 1);
});
