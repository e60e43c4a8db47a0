import type { Colors } from "./colors.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import type { GroupStats } from "../query/group.ts";
import { valueText } from "./cell.ts";
import { oneLine } from "./visible_text.ts";
import { renderTextTable, type TextColumn } from "./text_table.ts";
import { formatDate, formatDuration, formatTableTime, formatTimeOfDay, type LocalZone } from "./time.ts";

/** Options of the table views. */
export interface TableOptions {
  width: number;
  local: LocalZone;
  color: Colors;
  /** Group tables: show starts as time of day (they all fall on one date). */
  timeOnly?: boolean;
}

/** The Result / Exception cell: the exception (or the traceback's last line) for failures, else the result. */
export function resultCell(registry: ExecutionRegistry, pos: number): string {
  const details = registry.details(pos);
  if (registry.statusClassOf(pos) === "error") {
    if (details.exception !== null) return oneLine(valueText(details.exception));
    const last = details.traceback?.trimEnd().split("\n").pop();
    if (last) return oneLine(last);
  }
  return oneLine(valueText(details.result));
}

function paintStatus(color: Colors, cls: string, text: string): string {
  return cls === "success" ? color.green(text) : cls === "error" ? color.red(text) : color.yellow(text);
}

/** The headers of a record row, Falyx's columns. */
export const RECORD_HEADERS = ["Index", "Name", "Start", "End", "Duration", "Status", "Result / Exception"] as const;

/** The cells of one record row (uncut). */
export function recordCells(registry: ExecutionRegistry, pos: number, local: LocalZone): string[] {
  const start = registry.startOf(pos);
  return [
    String(registry.columns.index[pos]),
    oneLine(registry.nameOf(pos)),
    formatTableTime(start, local),
    formatTableTime(registry.endOf(pos), local, start),
    formatDuration(registry.durationOf(pos)),
    oneLine(registry.statusOf(pos)),
    resultCell(registry, pos),
  ];
}

/** The headers of a group row after the key's own. */
export const GROUP_HEADERS = [
  "Count",
  "Success",
  "Error",
  "Other",
  "Error %",
  "Total",
  "Mean",
  "p50",
  "p95",
  "Max",
  "First",
  "Last",
] as const;

/** The one date every group's first and last start fall on, or null when they differ. */
export function commonStartDate(groups: readonly GroupStats[], local: LocalZone): string | null {
  const dates = new Set<string>();
  for (const g of groups) {
    for (const t of [g.firstStart, g.lastStart]) if (t) dates.add(formatDate(t, local));
  }
  return dates.size === 1 ? [...dates][0]! : null;
}

/** The cells of one group row; with `timeOnly`, starts as time of day (all on one date). */
export function groupCells(g: GroupStats, local: LocalZone, timeOnly = false): string[] {
  const start = (t: GroupStats["firstStart"]) => (timeOnly ? formatTimeOfDay(t, local) : formatTableTime(t, local));
  return [
    oneLine(g.key ?? "(none)"),
    String(g.count),
    String(g.success),
    String(g.error),
    String(g.other),
    `${(g.errorRate * 100).toFixed(1)}%`,
    formatDuration(g.totalDuration),
    formatDuration(g.meanDuration),
    formatDuration(g.p50),
    formatDuration(g.p95),
    formatDuration(g.max),
    start(g.firstStart),
    start(g.lastStart),
  ];
}

/** Falyx's table: Index, Name, Start, End, Duration, Status, Result / Exception. */
export function renderRecordTable(
  registry: ExecutionRegistry,
  positions: ArrayLike<number>,
  options: TableOptions,
): string {
  const { color, local } = options;
  const rows: string[][] = [];
  const classes: string[] = [];
  for (let j = 0; j < positions.length; j++) {
    classes.push(registry.statusClassOf(positions[j]!));
    rows.push(recordCells(registry, positions[j]!, local));
  }
  const columns: TextColumn[] = [
    { header: "Index", align: "right", paint: (t) => color.dim(t) },
    { header: "Name", minWidth: 8, paint: (t) => color.bold(color.cyan(t)) },
    { header: "Start", minWidth: 10, paint: (t) => color.dim(t) },
    { header: "End", minWidth: 8, paint: (t) => color.dim(t) },
    { header: "Duration", align: "right" },
    { header: "Status", minWidth: 6, paint: (t, r) => paintStatus(color, classes[r]!, t) },
    { header: "Result / Exception", minWidth: 10 },
  ];
  return renderTextTable(columns, rows, options.width, (t) => color.bold(t));
}

/** The `--group-by` table: one row per group. */
export function renderGroupTable(groups: readonly GroupStats[], header: string, options: TableOptions): string {
  const { color, local } = options;
  const rows = groups.map((g) => groupCells(g, local, options.timeOnly ?? false));
  const right = { align: "right" } as const;
  const columns: TextColumn[] = [
    { header, minWidth: 8, paint: (t) => color.bold(color.cyan(t)) },
    { header: "Count", ...right },
    { header: "Success", ...right, paint: (t) => color.green(t) },
    { header: "Error", ...right, paint: (t, r) => (groups[r]!.error > 0 ? color.red(t) : t) },
    { header: "Other", ...right },
    { header: "Error %", ...right },
    { header: "Total", ...right },
    { header: "Mean", ...right },
    { header: "p50", ...right },
    { header: "p95", ...right },
    { header: "Max", ...right },
    { header: "First", minWidth: 8, paint: (t) => color.dim(t) },
    { header: "Last", minWidth: 8, paint: (t) => color.dim(t) },
  ];
  return renderTextTable(columns, rows, options.width, (t) => color.bold(t));
}
