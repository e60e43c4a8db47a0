import type { JsonObject } from "../json/value.ts";
import { arrayAt, field, numberAt, objectAt, recordOf, stringAt } from "./json_access.ts";
import { millisToIso } from "./times.ts";
import type { ExecutionRecord, ParsedInput } from "./types.ts";

/**
 * CTRF reports (`results.tests[]`): a record per test, with its `status` as written
 * (passed, failed, skipped, pending, other), `start`/`stop` and `duration` in
 * milliseconds, `message` as the exception and `trace` as the traceback; the suite,
 * file, retries and flakiness are kept beside them. The report's id is the run.
 */
export function convertCtrf(input: ParsedInput): ExecutionRecord[] {
  const records: ExecutionRecord[] = [];
  for (const report of input.values) {
    const results = objectAt(report, "results");
    const run = stringAt(report, "reportId");
    for (const test of arrayAt(results, "tests")) {
      if (test instanceof Map) records.push({ fields: testRecord(test, run), line: input.lineOf(test) });
    }
  }
  return records;
}

function testRecord(test: JsonObject, run: string | undefined): JsonObject {
  const duration = numberAt(test, "duration");
  const suite = field(test, "suite");
  const attempts = arrayAt(test, "retryAttempts");
  return recordOf([
    ["name", stringAt(test, "name") ?? ""],
    ["start", millisToIso(numberAt(test, "start"))],
    ["end", millisToIso(numberAt(test, "stop"))],
    ["duration_ms", duration],
    ["status", stringAt(test, "status") ?? "other"],
    ["exception", stringAt(test, "message") || undefined],
    ["traceback", stringAt(test, "trace") || undefined],
    ["run_id", run],
    ["suite", Array.isArray(suite) ? suite.join(" > ") : suite],
    ["file", stringAt(test, "filePath")],
    ["retries", numberAt(test, "retries")],
    ["retry_attempts", attempts.length > 0 ? attempts.length : undefined],
    ["flaky", field(test, "flaky")],
    ["id", stringAt(test, "id")],
  ]);
}
