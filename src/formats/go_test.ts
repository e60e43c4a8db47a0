import type { JsonObject } from "../json/value.ts";
import { numberAt, recordOf, stringAt } from "./json_access.ts";
import type { ExecutionRecord, ParsedInput } from "./types.ts";

/** What `go test -json` said of one test (or one package) so far. */
interface TestRun {
  start?: string | undefined;
  output: string[];
}

const ENDS: Readonly<Record<string, string>> = { pass: "passed", fail: "failed", skip: "skipped" };

/** Lines that only frame a test's output (`=== RUN`, `--- FAIL: …`). */
const FRAME = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):|(PASS|FAIL)$)/;

/**
 * `go test -json` events (test2json: `Time`, `Action`, `Package`, `Test`, `Elapsed`,
 * `Output`): a record per test from its `run` to its `pass`/`fail`/`skip`, `Elapsed`
 * seconds as its duration, the package as its run; a failing test's output is its
 * traceback and its first own line the exception. A package that failed with no test
 * failing in it (a build error, a crash in main) gets a record of its own.
 */
export function convertGoTest(input: ParsedInput): ExecutionRecord[] {
  const records: ExecutionRecord[] = [];
  const runs = new Map<string, TestRun>();
  const failedTests = new Set<string>();
  for (const event of input.values) {
    if (!(event instanceof Map)) continue;
    const action = stringAt(event, "Action");
    const pkg = stringAt(event, "Package") ?? "";
    const test = stringAt(event, "Test");
    const key = `${pkg}\u0000${test ?? ""}`;
    let run = runs.get(key);
    if (run === undefined) runs.set(key, run = { output: [] });
    if (action === "run") run.start = stringAt(event, "Time");
    else if (action === "output") run.output.push(stringAt(event, "Output") ?? "");
    else if (action !== undefined && action in ENDS) {
      runs.delete(key);
      if (test === undefined && (action !== "fail" || failedTests.has(pkg))) continue;
      if (test !== undefined && action === "fail") failedTests.add(pkg);
      records.push({ fields: testRecord(event, run, ENDS[action]!, pkg, test), line: input.lineOf(event) });
    }
  }
  return records;
}

function testRecord(
  event: JsonObject,
  run: TestRun,
  status: string,
  pkg: string,
  test: string | undefined,
): JsonObject {
  const output = run.output.join("");
  const own = run.output.map((line) => line.trim()).find((line) => line !== "" && !FRAME.test(line));
  const failed = status === "failed";
  return recordOf([
    ["name", test ?? pkg],
    ["start", run.start],
    ["end", stringAt(event, "Time")],
    ["duration", numberAt(event, "Elapsed")],
    ["status", status],
    ["exception", failed ? own ?? `${test === undefined ? "package" : "test"} failed` : undefined],
    ["traceback", failed && output !== "" ? output.trimEnd() : undefined],
    ["result", status === "skipped" && own !== undefined ? own : undefined],
    ["run_id", pkg],
  ]);
}
