import type { JsonObject, JsonValue } from "../json/value.ts";
import { field, numberAt, objectAt, recordOf, stringAt } from "./json_access.ts";
import type { ExecutionRecord, ParsedInput } from "./types.ts";

/** Prefect's state types, as exechist's statuses: failed and crashed runs are errors. */
const STATUSES: Readonly<Record<string, string>> = {
  COMPLETED: "completed",
  FAILED: "failed",
  CRASHED: "crashed",
  CANCELLED: "cancelled",
  CANCELLING: "cancelling",
};

/** True when an object looks like a Prefect task run or flow run. */
export function isPrefectRun(value: JsonValue | undefined): boolean {
  if (!(value instanceof Map)) return false;
  const hasState = typeof value.get("state_type") === "string" ||
    typeof stringAt(objectAt(value, "state"), "type") === "string";
  return hasState && (value.has("flow_run_id") || value.has("flow_id") || value.has("task_key"));
}

/**
 * Prefect task runs and flow runs (as the API and `prefect … inspect` give them: one
 * object, a list, or one a line): a record per run, with `state_type` (or
 * `state.type`) as its status, `total_run_time` seconds as its duration, the state's
 * message as the exception of a failed run, and the flow run as the run.
 */
export function convertPrefect(input: ParsedInput): ExecutionRecord[] {
  const records: ExecutionRecord[] = [];
  for (const value of input.values) {
    for (const run of Array.isArray(value) ? value : [value]) {
      if (run instanceof Map) records.push({ fields: runRecord(run), line: input.lineOf(run) });
    }
  }
  return records;
}

function runRecord(run: JsonObject): JsonObject {
  const state = objectAt(run, "state");
  const type = stringAt(run, "state_type") ?? stringAt(state, "type") ?? "";
  const status = STATUSES[type] ?? (type.toLowerCase() || "unknown");
  const failed = type === "FAILED" || type === "CRASHED";
  return recordOf([
    ["name", stringAt(run, "name") ?? stringAt(run, "task_key") ?? ""],
    ["start", stringAt(run, "start_time")],
    ["end", stringAt(run, "end_time")],
    ["duration", numberAt(run, "total_run_time")],
    ["status", status],
    ["exception", failed ? stringAt(state, "message") || `${type.toLowerCase()} run` : undefined],
    ["run_id", stringAt(run, "flow_run_id") ?? stringAt(run, "id")],
    ["state_name", stringAt(run, "state_name") ?? stringAt(state, "name")],
    ["task_key", stringAt(run, "task_key")],
    ["run_count", field(run, "run_count")],
    ["id", stringAt(run, "id")],
  ]);
}
