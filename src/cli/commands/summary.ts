import { RECORD_FIELDS } from "../../render/record_json.ts";
import type { ExecutionRegistry } from "../../query/registry.ts";
import { stringifyJson } from "../../json/stringify.ts";
import type { JsonObject } from "../../json/value.ts";
import { filterPositions, selectsAll } from "../../query/filter.ts";
import { buildFilter } from "../../query/filter_args.ts";
import { type GroupKey, groupPositions, type GroupStats } from "../../query/group.ts";
import { cut } from "../../render/cell.ts";
import { csvRow, csvText } from "../../render/csv.ts";
import { groupFields, groupJson } from "../../render/group_json.ts";
import { type MarkdownColumn, markdownTableHead, markdownTableRow } from "../../render/markdown_table.ts";
import { writeRecordItems } from "../../render/record_stream.ts";
import { summaryFooter, type SummaryTotals } from "../../render/summary_footer.ts";
import {
  commonStartDate,
  GROUP_HEADERS,
  groupCells,
  RECORD_HEADERS,
  recordCells,
  renderGroupTable,
  renderRecordTable,
} from "../../render/summary_table.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import {
  defineCommand,
  FILES,
  FILTER_OPTIONS,
  type FilterArgs,
  filterArgs,
  GROUP_KEYS,
  integer,
  outputOption,
  SUMMARY_FORMATS,
} from "../options.ts";
import { showLast, showResult } from "./result.ts";
import { renderTextGantt } from "../../timeline/text_gantt.ts";

export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** What `summary` runs on. */
export interface SummaryArgs {
  command: "summary";
  files: string[];
  filter: FilterArgs;
  output: SummaryFormat;
  limit: number | undefined;
  groupBy: GroupKey | undefined;
  resultIndex: number | undefined;
  lastResult: boolean;
  timeline: boolean;
}

/** `exechist summary [files..]`, the default command. */
export const summaryCommand = defineCommand({
  name: "summary",
  words: "[files..]",
  describe: "The execution table (the default command)",
  positionals: { files: FILES },
  options: {
    ...FILTER_OPTIONS,
    "result-index": {
      alias: "r",
      requiresArg: true,
      coerce: integer("--result-index"),
      describe: "Show one execution, as `result N`",
    },
    "last-result": { alias: "l", type: "boolean", default: false, describe: "Show the newest execution, as `last`" },
    limit: {
      requiresArg: true,
      coerce: integer("--limit"),
      describe: "Show the last N matching rows (default 50 in table/markdown; 0 = all)",
    },
    "group-by": { choices: GROUP_KEYS, requiresArg: true, describe: "One row per group, with counts and durations" },
    timeline: {
      type: "boolean",
      default: false,
      describe: "A text Gantt chart of what ran when, a lane per action, failures marked",
    },
    output: outputOption(SUMMARY_FORMATS),
  },
  examples: [
    ["exechist run.jsonl", "Table of the last 50 executions"],
    ["exechist summary -s error -n fetch run.jsonl", "Failed runs of `fetch`"],
    ["cat run.jsonl | exechist summary --group-by name", "Per-action counts, error rate, p50/p95"],
    ["exechist summary -o json run.jsonl.gz", "Every execution as one JSON document"],
    ["exechist summary traces.jsonl", "OTLP traces, a Temporal history, CTRF, go test -json: known by their shape"],
    ["go test -json ./... | exechist report --from go-test -o junit", "A JUnit report of a go test run"],
    ["exechist summary --from pino --map name=step app.log", "A pino log, each line's action named by its step field"],
    ["exechist summary --map name=task --map exception=err.message run.jsonl", "Fields under other keys or paths"],
    ["exechist summary --timeline run.jsonl", "What ran when, as a text Gantt chart"],
  ],
  read: (argv): SummaryArgs => ({
    command: "summary",
    files: argv.files ?? [],
    filter: filterArgs(argv),
    output: argv.output,
    limit: argv.limit,
    groupBy: argv.groupBy,
    resultIndex: argv.resultIndex,
    lastResult: argv.lastResult,
    timeline: argv.timeline,
  }),
  run: runSummary,
});

const GROUP_HEADER: Record<GroupKey, string> = { name: "Name", status: "Status", run: "Run" };

/** `exechist summary`: the filtered execution table, or one row per group. */
export async function runSummary(command: SummaryArgs, ctx: Context): Promise<number> {
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  const recordFormat = command.output === "json" ? "json" : "text";
  if (command.resultIndex !== undefined) return showResult(registry, command.resultIndex, recordFormat, ctx);
  if (command.lastResult) return showLast(registry, filterPositions(registry, filter), recordFormat, ctx);
  if (command.timeline) {
    const options = { width: ctx.width, color: ctx.color, local: ctx.local, maxLanes: 40 };
    ctx.io.stdout.write(renderTextGantt(registry, filterPositions(registry, filter), options));
    return 0;
  }

  const limit = effectiveLimit(command.limit, command.output);
  const counts = registry.counts();
  const totals = (matched: number, shown: number, of: number, unit: string): SummaryTotals => ({
    total: registry.size,
    matched,
    shown,
    counts,
    badLines: registry.diagnostics.badLineCount,
    leftOut: of - shown,
    unit,
  });

  if (command.groupBy !== undefined) {
    // Every record, when nothing is filtered: no list of positions to build.
    const positions = selectsAll(filter) ? undefined : filterPositions(registry, filter);
    const all = sortGroups(groupPositions(registry, positions, command.groupBy));
    const groups = all.slice(0, limit);
    const matched = positions?.length ?? registry.size;
    writeGroups(groups, command.groupBy, command.output, totals(matched, groups.length, all.length, "groups"), ctx);
    return 0;
  }
  const positions = filterPositions(registry, filter);
  const shown = positions.subarray(Math.max(0, positions.length - limit));
  writeRecords(registry, shown, command.output, totals(positions.length, shown.length, positions.length, "rows"), ctx);
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

/**
 * The machine formats, the same for records and groups: the json document (one item per
 * line, so a large one streams and greps well), ndjson, or csv with `fields` as columns.
 * False for the table and markdown views, which differ.
 */
function writeData(
  output: SummaryFormat,
  t: SummaryTotals,
  key: "records" | "groups",
  fields: readonly string[],
  count: number,
  item: (j: number) => JsonObject,
  ctx: Context,
): boolean {
  const out = ctx.io.stdout;
  switch (output) {
    case "json":
      out.write(`${documentHead(t)},"${key}":[`);
      for (let j = 0; j < count; j++) out.write(`${j === 0 ? "\n" : ",\n"}${stringifyJson(item(j))}`);
      out.write(count === 0 ? "]}\n" : "\n]}\n");
      return true;
    case "ndjson":
      for (let j = 0; j < count; j++) out.write(stringifyJson(item(j)) + "\n");
      return true;
    case "csv":
      out.write(csvRow(fields));
      for (let j = 0; j < count; j++) {
        const object = item(j);
        out.write(csvRow(fields.map((field) => csvText(object.get(field) ?? null))));
      }
      return true;
    default:
      return false;
  }
}

function writeRecords(
  registry: ExecutionRegistry,
  shown: Uint32Array,
  output: SummaryFormat,
  t: SummaryTotals,
  ctx: Context,
): void {
  const out = ctx.io.stdout;
  if (output === "json" || output === "ndjson" || output === "csv") {
    // Streamed from the records' lines through one byte buffer (record_stream.ts): 1M records at reading speed.
    if (output === "json") out.write(`${documentHead(t)},"records":[`);
    writeRecordItems(out, registry, shown, output, RECORD_FIELDS, ctx.local);
    if (output === "json") out.write(shown.length === 0 ? "]}\n" : "\n]}\n");
    return;
  }
  if (output === "markdown") {
    const rows = Array.from(shown, (pos) => {
      const cells = recordCells(registry, pos, ctx.local);
      cells[6] = cut(cells[6]!, ctx.width);
      return cells;
    });
    out.write(markdownTable(RECORD_HEADERS, "rlllrll", rows));
    out.write("\n" + summaryFooter(t).join("\n\n") + "\n");
  } else {
    out.write(renderRecordTable(registry, shown, { width: ctx.width, local: ctx.local, color: ctx.color }));
    out.write(summaryFooter(t).map((line) => ctx.color.dim(line)).join("\n") + "\n");
  }
}

function writeGroups(groups: GroupStats[], by: GroupKey, output: SummaryFormat, t: SummaryTotals, ctx: Context): void {
  const item = (j: number) => groupJson(groups[j]!, by, ctx.local);
  if (writeData(output, t, "groups", groupFields(by), groups.length, item, ctx)) return;
  const out = ctx.io.stdout;
  if (output === "markdown") {
    out.write(
      markdownTable([GROUP_HEADER[by], ...GROUP_HEADERS], "lrrrrrrrrrrll", groups.map((g) => groupCells(g, ctx.local))),
    );
    out.write("\n" + summaryFooter(t).join("\n\n") + "\n");
  } else {
    const startDate = commonStartDate(groups, ctx.local);
    const options = { width: ctx.width, local: ctx.local, color: ctx.color, timeOnly: startDate !== null };
    out.write(renderGroupTable(groups, GROUP_HEADER[by], options));
    out.write(summaryFooter({ ...t, startDate }).map((line) => ctx.color.dim(line)).join("\n") + "\n");
  }
}

/** A markdown table; `align` has one letter per column, `l` or `r`. */
function markdownTable(headers: readonly string[], align: string, rows: readonly string[][]): string {
  const columns: MarkdownColumn[] = headers.map((header, i) => ({
    header,
    align: align[i] === "r" ? "right" : "left",
  }));
  return markdownTableHead(columns) + rows.map(markdownTableRow).join("");
}
