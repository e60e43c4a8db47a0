import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { ctrfStatus } from "../../src/report/ctrf_status.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { failingLog } from "./generated_logs.ts";
import { type Json, validateJson } from "./json_schema.ts";

// The official CTRF schema, vendored: see ctrf.schema.README.md for its source.
const SCHEMA = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "ctrf.schema.json"), "utf8"),
);

interface Expected {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  pending: number;
  other: number;
}

const FIXTURES: Array<[string, Expected]> = [
  ["realistic", { tests: 23, passed: 15, failed: 5, skipped: 2, pending: 1, other: 0 }],
  ["clean", { tests: 5, passed: 5, failed: 0, skipped: 0, pending: 0, other: 0 }],
  ["nasty", { tests: 9, passed: 2, failed: 6, skipped: 1, pending: 0, other: 0 }],
];

// deno-lint-ignore no-explicit-any
type Doc = any;

async function ctrfOf(argv: string[], files?: Record<string, string>): Promise<Doc> {
  const run = await runCli(["report", "-o", "ctrf", ...argv], files ? { files } : {});
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout);
}

for (const [log, expected] of FIXTURES) {
  test(`ctrf: ${log} validates against the CTRF schema, with the right summary`, async () => {
    const doc = await ctrfOf([fixture("report", `${log}.jsonl`)]);
    assert.deepEqual(validateJson(SCHEMA, doc), []);
    assert.equal(doc.reportFormat, "CTRF");
    assert.equal(doc.results.tool.name, "exechist");
    const s = doc.results.summary;
    assert.deepEqual(
      { tests: s.tests, passed: s.passed, failed: s.failed, skipped: s.skipped, pending: s.pending, other: s.other },
      expected,
    );
    assert.equal(doc.results.tests.length, expected.tests);
    const tally: Record<string, number> = { passed: 0, failed: 0, skipped: 0, pending: 0, other: 0 };
    for (const t of doc.results.tests) tally[t.status]!++;
    assert.deepEqual(tally, {
      passed: s.passed,
      failed: s.failed,
      skipped: s.skipped,
      pending: s.pending,
      other: s.other,
    });
    assert.ok(s.start <= s.stop);
    assert.equal(s.duration, s.stop - s.start);
    for (const t of doc.results.tests) {
      assert.ok(Number.isInteger(t.duration) && t.duration >= 0);
      if (t.start !== undefined && t.stop !== undefined) {
        assert.ok(s.start <= t.start && t.stop <= s.stop && t.start <= t.stop);
      }
      if (t.status === "failed") assert.equal(typeof t.message, "string");
    }
  });
}

test("ctrf: failures carry message, trace and rawStatus; times come from the records", async () => {
  const doc = await ctrfOf([fixture("report", "realistic.jsonl")]);
  const tests = doc.results.tests;
  const charge = tests.find((t: Doc) => t.name === "charge_card #9");
  assert.equal(charge.status, "failed");
  assert.equal(charge.message, "stripe.error.CardError: Your card was declined.");
  assert.ok(charge.trace.endsWith("stripe.error.CardError: Your card was declined."));
  assert.equal(charge.rawStatus, "error");
  assert.equal(charge.duration, 2113);
  assert.deepEqual(charge.suite, ["charge_card"]);
  assert.equal(tests.find((t: Doc) => t.name === "send_receipt #12").status, "skipped");
  assert.equal(tests.find((t: Doc) => t.name === "send_receipt #12").rawStatus, "cancelled");
  assert.equal(tests.find((t: Doc) => t.name === "nightly_export #22").status, "pending");
  assert.equal(doc.results.summary.start, Date.UTC(2025, 5, 1, 9, 0, 0));
});

test("ctrf: nothing matched is still a valid document, timed at the report's own clock", async () => {
  const now = Date.UTC(2025, 6, 4, 8, 0, 0);
  const run = await runCli(["report", "-o", "ctrf", "-n", "nobody", fixture("report", "realistic.jsonl")], { now });
  const doc = JSON.parse(run.stdout);
  assert.deepEqual(validateJson(SCHEMA, doc), []);
  assert.equal(doc.results.tests.length, 0);
  assert.equal(doc.results.summary.start, now);
  assert.equal(doc.results.summary.stop, now);
});

test("ctrf: a generated log of many failures validates", async () => {
  const doc = await ctrfOf(["many.jsonl"], { "many.jsonl": failingLog(200, 200, 50) });
  assert.deepEqual(validateJson(SCHEMA, doc), []);
  assert.equal(doc.results.summary.failed, 200);
  assert.equal(doc.results.summary.passed, 50);
});

const STATUS_CASES: Array<[string, "success" | "error" | "other", string]> = [
  ["success", "success", "passed"],
  ["error", "error", "failed"],
  ["cancelled", "other", "skipped"],
  ["Canceled", "other", "skipped"],
  ["skipped", "other", "skipped"],
  ["running", "other", "pending"],
  ["queued", "other", "pending"],
  ["weird", "other", "other"],
];

for (const [status, statusClass, expected] of STATUS_CASES) {
  test(`ctrf status: ${status} is ${expected}`, () => assert.equal(ctrfStatus(statusClass, status), expected));
}

// The validator must be able to say no, or its "valid" means nothing.
const MINIMAL: Json = {
  reportFormat: "CTRF",
  specVersion: "1.0.0",
  results: {
    tool: { name: "x" },
    summary: { tests: 1, passed: 1, failed: 0, skipped: 0, pending: 0, other: 0, start: 1, stop: 2 },
    tests: [{ name: "t", status: "passed", duration: 1 }],
  },
};

const BROKEN: Array<[string, (doc: Doc) => void, RegExp]> = [
  ["wrong reportFormat", (d) => (d.reportFormat = "JUnit"), /reportFormat: must be "CTRF"/],
  ["bad specVersion", (d) => (d.specVersion = "1.0"), /specVersion: does not match/],
  ["missing summary.stop", (d) => delete d.results.summary.stop, /summary: missing "stop"/],
  ["status out of enum", (d) => (d.results.tests[0].status = "broken"), /tests\/0\/status: "broken" is not one of/],
  ["fractional duration", (d) => (d.results.tests[0].duration = 1.5), /tests\/0\/duration: expected integer/],
  ["unknown property", (d) => (d.results.tests[0].colour = "red"), /tests\/0\/colour: property not allowed/],
  ["empty name", (d) => (d.results.tests[0].name = ""), /tests\/0\/name: shorter than 1/],
  ["empty suite", (d) => (d.results.tests[0].suite = []), /tests\/0\/suite: fewer than 1 items/],
  [
    "retry attempt 0",
    (d) => (d.results.tests[0].retryAttempts = [{ attempt: 0, status: "failed" }]),
    /attempt: below 1/,
  ],
  ["label of an object", (d) => (d.results.tests[0].labels = { a: { b: 1 } }), /labels\/a: matches none of anyOf/],
  [
    "insight through $ref",
    (d) => (d.insights = { passRate: { current: "high" } }),
    /insights\/passRate\/current: expected number/,
  ],
  ["bad uuid", (d) => (d.reportId = "not-a-uuid"), /reportId: not a uuid/],
];

test("the schema validator accepts the minimal CTRF example", () =>
  assert.deepEqual(validateJson(SCHEMA, MINIMAL), []));

for (const [name, breakIt, error] of BROKEN) {
  test(`the schema validator rejects: ${name}`, () => {
    const doc = structuredClone(MINIMAL) as Doc;
    breakIt(doc);
    const errors = validateJson(SCHEMA, doc);
    assert.ok(errors.some((e) => error.test(e)), errors.join("\n"));
  });
}

test("the schema validator refuses keywords it does not implement", () => {
  assert.throws(() => validateJson({ type: "string", maxLength: 3 }, "abcd"), /unsupported keyword "maxLength"/);
});

test("ctrf: a duration of 1e308 seconds and a lone surrogate still give strict JSON", async () => {
  const log = '{"name":"huge\\ud800","duration":1e308,"status":"error","exception":"E\\udc00"}\n' +
    '{"name":"small","start_wall":1748770200,"duration":1e308,"status":"OK"}\n';
  const run = await runCli(["report", "-o", "ctrf", "huge.jsonl"], { files: { "huge.jsonl": log } });
  assert.ok(!/Infinity|NaN|\\ud[89a-f]/i.test(run.stdout), run.stdout);
  const doc = JSON.parse(run.stdout);
  assert.deepEqual(validateJson(SCHEMA, doc), []);
  assert.equal(doc.results.tests[0].duration, Number.MAX_SAFE_INTEGER);
  assert.equal(doc.results.tests[0].name, "huge\ufffd #0");
  assert.equal(doc.results.tests[0].message, "E\ufffd");
  assert.ok(Number.isFinite(doc.results.tests[1].stop));
});
