import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";
import type { Colors } from "../render/colors.ts";
import { markdownTableHead, markdownTableRow } from "../render/markdown_table.ts";
import { escapeTableCell } from "../render/markdown_escape.ts";
import { renderTextTable, type TextColumn } from "../render/text_table.ts";
import { FLAKE_RATE_FORMULA, type FlakyRow, type RunOutcome } from "./flaky.ts";

/** Runs shown in a row's pattern: the newest ones. */
export const PATTERN_RUNS = 40;

const SYMBOL: Record<RunOutcome, string> = { pass: "✓", fail: "✗", "retry-pass": "↻" };

/** A row's outcomes over the newest runs: ✓ pass, ✗ fail, ↻ passed after failing, · did not run. */
export function outcomePattern(row: FlakyRow): string {
  return row.outcomes.slice(-PATTERN_RUNS).map((o) => (o === null ? "·" : SYMBOL[o])).join("");
}

const HEADERS = ["Name", "Flake rate", "Flaky runs", "Runs", "Flips", "Retry passes", "Failed runs", "Outcomes"];

function cells(row: FlakyRow): string[] {
  return [
    row.name,
    `${(row.flakeRate * 100).toFixed(1)}%`,
    String(row.flakyRuns),
    String(row.runs),
    String(row.flips),
    String(row.retryPasses),
    String(row.failedRuns),
    outcomePattern(row),
  ];
}

function footer(rows: readonly FlakyRow[], runs: number): string {
  const flaky = rows.filter((r) => r.flakyRuns > 0).length;
  return `${flaky} of ${rows.length} actions flaky over ${runs} runs. Outcomes: ✓ pass, ✗ fail, ↻ passed after failing, ` +
    `· did not run (oldest to newest, the last ${PATTERN_RUNS}). ${FLAKE_RATE_FORMULA}.`;
}

/** The flaky actions for a terminal (the others counted in the footer). */
export function renderFlakyText(rows: readonly FlakyRow[], runs: number, width: number, color: Colors): string {
  const flaky = rows.filter((r) => r.flakyRuns > 0);
  const columns: TextColumn[] = HEADERS.map((header, i) => ({
    header,
    align: i === 0 || i === 7 ? "left" : "right",
    ...(i === 0 ? { minWidth: 12 } : i === 7 ? { minWidth: 8 } : {}),
    ...(i === 1 ? { paint: (t: string) => color.yellow(t) } : {}),
  }));
  const body = flaky.map(cells); // renderTextTable shows every cell through oneLine
  const table = flaky.length > 0 ? renderTextTable(columns, body, width, color.bold) : "No flaky action.\n";
  return table + "\n" + color.dim(footer(rows, runs)) + "\n";
}

/** The flaky actions as a markdown table. */
export function renderFlakyMarkdown(rows: readonly FlakyRow[], runs: number): string {
  const flaky = rows.filter((r) => r.flakyRuns > 0);
  const head = `## exechist flaky: ${flaky.length} of ${rows.length} actions over ${runs} runs\n\n`;
  const table = flaky.length === 0
    ? "No flaky action.\n"
    : markdownTableHead(HEADERS.map((header, i) => ({ header, align: i === 0 || i === 7 ? "left" : "right" }))) +
      flaky.map((row) => markdownTableRow(cells(row))).join("");
  return `${head}${table}\n_${escapeTableCell(footer(rows, runs))}_\n`;
}

/** Every action as JSON, flakiest first, with the formula. */
export function renderFlakyJson(rows: readonly FlakyRow[], runLabels: readonly string[]): string {
  const doc: JsonValue = new Map<string, JsonValue>([
    ["formula", FLAKE_RATE_FORMULA],
    ["runs", [...runLabels]],
    [
      "actions",
      rows.map((row) =>
        new Map<string, JsonValue>([
          ["name", row.name],
          ["flake_rate", row.flakeRate],
          ["flaky_runs", row.flakyRuns],
          ["runs", row.runs],
          ["flips", row.flips],
          ["retry_passes", row.retryPasses],
          ["failed_runs", row.failedRuns],
          ["executions", row.executions],
          ["failures", row.failures],
          ["outcomes", row.outcomes.map((o) => o)],
        ])
      ),
    ],
  ]);
  return stringifyJson(doc, { indent: 2 }) + "\n";
}
