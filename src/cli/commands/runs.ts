import { flakyActions } from "../../runs/flaky.ts";
import { renderFlakyJson, renderFlakyMarkdown, renderFlakyText } from "../../runs/render_flaky.ts";
import { renderTrendJson, renderTrendMarkdown, renderTrendText } from "../../runs/render_trend.ts";
import { type NamedLog, type RunSlice, splitRuns } from "../../runs/run_split.ts";
import { trendOf } from "../../runs/trend.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { expandLogPaths } from "../log_paths.ts";
import type { RUNS_FORMATS } from "../options.ts";

/** What `exechist flaky` and `exechist trend` were asked. */
export interface RunsArgs {
  /** Logs or directories of logs. */
  files: string[];
  output: (typeof RUNS_FORMATS)[number];
  /** trend: the smallest relative change of p50 flagged as a step. */
  shift: number;
}

/** Each log read on its own, then split into runs (by run_id, else by log). */
async function loadRuns(files: readonly string[], ctx: Context): Promise<RunSlice[]> {
  const logs: NamedLog[] = [];
  for (const file of expandLogPaths(files, ctx.io)) {
    logs.push({ label: file, registry: await loadRegistry([file], ctx) });
  }
  return splitRuns(logs);
}

/** `exechist flaky FILES…`: the actions that pass and fail across runs. */
export async function runFlaky(args: RunsArgs, ctx: Context): Promise<number> {
  const runs = await loadRuns(args.files, ctx);
  const rows = flakyActions(runs);
  const out = ctx.io.stdout;
  if (args.output === "json") out.write(renderFlakyJson(rows, runs.map((r) => r.label)));
  else if (args.output === "markdown") out.write(renderFlakyMarkdown(rows, runs.length));
  else out.write(renderFlakyText(rows, runs.length, ctx.width, ctx.color));
  return 0;
}

/** `exechist trend FILES…`: each action's durations and error rate over runs. */
export async function runTrend(args: RunsArgs, ctx: Context): Promise<number> {
  const runs = await loadRuns(args.files, ctx);
  const rows = trendOf(runs, args.shift);
  const labels = runs.map((r) => r.label);
  const out = ctx.io.stdout;
  if (args.output === "json") out.write(renderTrendJson(rows, labels));
  else if (args.output === "markdown") out.write(renderTrendMarkdown(rows, labels));
  else out.write(renderTrendText(rows, labels, ctx.width, ctx.color));
  return 0;
}
