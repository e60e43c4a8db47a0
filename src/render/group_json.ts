import type { GroupKey, GroupStats } from "../query/group.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import type { TimeValue } from "../types.ts";
import { formatIsoTime, type LocalZone } from "./time.ts";

/** The key each group's JSON object names its group by. */
export const GROUP_KEY_FIELD: Record<GroupKey, string> = { name: "name", status: "status", run: "run_id" };

/** The JSON object of one group (SPEC 2). */
export function groupJson(group: GroupStats, by: GroupKey, local: LocalZone): JsonObject {
  const time = (t: TimeValue | null) => (t ? formatIsoTime(t, local) : null);
  return new Map<string, JsonValue>([
    [GROUP_KEY_FIELD[by], group.key],
    ["count", group.count],
    ["success", group.success],
    ["error", group.error],
    ["other", group.other],
    ["error_rate", group.errorRate],
    ["total_duration", group.totalDuration],
    ["mean_duration", group.meanDuration],
    ["p50", group.p50],
    ["p95", group.p95],
    ["max", group.max],
    ["first_start", time(group.firstStart)],
    ["last_start", time(group.lastStart)],
  ]);
}
