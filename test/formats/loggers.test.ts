import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

interface SummaryDoc {
  records: Array<{ name: string; status: string }>;
}

// Each fixture is a pipeline's steps logged by the real library (fixtures/make): extract, transform (failed), load.
const CASES: Array<[string, string, string[]]> = [
  ["pino.jsonl", "pino", ["success", "error", "success"]], // level 30, 50, 30
  ["bunyan.jsonl", "bunyan", ["success", "error", "success"]], // level 30, 50, 30
  ["python_logging.jsonl", "python-logging", ["success", "error"]], // levelname INFO, ERROR
];

for (const [file, logger, statuses] of CASES) {
  test(`${logger}: a failed step is an error by its level, and stderr says "name" is the logger's`, async () => {
    const run = await runCli(["summary", "-o", "json", fixture("loggers", file)]);
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as SummaryDoc;
    assert.deepEqual(doc.records.map((r) => r.status), statuses);
    assert.ok(doc.records.every((r) => r.name === "pipeline"));
    assert.equal(
      run.stderr,
      `exechist: ${fixture("loggers", file)} looks like ${logger} output: "name" is the logger's name, not an ` +
        `action's, so every record is named after the logger; to name each record by the field that names its ` +
        `action: jq -c '.name = .FIELD' ${fixture("loggers", file)} | exechist summary\n`,
    );
  });
}

test("winston: lines that name no action are refused, and stderr says what they are", async () => {
  const run = await runCli(["summary", fixture("loggers", "winston.jsonl")]);
  assert.equal(run.status, 2);
  assert.match(
    run.stderr,
    /^exechist: \S+winston\.jsonl looks like winston output: its lines name no action \("message" is the log message\)/,
  );
});

test("a Falyx log gets no logger warning", async () => {
  const run = await runCli(["summary", fixture("logs", "sample.jsonl")]);
  assert.equal(run.status, 0);
  assert.equal(run.stderr, "");
});
