import { endClockOf, startClockOf } from "../columns/columns.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import { quoteJsonString, stringifyJson } from "../json/stringify.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import { isShownClock } from "../read/time.ts";
import { type CtrfStatus, ctrfStatus } from "./ctrf_status.ts";
import { wholeMillis } from "./durations.ts";
import { executionTitle, failureView } from "./failure_view.ts";
import type { ReportData } from "./report_data.ts";

/** The CTRF specification version the document follows (schema/ctrf.schema.json of ctrf-io/ctrf). */
export const CTRF_SPEC_VERSION = "1.0.0";

/** Options of {@link renderCtrf}. */
export interface CtrfOptions {
  /** Epoch ms for summary start/stop when no record has a time (the report's own time). */
  nowMs: number;
}

/**
 * The report as a CTRF document: one test per execution, in input order, named
 * `name #index` with the name as its suite. Written one test at a time.
 */
export function renderCtrf(
  registry: ExecutionRegistry,
  data: ReportData,
  write: (text: string) => void,
  options: CtrfOptions,
): void {
  const tally: Record<CtrfStatus, number> = { passed: 0, failed: 0, skipped: 0, pending: 0, other: 0 };
  for (let j = 0; j < data.positions.length; j++) {
    const pos = data.positions[j]!;
    tally[ctrfStatus(registry.statusClassOf(pos), registry.statusOf(pos))]++;
  }
  const { span } = data;
  const start = span.start ? Math.floor(span.start.micros / 1000) : options.nowMs;
  const stop = span.end ? Math.max(start, Math.ceil(span.end.micros / 1000)) : start;
  const summary: JsonObject = new Map<string, JsonValue>([
    ["tests", data.positions.length],
    ["passed", tally.passed],
    ["failed", tally.failed],
    ["skipped", tally.skipped],
    ["pending", tally.pending],
    ["other", tally.other],
    ["suites", data.names.length],
    ["start", start],
    ["stop", stop],
    ["duration", stop - start],
    ["extra", new Map<string, JsonValue>([["records", data.total], ["badLines", data.badLines]])],
  ]);
  write(
    `{\n  "reportFormat": "CTRF",\n  "specVersion": "${CTRF_SPEC_VERSION}",\n  "generatedBy": "exechist",\n  "results": {\n` +
      `    "tool": {\n      "name": "exechist"\n    },\n    "summary": ${indented(summary, 4)},\n    "tests": [`,
  );
  for (let j = 0; j < data.positions.length; j++) {
    write(`${j === 0 ? "" : ","}\n      ${ctrfTest(registry, data.positions[j]!, "      ")}`);
  }
  write(`${data.positions.length > 0 ? "\n    " : ""}]\n  }\n}\n`);
}

/**
 * One test, as `stringifyJson(test, { indent: 2 })` would write it at this depth, but
 * built as text: this runs once per execution, millions of times.
 */
function ctrfTest(registry: ExecutionRegistry, pos: number, pad: string): string {
  const statusClass = registry.statusClassOf(pos);
  const rawStatus = registry.statusOf(pos);
  const duration = registry.durationOf(pos);
  const { columns } = registry;
  const inner = pad + "  ";
  const fields = [
    `"name": ${quoteJsonString(executionTitle(registry, pos))}`,
    `"status": "${ctrfStatus(statusClass, rawStatus)}"`,
    `"duration": ${wholeMillis(duration)}`,
  ];
  const flags = columns.flags[pos]!;
  // Zone-less wall times are taken as UTC, as the filters do.
  if (isShownClock(startClockOf(flags))) {
    const start = Math.floor(columns.start[pos]! / 1000);
    fields.push(`"start": ${start}`);
    if (isShownClock(endClockOf(flags))) {
      fields.push(`"stop": ${Math.max(start, Math.round(columns.end[pos]! / 1000))}`);
    } else if (duration !== null) fields.push(`"stop": ${start + wholeMillis(duration)}`);
  }
  fields.push(`"suite": [\n${inner}  ${quoteJsonString(registry.nameOf(pos))}\n${inner}]`);
  const extra = [`"index": ${numberJson(columns.index[pos]!)}`, `"source": ${quoteJsonString(registry.sourceOf(pos))}`];
  const run = registry.runOf(pos);
  if (run !== null) extra.push(`"run_id": ${quoteJsonString(run)}`);
  if (statusClass === "error") {
    const view = failureView(registry, pos);
    fields.push(`"message": ${quoteJsonString(view.headline)}`);
    if (view.traceback !== null) fields.push(`"trace": ${quoteJsonString(view.traceback)}`);
    extra.push(`"signature": ${quoteJsonString(view.signature)}`);
  }
  fields.push(`"rawStatus": ${quoteJsonString(rawStatus)}`);
  fields.push(`"extra": {\n${inner}  ${extra.join(`,\n${inner}  `)}\n${inner}}`);
  return `{\n${inner}${fields.join(`,\n${inner}`)}\n${pad}}`;
}

function numberJson(n: number): string {
  return stringifyJson(n);
}

function indented(value: JsonValue, pad: number): string {
  // JSON strings never hold a raw newline, so every newline is between tokens.
  return stringifyJson(value, { indent: 2 }).replace(/\n/g, "\n" + " ".repeat(pad));
}
