import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

interface Row {
  name: string;
  start: string | null;
  end: string | null;
  duration: number | null;
  status: string;
  result: unknown;
  exception: string | null;
  traceback: string | null;
  run_id: string | null;
  source: string;
}

interface SummaryDoc {
  total: number;
  counts: { success: number; error: number; other: number };
  bad_lines: number;
  records: Row[];
}

async function summary(file: string, ...args: string[]): Promise<SummaryDoc> {
  const run = await runCli(["summary", "-o", "json", "--limit", "0", ...args, file]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as SummaryDoc;
}

async function fieldsOf(file: string, index: number): Promise<Record<string, unknown>> {
  const run = await runCli(["result", "-o", "json", String(index), file]);
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { fields: Record<string, unknown> }).fields;
}

const OTLP_PROTO = fixture("otlp", "proto_example_trace.json");
const OTLP_COLLECTOR = fixture("otlp", "collector_file_export.jsonl");
const TEMPORAL_JAVA = fixture("temporal", "java_async_activity_retry.json");
const TEMPORAL_TS = fixture("temporal", "ts_otel_smorgasbord.json");
const TEMPORAL_CANCEL = fixture("temporal", "ts_cancel_fake_progress.json");
const CTRF = fixture("ctrf", "comprehensive.json");
const GO_TEST = fixture("go-test", "gotestsum_go_test_json.out");

test("OTLP: the opentelemetry-proto example, one pretty-printed document, is its one span", async () => {
  const doc = await summary(OTLP_PROTO);
  assert.equal(doc.total, 1);
  const [span] = doc.records;
  assert.equal(span!.name, "I'm a server span");
  assert.equal(span!.start, "2018-12-13T14:51:00Z"); // startTimeUnixNano 1544712660000000000
  assert.equal(span!.duration, 1);
  assert.equal(span!.status, "success"); // no status: unset
  assert.equal(span!.run_id, "5B8EFFF798038103D269B633813FC60C");
  assert.equal(span!.source, `${OTLP_PROTO}:29`); // the span's opening brace
  const fields = await fieldsOf(OTLP_PROTO, 0);
  assert.equal(fields["service.name"], "my.service");
  assert.deepEqual(fields.attributes, { "my.span.attr": "some value" });
});

test("OTLP: the SDK's JSON, a request a line, gives a record per span with status.code, exception event and trace", async () => {
  const doc = await summary(OTLP_COLLECTOR);
  // Two requests: trace 1 has run_pipeline and its extract, transform, load; trace 2 GET /orders and its query.
  assert.deepEqual(doc.records.map((r) => [r.name, r.status]), [
    ["extract", "success"], // code 1
    ["transform", "error"], // code 2
    ["load", "success"], // unset
    ["run_pipeline", "error"],
    ["SELECT orders", "success"],
    ["GET /orders", "success"],
  ]);
  assert.deepEqual(doc.counts, { success: 4, error: 2, other: 0 });
  const transform = doc.records[1]!;
  assert.equal(transform.start, "2025-06-01T09:30:01.260Z");
  assert.equal(transform.duration, 0.442);
  assert.equal(transform.exception, "TypeError: column 'amount' is not numeric");
  assert.match(transform.traceback!, /^TypeError: column 'amount' is not numeric\n {4}at /);
  assert.equal(doc.records[3]!.exception, "1 step failed"); // status.message, no exception event
  // Nanoseconds kept to the microsecond: 1748770200005000250 .. 1748770201255000500.
  assert.equal(doc.records[0]!.start, "2025-06-01T09:30:00.005Z");
  assert.equal(doc.records[0]!.duration, 1.25);
  assert.equal(doc.records[4]!.duration, 0.040125);
  assert.deepEqual(new Set(doc.records.map((r) => r.run_id)).size, 2);
  assert.deepEqual(doc.records.map((r) => r.source), [1, 1, 1, 1, 2, 2].map((line) => `${OTLP_COLLECTOR}:${line}`));
});

test("Temporal: an old-spelling Java history is its failed activity, joined by scheduledEventId", async () => {
  const doc = await summary(TEMPORAL_JAVA);
  assert.equal(doc.total, 1);
  const [activity] = doc.records;
  assert.equal(activity!.name, "HeartbeatAndThrowIO");
  assert.equal(activity!.status, "error");
  assert.equal(activity!.start, "2020-07-14T15:04:04Z"); // ActivityTaskStarted, attempt 2
  assert.equal(activity!.exception, "java.io.IOException: simulated IO problem");
  assert.match(activity!.traceback!, /^io\.temporal\.workflow\.WorkflowTest\$TestActivitiesImpl\.heartbeatAndThrowIO/);
  assert.equal(activity!.source, `${TEMPORAL_JAVA}:112`); // event 7, ActivityTaskFailed
  assert.equal((await fieldsOf(TEMPORAL_JAVA, 0)).attempt, 2);
});

test("Temporal: an EVENT_TYPE_* history gives each activity its own start, end, result and the workflow's run", async () => {
  const doc = await summary(TEMPORAL_TS);
  assert.deepEqual(doc.records.map((r) => [r.name, r.status, r.start, r.duration]), [
    ["fakeProgress", "success", "2026-06-26T14:44:21.819526Z", 1.014811],
    ["queryOwnWf", "success", "2026-06-26T14:44:21.819533Z", 0.017548],
  ]);
  assert.equal(doc.records[1]!.result, 2); // a json/plain payload, "Mg==" is 2
  assert.equal(
    doc.records[0]!.run_id,
    "6305f34a-ee33-4c95-8b8d-db6a1ac88ebd/24c39852-41f1-45b4-af74-eb75e1a2719c",
  );
});

test("Temporal: a cancelled activity is neither a success nor an error", async () => {
  const doc = await summary(TEMPORAL_CANCEL);
  assert.deepEqual(doc.records.map((r) => [r.name, r.status, r.duration]), [["fakeProgress", "cancelled", 1]]);
  assert.deepEqual(doc.counts, { success: 0, error: 0, other: 1 });
});

test("CTRF: the ctrf-io example is its three tests, with message and trace of the failed one", async () => {
  const doc = await summary(CTRF);
  assert.deepEqual(doc.records.map((r) => [r.name, r.status, r.duration]), [
    ["user can login", "success", 3.5],
    ["user can checkout", "success", 5.2],
    ["admin dashboard loads", "error", 8],
  ]);
  const failed = doc.records[2]!;
  assert.equal(failed.start, "2021-01-01T00:00:13.900Z"); // start 1609459213900
  assert.equal(failed.exception, "Element not found: .dashboard-metrics");
  assert.match(failed.traceback!, /^Error: Element not found: \.dashboard-metrics\n {4}at waitForElement/);
  assert.equal(failed.run_id, "9d2c6a10-3f7a-4e22-9a8f-1a2b3c4d5e6f");
  const checkout = await fieldsOf(CTRF, 1);
  assert.equal(checkout.flaky, true);
  assert.equal(checkout.retry_attempts, 2);
});

test("go test -json: a record per test, failing output as the traceback, a package failing alone kept", async () => {
  const doc = await summary(GO_TEST);
  // 42 tests pass, 12 fail, 5 skip; badmain exits 2 with no test: one more error.
  assert.deepEqual(doc.counts, { success: 42, error: 13, other: 5 });
  const failed = doc.records.find((r) => r.name === "TestFailed")!;
  assert.equal(failed.status, "error");
  assert.equal(failed.exception, "fails_test.go:34: this failed");
  assert.equal(
    failed.traceback,
    "=== RUN   TestFailed\n    fails_test.go:34: this failed\n--- FAIL: TestFailed (0.00s)",
  );
  assert.equal(failed.run_id, "gotest.tools/gotestsum/testjson/internal/withfails");
  assert.equal(failed.start, "2022-06-19T17:44:44.988388Z"); // 13:44:44.988388139-04:00
  const badmain = doc.records.find((r) => r.name === "gotest.tools/gotestsum/testjson/internal/badmain")!;
  assert.equal(badmain.exception, "sometimes main can exit 2");
  assert.equal(doc.records.filter((r) => r.status === "skipped").length, 5);
});

test("report -o junit and -o ctrf of an OTLP file and a Temporal history count what the sources show", async () => {
  for (const [file, tests, failed] of [[OTLP_COLLECTOR, 6, 2], [TEMPORAL_JAVA, 1, 1], [TEMPORAL_TS, 2, 0]] as const) {
    const junit = await runCli(["report", "-o", "junit", "--fail-on", "none", file]);
    assert.equal(junit.status, 0, junit.stderr);
    assert.match(junit.stdout, new RegExp(`<testsuites name="exechist" tests="${tests}" failures="${failed}" `));
    const ctrf = await runCli(["report", "-o", "ctrf", "--fail-on", "none", file]);
    const summaryOf = (JSON.parse(ctrf.stdout) as { results: { summary: { tests: number; failed: number } } }).results
      .summary;
    assert.deepEqual([summaryOf.tests, summaryOf.failed], [tests, failed], file);
    const table = await summary(file);
    assert.deepEqual([table.total, table.counts.error], [tests, failed], file);
  }
});

test("a pretty-printed JSON document of no known format is refused with what it is, not read line by line", async () => {
  const run = await runCli(["summary", "run.json"], {
    files: { "run.json": '{\n  "name": "build",\n  "status": "ok"\n}\n' },
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Cannot read "run\.json": it is one JSON document over 5 lines, not JSON lines/);
  assert.doesNotMatch(run.stderr, /run\.json:1:/); // no bad line per line
});

test("JSON lines of records are read as they are, even when the first record is pretty short", async () => {
  const run = await runCli(["summary", "-o", "json", "a.jsonl"], {
    files: { "a.jsonl": '{"name": "a", "status": "ok"}\n{"name": "b", "exception": "boom"}\n' },
  });
  assert.equal(run.status, 0, run.stderr);
  const doc = JSON.parse(run.stdout) as SummaryDoc;
  assert.deepEqual(doc.records.map((r) => [r.name, r.status, r.source]), [
    ["a", "success", "a.jsonl:1"],
    ["b", "error", "a.jsonl:2"],
  ]);
});

test("--from names the format: a go test -json stream on standard input, and a log that is not that format", async () => {
  const fs = await import("node:fs");
  const stdin = fs.readFileSync(GO_TEST);
  const piped = await runCli(["summary", "-o", "json", "--from", "go-test", "--limit", "0"], { stdin });
  assert.equal(piped.status, 0, piped.stderr);
  const doc = JSON.parse(piped.stdout) as SummaryDoc;
  assert.deepEqual(doc.counts, { success: 42, error: 13, other: 5 });
  assert.equal(doc.records[0]!.source, "<stdin>:3"); // badmain's package fail event

  const wrong = await runCli(["summary", "--from", "temporal", fixture("logs", "sample.jsonl")]);
  assert.equal(wrong.status, 2);
  assert.match(
    wrong.stderr,
    /Cannot read "fixtures.logs.sample\.jsonl" as a Temporal workflow history: no temporal data/,
  );

  const asLines = await runCli(["summary", "--from", "falyx", TEMPORAL_CANCEL]);
  assert.equal(asLines.status, 2); // read line by line, as it is: every line is bad
  assert.match(asLines.stderr, /ts_cancel_fake_progress\.json:1: /);
});
