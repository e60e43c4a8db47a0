import { formatChange } from "../compare/compare_cells.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";
import type { Colors } from "../render/colors.ts";
import { cut } from "../render/cell.ts";
import { markdownTableHead, markdownTableRow } from "../render/markdown_table.ts";
import { renderTextTable, type TextColumn } from "../render/text_table.ts";
import { formatDuration } from "../render/time.ts";
import { oneLine } from "../render/visible_text.ts";
import { sparkline } from "./sparkline.ts";
import type { TrendRow } from "./trend.ts";

/** Runs drawn in a sparkline: the newest ones. */
export const SPARK_RUNS = 60;

const HEADERS = ["Name", "Runs", "p50 now", "p50", "p95", "Error rate", "Step"];

/** The sparklines of one row over the newest runs: p50, p95 and error rate (from zero). */
export function rowSparklines(row: TrendRow): [string, string, string] {
  const points = row.points.slice(-SPARK_RUNS);
  return [
    sparkline(points.map((p) => p?.p50 ?? null)),
    sparkline(points.map((p) => p?.p95 ?? null)),
    sparkline(points.map((p) => p?.errorRate ?? null), 0),
  ];
}

/** `▲ +35.0% at RUN` for a step up, `▼ -30.0% at RUN` down; empty without one. */
export function stepText(row: TrendRow, labels: readonly string[]): string {
  if (row.step === null) return "";
  const label = cut(oneLine(labels[row.step.at] ?? ""), 40);
  return `${row.step.change > 0 ? "▲" : "▼"} ${formatChange(row.step.change)} at ${label}`;
}

function cells(row: TrendRow, labels: readonly string[]): string[] {
  const last = row.points.filter((p) => p !== null).at(-1) ?? null;
  return [
    row.name,
    String(row.points.filter((p) => p !== null).length),
    formatDuration(last?.p50 ?? null),
    ...rowSparklines(row),
    stepText(row, labels),
  ];
}

function footer(runs: number): string {
  const shown = runs > SPARK_RUNS ? `the last ${SPARK_RUNS} of ${runs} runs` : `${runs} runs`;
  return `Sparklines over ${shown}, oldest first (a space: the action did not run); durations from their lowest to ` +
    `their highest, error rates from 0. A step: from that run on (two runs at least) every p50 is beyond every one before ` +
    `(two at least), and the medians differ by the --shift threshold or more.`;
}

/** The trend for a terminal; steps in red (up) or green (down). */
export function renderTrendText(
  rows: readonly TrendRow[],
  labels: readonly string[],
  width: number,
  color: Colors,
): string {
  const paint = (text: string, r: number) => {
    const step = rows[r]!.step;
    return step === null ? text : step.change > 0 ? color.red(text) : color.green(text);
  };
  const columns: TextColumn[] = HEADERS.map((header, i) => ({
    header,
    align: i === 1 || i === 2 ? "right" : "left",
    ...(i === 0 ? { minWidth: 12 } : {}),
    ...(i === 6 ? { paint, minWidth: 10 } : {}),
  }));
  const body = rows.map((row) => cells(row, labels)); // renderTextTable shows every cell through oneLine
  return renderTextTable(columns, body, width, color.bold) + "\n" + color.dim(footer(labels.length)) + "\n";
}

/** The trend as a markdown table. */
export function renderTrendMarkdown(rows: readonly TrendRow[], labels: readonly string[]): string {
  const steps = rows.filter((r) => r.step !== null).length;
  return `## exechist trend: ${rows.length} actions over ${labels.length} runs, ${steps} with a step change\n\n` +
    markdownTableHead(HEADERS.map((header, i) => ({ header, align: i === 1 || i === 2 ? "right" : "left" }))) +
    rows.map((row) => markdownTableRow(cells(row, labels))).join("") + `\n_${footer(labels.length)}_\n`;
}

/** Every action's points per run as JSON. */
export function renderTrendJson(rows: readonly TrendRow[], labels: readonly string[]): string {
  const doc: JsonValue = new Map<string, JsonValue>([
    ["runs", [...labels]],
    [
      "actions",
      rows.map((row) =>
        new Map<string, JsonValue>([
          ["name", row.name],
          [
            "points",
            row.points.map((p) =>
              p === null ? null : new Map<string, JsonValue>([
                ["count", p.count],
                ["error_rate", p.errorRate],
                ["p50", p.p50],
                ["p95", p.p95],
              ])
            ),
          ],
          [
            "step",
            row.step === null ? null : new Map<string, JsonValue>([
              ["run", labels[row.step.at] ?? null],
              ["at", row.step.at],
              ["before", row.step.before],
              ["after", row.step.after],
              ["change", row.step.change],
            ]),
          ],
        ])
      ),
    ],
  ]);
  return stringifyJson(doc, { indent: 2 }) + "\n";
}
