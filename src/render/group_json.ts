import type { GroupKey, GroupStats } from "../query/group.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import type { TimeValue } from "../types.ts";
import { formatIsoTime, type LocalZone } from "./time.ts";

/** The key each group's JSON object names its group by. */
export const GROUP_KEY_FIELD: Record<GroupKey, string> = { name: "name", status: "status", run: "run_id" };

/** The keys of a group's JSON object, in order: the csv columns. */
export function groupFields(by: GroupKey): string[] {
  return [
    GROUP_KEY_FIELD[by],
    "count",
    "success",
    "error",
    "other",
    "error_rate",
    "total_duration",
    "mean_duration",
    "p50",
    "p95",
    "max",
    "first_start",
    "last_start",
  ];
}

/** The JSON object of one group (SPEC 2). */
export function groupJson(group: GroupStats, by: GroupKey, local: LocalZone): JsonObject {
  const time = (t: TimeValue | null) => (t ? formatIsoTime(t, local) : null);
  const values: JsonValue[] = [
    group.key,
    group.count,
    group.success,
    group.error,
    group.other,
    group.errorRate,
    group.totalDuration,
    group.meanDuration,
    group.p50,
    group.p95,
    group.max,
    time(group.firstStart),
    time(group.lastStart),
  ];
  return new Map(groupFields(by).map((field, i) => [field, values[i] ?? null]));
}
