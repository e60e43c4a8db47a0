import type { ExecutionRegistry } from "../query/registry.ts";
import { oneLine } from "../render/visible_text.ts";
import { formatDuration, formatIsoTime, type LocalZone } from "../render/time.ts";
import { cutChars } from "../render/cut_text.ts";
import { humanSpan } from "./durations.ts";
import { executionTitle, failureView, tail } from "./failure_view.ts";
import { ByteBudget, GITHUB_SUMMARY_LIMIT, utf8Length } from "./markdown_budget.ts";
import { breakAutolinks, escapeHtmlBlock, escapeTableCell } from "../render/markdown_escape.ts";
import { otherStatusesText } from "./other_statuses.ts";
import { markdownTableHead, markdownTableRow } from "../render/markdown_table.ts";
import type { ReportData } from "./report_data.ts";

/** How the markdown report is laid out and kept small. */
export interface MarkdownOptions {
  /** The zone instants are shown in: null for UTC. */
  local: LocalZone;
  /** Bytes the sections may take; notes about what was cut come on top (a few hundred bytes). */
  maxBytes: number;
  /** Failures shown with their traceback. */
  failuresShown: number;
  /** Rows of the per-name and per-exception tables. */
  maxNames: number;
  maxExceptionGroups: number;
  /** Characters of each traceback kept (its end). */
  maxTraceback: number;
}

/** The defaults: under GitHub's 1 MiB job-summary limit with room to spare. */
export const MARKDOWN_DEFAULTS: MarkdownOptions = {
  local: null,
  maxBytes: GITHUB_SUMMARY_LIMIT - 64 * 1024,
  failuresShown: 50,
  maxNames: 50,
  maxExceptionGroups: 20,
  maxTraceback: 32_000,
};

/** Bytes kept for the failures' heading, written after their blocks are measured. */
const HEADING_ROOM = 100;

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/**
 * The report as GitHub-flavoured markdown for a job summary: headline, per-name table,
 * slowest executions, failures by exception, then each shown failure's traceback in
 * `<details>`. Never coloured. Written piece by piece through `write`.
 */
export function renderMarkdown(
  registry: ExecutionRegistry,
  data: ReportData,
  write: (text: string) => void,
  options: MarkdownOptions,
): void {
  const out = new ByteBudget(options.maxBytes, write);
  headline(data, out, options.local);
  if (data.positions.length === 0) return;
  byName(data, out, options);
  slowest(registry, data, out, options.local);
  failureGroups(registry, data, out, options);
  failures(registry, data, out, options);
}

const EMPTY_FAILS = "**The input has no records**: an empty log, or a run that stopped before it logged anything. " +
  "The report fails unless `--allow-empty` is given.";

function headline(data: ReportData, out: ByteBudget, local: LocalZone): void {
  const { counts, span } = data;
  const matched = data.positions.length;
  const mark = data.failing ? "❌" : "✅";
  const parts = [plural(matched, "execution"), `${counts.error} failed`];
  if (counts.other > 0) parts.push(`${counts.other} other`);
  const title = data.empty ? "no executions, the input has no records" : parts.join(", ");
  out.write(`## ${mark} exechist report: ${title}\n\n`);
  const spanText = (
    s: number | null,
  ) => (s === null ? "n/a" : `${formatDuration(s)}${humanSpan(s) ? ` (${humanSpan(s)})` : ""}`);
  out.write(markdownTableHead([
    { header: "Executions", align: "right" },
    { header: "Success", align: "right" },
    { header: "Error", align: "right" },
    { header: "Other", align: "right" },
    { header: "Bad lines", align: "right" },
    { header: "Wall time", align: "right" },
    { header: "Busy time", align: "right" },
  ]));
  out.write(markdownTableRow(
    [matched, counts.success, counts.error, counts.other, data.badLines].map(String).concat(
      spanText(span.wallSeconds),
      spanText(span.busySeconds),
    ),
  ));
  const notes: string[] = [];
  if (matched !== data.total) notes.push(`The filters matched ${matched} of ${plural(data.total, "record")}.`);
  if (span.start && span.end) {
    notes.push(`From ${formatIsoTime(span.start, local)} to ${formatIsoTime(span.end, local)}.`);
  }
  if (data.otherStatuses.length > 0) {
    notes.push(`Other statuses: ${otherStatusesText(data.otherStatuses, escapeTableCell)}.`);
  }
  if (data.badLines > 0) notes.push(`${plural(data.badLines, "bad line")} skipped (listed on stderr).`);
  if (data.empty) notes.push(data.failing ? EMPTY_FAILS : "The input has no records (accepted: --allow-empty).");
  else if (matched === 0) notes.push("No execution matched.");
  if (notes.length > 0) out.write(`\n${notes.join(" ")}\n`);
}

function byName(data: ReportData, out: ByteBudget, options: MarkdownOptions): void {
  // Names with the most errors first; ties keep their order of first appearance.
  const names = [...data.names].sort((a, b) => b.error - a.error);
  out.write("\n### By name\n\n");
  const head = markdownTableHead([
    { header: "Name", align: "left" },
    { header: "Count", align: "right" },
    { header: "Errors", align: "right" },
    { header: "Error rate", align: "right" },
    { header: "p50", align: "right" },
    { header: "p95", align: "right" },
    { header: "Max", align: "right" },
  ]);
  let shown = 0;
  if (out.offer(head)) {
    for (const g of names.slice(0, options.maxNames)) {
      const row = markdownTableRow([
        g.key ?? "",
        String(g.count),
        String(g.error),
        `${(g.errorRate * 100).toFixed(1)}%`,
        formatDuration(g.p50),
        formatDuration(g.p95),
        formatDuration(g.max),
      ]);
      if (!out.offer(row)) break;
      shown++;
    }
  }
  cutNote(out, names.length - shown, "name", "`-o json` lists every one");
}

function slowest(registry: ExecutionRegistry, data: ReportData, out: ByteBudget, local: LocalZone): void {
  if (data.slowest.length === 0) return;
  out.write("\n### Slowest executions\n\n");
  out.offer(markdownTableHead([
    { header: "Execution", align: "left" },
    { header: "Duration", align: "right" },
    { header: "Status", align: "left" },
    { header: "Start", align: "left" },
    { header: "Source", align: "left" },
  ]));
  for (const pos of data.slowest) {
    const start = registry.startOf(pos);
    out.offer(markdownTableRow([
      executionTitle(registry, pos),
      formatDuration(registry.durationOf(pos)),
      registry.statusOf(pos),
      start ? formatIsoTime(start, local) : "n/a",
      registry.sourceOf(pos),
    ]));
  }
}

function failureGroups(registry: ExecutionRegistry, data: ReportData, out: ByteBudget, options: MarkdownOptions): void {
  if (data.failureGroups.length === 0) return;
  out.write("\n### Failures by exception\n\n");
  let shown = 0;
  if (
    out.offer(markdownTableHead([
      { header: "Count", align: "right" },
      { header: "Exception", align: "left" },
      { header: "Message", align: "left" },
      { header: "First", align: "left" },
    ]))
  ) {
    for (const g of data.failureGroups.slice(0, options.maxExceptionGroups)) {
      const row = markdownTableRow([
        String(g.count),
        g.type || "(no type)",
        g.message || (g.type ? "" : "(no exception recorded)"),
        executionTitle(registry, g.firstPosition),
      ]);
      if (!out.offer(row)) break;
      shown++;
    }
  }
  cutNote(
    out,
    data.failureGroups.length - shown,
    "kind of exception",
    "`-o json` lists every one",
    "kinds of exception",
  );
  if (data.failuresGrouped < data.failures.length) {
    out.write(`\n_Grouped from the first ${data.failuresGrouped} of ${data.failures.length} failures._\n`);
  }
}

function failures(registry: ExecutionRegistry, data: ReportData, out: ByteBudget, options: MarkdownOptions): void {
  if (data.failures.length === 0) return;
  const wanted = Math.min(options.failuresShown, data.failures.length);
  // The blocks that fit are made first, so that the heading says how many are shown.
  const room = out.limit - out.used - HEADING_ROOM;
  const blocks: string[] = [];
  let size = 0;
  for (let j = 0; j < wanted; j++) {
    const block = failureBlock(registry, data.failures[j]!, options);
    size += utf8Length(block);
    if (size > room) break;
    blocks.push(block);
  }
  const shown = blocks.length;
  const total = data.failures.length;
  const which = shown === total ? "" : shown === 0 ? ` (${total}, none shown)` : ` (the first ${shown} of ${total})`;
  out.write(`\n### Failures${which}\n\n`);
  for (const block of blocks) out.write(block);
  if (shown < wanted) {
    out.write(
      `_Trimmed: ${
        plural(data.failures.length - shown, "more failure")
      } not shown, to keep this report under GitHub's 1 MiB job-summary limit; \`exechist summary -s error\` lists them all._\n`,
    );
  } else if (shown < data.failures.length) {
    out.write(
      `_… ${
        plural(data.failures.length - shown, "more failure")
      } not shown; \`exechist summary -s error\` lists them all._\n`,
    );
  }
}

function failureBlock(registry: ExecutionRegistry, pos: number, options: MarkdownOptions): string {
  const view = failureView(registry, pos);
  const start = registry.startOf(pos);
  const facts = [view.source];
  if (start) facts.push(`started ${formatIsoTime(start, options.local)}`);
  facts.push(formatDuration(registry.durationOf(pos)));
  const body = [
    view.signature,
    facts.join(" · "),
    "",
    view.traceback === null ? view.headline : tail(view.traceback, options.maxTraceback),
  ];
  const summary = breakAutolinks(
    escapeHtmlBlock(oneLine(`${cutChars(view.title, 200)}: ${cutChars(view.headline, 300)}`)),
  );
  return `<details><summary>${summary}</summary>\n\n<pre>\n${
    escapeHtmlBlock(body.join("\n")).trimEnd()
  }\n</pre>\n\n</details>\n\n`;
}

function cutNote(out: ByteBudget, left: number, what: string, hint: string, many?: string): void {
  if (left > 0) out.write(`\n_… ${plural(left, `more ${what}`, `more ${many ?? what + "s"}`)} not shown; ${hint}._\n`);
}
