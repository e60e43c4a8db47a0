import type { ExecutionRegistry } from "../query/registry.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import { groupJson } from "../render/group_json.ts";
import { recordJson } from "../render/record_json.ts";
import { formatIsoTime, type LocalZone } from "../render/time.ts";
import type { TimeValue } from "../types.ts";
import { describeException } from "./exception_text.ts";
import type { ReportData } from "./report_data.ts";

/** Options of {@link renderReportJson}. */
export interface ReportJsonOptions {
  /** The zone instants are shown in: null for UTC. */
  local: LocalZone;
  /** Failures listed in full (with result, exception and traceback). */
  failuresShown: number;
}

/**
 * The report's facts as one JSON document (docs/report.md has the shape): totals,
 * per-name statistics, the slowest executions, failures grouped by exception, and
 * the first failures in full. Always valid JSON (NaN and infinities as null).
 */
export function renderReportJson(
  registry: ExecutionRegistry,
  data: ReportData,
  write: (text: string) => void,
  options: ReportJsonOptions,
): void {
  const time = (t: TimeValue | null) => (t ? formatIsoTime(t, options.local) : null);
  const shown: JsonValue[] = [];
  for (let j = 0; j < Math.min(options.failuresShown, data.failures.length); j++) {
    const pos = data.failures[j]!;
    const details = registry.details(pos);
    const record = recordJson(registry, pos, details, options.local);
    const text = describeException(details.exception, details.traceback);
    record.set("exception_type", text.type === "" ? null : text.type);
    record.set("exception_message", text.message);
    shown.push(record);
  }
  const doc: JsonObject = new Map<string, JsonValue>([
    ["total", data.total],
    ["matched", data.positions.length],
    [
      "counts",
      new Map<string, JsonValue>([["success", data.counts.success], ["error", data.counts.error], [
        "other",
        data.counts.other,
      ]]),
    ],
    ["other_statuses", new Map<string, JsonValue>(data.otherStatuses)],
    ["bad_lines", data.badLines],
    ["fail_on", data.failOn],
    ["failing", data.failing],
    [
      "span",
      new Map<string, JsonValue>([
        ["start", time(data.span.start)],
        ["end", time(data.span.end)],
        ["wall_seconds", data.span.wallSeconds],
        ["busy_seconds", data.span.busySeconds],
      ]),
    ],
    ["names", data.names.map((g) => groupJson(g, "name", options.local))],
    [
      "slowest",
      data.slowest.map((pos) =>
        new Map<string, JsonValue>([
          ["index", registry.columns.index[pos]!],
          ["name", registry.nameOf(pos)],
          ["duration", registry.durationOf(pos)],
          ["status", registry.statusOf(pos)],
          ["start", time(registry.startOf(pos))],
          ["source", registry.sourceOf(pos)],
        ])
      ),
    ],
    [
      "failure_groups",
      data.failureGroups.map((g) =>
        new Map<string, JsonValue>([
          ["type", g.type === "" ? null : g.type],
          ["message", g.message],
          ["count", g.count],
          ["first_index", registry.columns.index[g.firstPosition]!],
          ["first_name", registry.nameOf(g.firstPosition)],
          ["first_source", registry.sourceOf(g.firstPosition)],
        ])
      ),
    ],
    ["failures_total", data.failures.length],
    ["failures_grouped", data.failuresGrouped],
    ["failures", shown],
  ]);
  write(stringifyJson(doc, { indent: 2 }) + "\n");
}
