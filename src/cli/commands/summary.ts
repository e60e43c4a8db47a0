import type { ExecutionRegistry } from "../../index/registry.ts";
import { stringifyJson } from "../../json/stringify.ts";
import type { JsonValue } from "../../json/value.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildFilter } from "../../query/filter_args.ts";
import { type GroupKey, groupPositions, type GroupStats } from "../../query/group.ts";
import { cut } from "../../render/cell.ts";
import { csvRow } from "../../render/csv.ts";
import { GROUP_KEY_FIELD, groupJson } from "../../render/group_json.ts";
import { markdownTable } from "../../render/markdown.ts";
import { recordJson } from "../../render/record_json.ts";
import { summaryFooter, type SummaryTotals } from "../../render/summary_footer.ts";
import { commonStartDate, GROUP_HEADERS, groupCells, RECORD_HEADERS, recordCells, renderGroupTable, renderRecordTable } from "../../render/summary_table.ts";
import type { Command, SummaryFormat } from "../args.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { showLast, showResult } from "./result.ts";

type SummaryCommand = Extract<Command, { command: "summary" }>;

const GROUP_HEADER: Record<GroupKey, string> = { name: "Name", status: "Status", run: "Run" };
const RECORD_FIELDS = ["index", "name", "start", "end", "duration", "status", "result", "exception", "traceback", "signature", "run_id", "source"];

/** `exechist summary`: the filtered execution table, or one row per group. */
export async function runSummary(command: SummaryCommand, ctx: Context): Promise<number> {
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  const recordFormat = command.output === "json" ? "json" : "text";
  if (command.resultIndex !== undefined) return await showResult(registry, command.resultIndex, recordFormat, ctx);
  const positions = filterPositions(registry, filter);
  if (command.lastResult) return showLast(registry, positions, recordFormat, ctx);

  const limit = effectiveLimit(command.limit, command.output);
  const counts = registry.counts();
  const totals = (shown: number, matched: number, unit: string): SummaryTotals => ({
    total: registry.size,
    matched: positions.length,
    shown,
    counts,
    badLines: registry.diagnostics.badLineCount,
    leftOut: matched - shown,
    unit,
  });

  if (command.groupBy !== undefined) {
    const all = sortGroups(groupPositions(registry, positions, command.groupBy));
    const groups = all.slice(0, limit);
    writeGroups(groups, command.groupBy, command.output, totals(groups.length, all.length, "groups"), ctx);
    return 0;
  }
  const shown = positions.subarray(Math.max(0, positions.length - limit));
  writeRecords(registry, shown, command.output, totals(shown.length, positions.length, "rows"), ctx);
  return 0;
}

function effectiveLimit(limit: number | undefined, output: SummaryFormat): number {
  if (limit === 0) return Infinity;
  if (limit !== undefined) return limit;
  return output === "table" || output === "markdown" ? 50 : Infinity;
}

/** Groups by count, largest first, then by key (code-unit order, the same on every runtime). */
function sortGroups(groups: GroupStats[]): GroupStats[] {
  return groups.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function documentHead(t: SummaryTotals): string {
  return `{"total":${t.total},"matched":${t.matched},"counts":{"success":${t.counts.success},"error":${t.counts.error},"other":${t.counts.other}},"bad_lines":${t.badLines}`;
}

/** Writes a JSON array one item per line, so a large document streams and greps well. */
function writeJsonItems(ctx: Context, key: string, count: number, item: (j: number) => JsonValue): void {
  const out = ctx.io.stdout;
  out.write(`,"${key}":[`);
  for (let j = 0; j < count; j++) out.write(`${j === 0 ? "\n" : ",\n"}${stringifyJson(item(j))}`);
  out.write(count === 0 ? "]}\n" : "\n]}\n");
}

function writeRecords(registry: ExecutionRegistry, shown: Uint32Array, output: SummaryFormat, t: SummaryTotals, ctx: Context): void {
  const out = ctx.io.stdout;
  const json = (j: number) => recordJson(registry, shown[j]!, registry.details(shown[j]!), ctx.local);
  switch (output) {
    case "json":
      out.write(documentHead(t));
      writeJsonItems(ctx, "records", shown.length, json);
      return;
    case "ndjson":
      for (let j = 0; j < shown.length; j++) out.write(stringifyJson(json(j)) + "\n");
      return;
    case "csv":
      out.write(csvRow(RECORD_FIELDS));
      for (let j = 0; j < shown.length; j++) {
        const record = json(j);
        out.write(csvRow(RECORD_FIELDS.map((key) => csvText(record.get(key) ?? null))));
      }
      return;
    case "markdown": {
      const rows = Array.from(shown, (pos) => {
        const cells = recordCells(registry, pos, ctx.local);
        cells[6] = cut(cells[6]!, ctx.width);
        return cells;
      });
      out.write(markdownTable(RECORD_HEADERS, rows, "rlllrll"));
      out.write("\n" + summaryFooter(t).join("\n\n") + "\n");
      return;
    }
    case "table":
      out.write(renderRecordTable(registry, shown, { width: ctx.width, local: ctx.local, color: ctx.color }));
      out.write(summaryFooter(t).map((line) => ctx.color.dim(line)).join("\n") + "\n");
      return;
  }
}

function writeGroups(groups: GroupStats[], by: GroupKey, output: SummaryFormat, t: SummaryTotals, ctx: Context): void {
  const out = ctx.io.stdout;
  const json = (j: number) => groupJson(groups[j]!, by, ctx.local);
  switch (output) {
    case "json":
      out.write(documentHead(t));
      writeJsonItems(ctx, "groups", groups.length, json);
      return;
    case "ndjson":
      for (let j = 0; j < groups.length; j++) out.write(stringifyJson(json(j)) + "\n");
      return;
    case "csv": {
      const keys = [GROUP_KEY_FIELD[by], "count", "success", "error", "other", "error_rate", "total_duration", "mean_duration", "p50", "p95", "max", "first_start", "last_start"];
      out.write(csvRow(keys));
      for (let j = 0; j < groups.length; j++) {
        const g = json(j);
        out.write(csvRow(keys.map((key) => csvText(g.get(key) ?? null))));
      }
      return;
    }
    case "markdown":
      out.write(markdownTable([GROUP_HEADER[by], ...GROUP_HEADERS], groups.map((g) => groupCells(g, ctx.local)), "lrrrrrrrrrrll"));
      out.write("\n" + summaryFooter(t).join("\n\n") + "\n");
      return;
    case "table": {
      const startDate = commonStartDate(groups, ctx.local);
      const options = { width: ctx.width, local: ctx.local, color: ctx.color, timeOnly: startDate !== null };
      out.write(renderGroupTable(groups, GROUP_HEADER[by], options));
      out.write(summaryFooter({ ...t, startDate }).map((line) => ctx.color.dim(line)).join("\n") + "\n");
      return;
    }
  }
}

/** A CSV cell: strings as they are, null empty, anything else as compact JSON. */
function csvText(value: JsonValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  return stringifyJson(value);
}
