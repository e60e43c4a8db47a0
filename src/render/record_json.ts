import type { ExecutionRegistry } from "../query/registry.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import type { RecordDetails } from "../types.ts";
import { formatIsoTime, type LocalZone } from "./time.ts";

/** The keys of {@link recordJson}'s object, in order: the columns of CSV output. */
export const RECORD_FIELDS = [
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
] as const;

/** The JSON object of one record (SPEC 2): index, name, times, status, details, source. */
export function recordJson(
  registry: ExecutionRegistry,
  pos: number,
  details: RecordDetails,
  local: LocalZone,
): JsonObject {
  const start = registry.startOf(pos);
  const end = registry.endOf(pos);
  const duration = registry.durationOf(pos);
  const out: JsonObject = new Map<string, JsonValue>([
    ["index", registry.columns.index[pos]!],
    ["name", registry.nameOf(pos)],
    ["start", start ? formatIsoTime(start, local) : null],
    ["end", end ? formatIsoTime(end, local) : null],
    ["duration", duration],
    ["status", registry.statusOf(pos)],
    ["result", details.result],
    ["exception", details.exception],
    ["traceback", details.traceback],
    ["signature", details.signature],
    ["run_id", registry.runOf(pos)],
    ["source", registry.sourceOf(pos)],
  ]);
  return out;
}
