import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

interface SummaryRecord {
  name: string;
  status: string;
  start: string | null;
  end: string | null;
  duration: number | null;
  exception: unknown;
  traceback: string | null;
}

interface SummaryDoc {
  records: SummaryRecord[];
  bad_lines: number;
}

async function summary(argv: string[]): Promise<{ doc: SummaryDoc; stderr: string }> {
  const run = await runCli(["summary", "-o", "json", ...argv]);
  assert.equal(run.status, 0, run.stderr);
  return { doc: JSON.parse(run.stdout) as SummaryDoc, stderr: run.stderr };
}

/** What a person reads of a record: name, status, start, end, duration, exception, the traceback's first line. */
type Row = [string, string, string | null, string, number | null, unknown, string | null];

function rowsOf(doc: SummaryDoc): Row[] {
  return doc.records.map((r) => [
    r.name,
    r.status,
    r.start,
    r.end!,
    r.duration,
    r.exception,
    r.traceback?.split("\n")[0] ?? null,
  ]);
}

const NOT_NUMERIC = "column 'amount' is not numeric";
const JS_STACK = `TypeError: ${NOT_NUMERIC}`;
const PY_STACK = "Traceback (most recent call last):";

// Each fixture is a pipeline's steps logged by the real library (fixtures/make): extract, transform (which
// failed), load; the step in `step`, its duration in `durationMs` (JavaScript) or `duration` (Python).
// A line's time is its end; its start is the end less the duration.
const PRESETS: Array<[string, string[], Row[], number]> = [
  ["pino.jsonl", ["--from", "pino", "--map", "duration_ms=durationMs"], [
    // time 1796401274457 ms (16:21:14.457Z), durationMs 1250
    ["extract", "success", "2026-12-04T16:21:13.207Z", "2026-12-04T16:21:14.457Z", 1.25, null, null],
    // level 50; err.message, err.stack
    ["transform", "error", "2026-12-04T16:21:14.025Z", "2026-12-04T16:21:14.467Z", 0.442, NOT_NUMERIC, JS_STACK],
    ["load", "success", "2026-12-04T16:21:14.278Z", "2026-12-04T16:21:14.468Z", 0.19, null, null],
  ], 0],
  ["bunyan.jsonl", ["--from", "bunyan", "--map", "duration_ms=durationMs"], [
    ["extract", "success", "2026-12-04T16:21:13.241Z", "2026-12-04T16:21:14.491Z", 1.25, null, null],
    ["transform", "error", "2026-12-04T16:21:14.162Z", "2026-12-04T16:21:14.604Z", 0.442, NOT_NUMERIC, JS_STACK],
    ["load", "success", "2026-12-04T16:21:14.414Z", "2026-12-04T16:21:14.604Z", 0.19, null, null],
  ], 0],
  // winston's failed line is the error alone (logger.error(err)): no step, so its message names it (an alias).
  ["winston.jsonl", ["--from", "winston", "--map", "name=message", "--map", "duration_ms=durationMs"], [
    ["extract", "success", "2026-12-04T16:21:13.376Z", "2026-12-04T16:21:14.626Z", 1.25, null, null],
    [NOT_NUMERIC, "error", null, "2026-12-04T16:21:14.641Z", null, NOT_NUMERIC, JS_STACK],
    ["load", "success", "2026-12-04T16:21:14.451Z", "2026-12-04T16:21:14.641Z", 0.19, null, null],
  ], 0],
  // created 1796401277.7185743 s, duration 0.03564303299936 s; exc_info the formatted traceback, whose last
  // line is the exception.
  ["python_logging.jsonl", ["--from", "python-logging"], [
    ["extract", "success", "2026-12-04T16:21:17.682931Z", "2026-12-04T16:21:17.718574Z", 0.03564303299936, null, null],
    [
      "transform",
      "error",
      "2026-12-04T16:21:17.719050Z",
      "2026-12-04T16:21:17.729261Z",
      0.010210958999778086,
      `TypeError: ${NOT_NUMERIC}`,
      PY_STACK,
    ],
  ], 0],
  ["structlog.jsonl", ["--from", "structlog"], [
    [
      "extract",
      "success",
      "2026-12-04T18:31:36.913435Z",
      "2026-12-04T18:31:36.933930Z",
      0.02049467399956484,
      null,
      null,
    ],
    [
      "transform",
      "error",
      "2026-12-04T18:31:36.934169Z",
      "2026-12-04T18:31:36.946648Z",
      0.012479039000027115,
      `TypeError: ${NOT_NUMERIC}`,
      PY_STACK,
    ],
    ["load", "success", "2026-12-04T18:31:36.947564Z", "2026-12-04T18:31:36.977951Z", 0.03038744100012991, null, null],
  ], 0],
];

for (const [file, argv, rows, bad] of PRESETS) {
  test(`${argv[1]} preset with --map name=step: ${file} read into its steps, with no warning`, async () => {
    const { doc, stderr } = await summary(["--map", "name=step", ...argv, fixture("loggers", file)]);
    assert.deepEqual(rowsOf(doc), rows);
    assert.equal(doc.bad_lines, bad);
    assert.equal(stderr, "");
  });
}

test("--map name=step alone (auto): the logger is not taken for the action, and no warning", async () => {
  const { doc, stderr } = await summary(["--map", "name=step", fixture("loggers", "pino.jsonl")]);
  assert.deepEqual(doc.records.map((r) => [r.name, r.status]), [
    ["extract", "success"],
    ["transform", "error"],
    ["load", "success"],
  ]);
  assert.equal(stderr, "");
});

const WARNED: Array<[string, string, string[]]> = [
  ["pino.jsonl", "pino", ["success", "error", "success"]], // level 30, 50, 30
  ["bunyan.jsonl", "bunyan", ["success", "error", "success"]], // level 30, 50, 30
  ["python_logging.jsonl", "python-logging", ["success", "error"]], // levelname INFO, ERROR
];

for (const [file, logger, statuses] of WARNED) {
  test(`${logger} with no name mapped: stderr says "name" is the logger's and what to pass, recognised or named`, async () => {
    const path = fixture("loggers", file);
    const said = `"name" is the logger's name, not an action's, so every record is named after the logger; ` +
      `name the field that names each action: --from ${logger} --map name=FIELD\n`;
    const auto = await summary([path]);
    assert.deepEqual(auto.doc.records.map((r) => r.status), statuses);
    assert.ok(auto.doc.records.every((r) => r.name === "pipeline"));
    assert.equal(auto.stderr, `exechist: ${path} looks like ${logger} output: ${said}`);
    const named = await summary(["--from", logger, path]);
    assert.ok(named.doc.records.every((r) => r.name === "pipeline"));
    assert.equal(named.stderr, `exechist: ${path} is read as ${logger} output: ${said}`);
  });
}

for (
  const [file, logger, message] of [["winston.jsonl", "winston", "message"], ["structlog.jsonl", "structlog", "event"]]
) {
  test(`${logger}: lines that name no action are refused, and stderr says what they are and what to pass`, async () => {
    const path = fixture("loggers", file!);
    const run = await runCli(["summary", path]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr.split("\n")[0],
      `exechist: ${path} looks like ${logger} output: its lines name no action ("${message}" is the log message); ` +
        `name the field that names each action: --from ${logger} --map name=FIELD`,
    );
  });
}

test("a Falyx log gets no logger warning", async () => {
  const run = await runCli(["summary", fixture("logs", "sample.jsonl")]);
  assert.equal(run.status, 0);
  assert.equal(run.stderr, "");
});
