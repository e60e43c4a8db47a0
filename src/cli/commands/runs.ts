import type { PositionalOptions } from "yargs";
import { flakyActions } from "../../runs/flaky.ts";
import { renderFlakyJson, renderFlakyMarkdown, renderFlakyText } from "../../runs/render_flaky.ts";
import { renderTrendJson, renderTrendMarkdown, renderTrendText } from "../../runs/render_trend.ts";
import { type NamedLog, type RunSlice, splitRuns } from "../../runs/run_split.ts";
import { trendOf } from "../../runs/trend.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { expandLogPaths } from "../log_paths.ts";
import { defineCommand, outputOption, percent, RUNS_FORMATS } from "../options.ts";

/** What `exechist flaky` and `exechist trend` were asked. */
export interface RunsArgs {
  command: "flaky" | "trend";
  /** Logs or directories of logs. */
  files: string[];
  output: (typeof RUNS_FORMATS)[number];
  /** trend: the smallest relative change of p50 flagged as a step. */
  shift: number;
}

/** The logs of `flaky` and `trend`: at least one; each is a run, or holds runs by run_id. */
const RUN_LOGS = {
  type: "string",
  array: true,
  demandOption: true,
  describe: "Logs or directories of logs: a run per run_id, else per file; runs ordered by their first start",
} as const satisfies PositionalOptions;

/** `exechist flaky <files..>`. */
export const flakyCommand = defineCommand({
  name: "flaky",
  words: "<files..>",
  describe: "Actions that pass and fail across runs: flips, retries, flake rate",
  positionals: { files: RUN_LOGS },
  options: { output: outputOption(RUNS_FORMATS) },
  examples: [
    ["exechist flaky runs/", "The flakiest actions over every log in runs/"],
    ['exechist flaky -o markdown runs/ >> "$GITHUB_STEP_SUMMARY"', "The same in a job summary"],
  ],
  read: (argv): RunsArgs => ({ command: "flaky", files: argv.files, output: argv.output, shift: 0.2 }),
  run: runFlaky,
});

/** `exechist trend <files..>`. */
export const trendCommand = defineCommand({
  name: "trend",
  words: "<files..>",
  describe: "Each action's p50, p95 and error rate over runs as sparklines, steps flagged",
  positionals: { files: RUN_LOGS },
  options: {
    shift: {
      requiresArg: true,
      coerce: percent("--shift"),
      default: "20%",
      describe: "The smallest lasting change of p50 flagged as a step",
    },
    output: outputOption(RUNS_FORMATS),
  },
  examples: [["exechist trend runs/*.jsonl", "Sparklines of every action over the runs, oldest first"]],
  read: (argv): RunsArgs => ({ command: "trend", files: argv.files, output: argv.output, shift: argv.shift }),
  run: runTrend,
});

/** Each log read on its own, then split into runs (by run_id, else by log). */
async function loadRuns(files: readonly string[], ctx: Context): Promise<RunSlice[]> {
  const logs: NamedLog[] = [];
  for (const file of expandLogPaths(files, ctx.io)) {
    logs.push({ label: file, registry: await loadRegistry([file], ctx) });
  }
  return splitRuns(logs);
}

/** `exechist flaky FILES…`: the actions that pass and fail across runs. */
async function runFlaky(args: RunsArgs, ctx: Context): Promise<number> {
  const runs = await loadRuns(args.files, ctx);
  const rows = flakyActions(runs);
  const out = ctx.io.stdout;
  if (args.output === "json") out.write(renderFlakyJson(rows, runs.map((r) => r.label)));
  else if (args.output === "markdown") out.write(renderFlakyMarkdown(rows, runs.length));
  else out.write(renderFlakyText(rows, runs.length, ctx.width, ctx.color));
  return 0;
}

/** `exechist trend FILES…`: each action's durations and error rate over runs. */
async function runTrend(args: RunsArgs, ctx: Context): Promise<number> {
  const runs = await loadRuns(args.files, ctx);
  const rows = trendOf(runs, args.shift);
  const labels = runs.map((r) => r.label);
  const out = ctx.io.stdout;
  if (args.output === "json") out.write(renderTrendJson(rows, labels));
  else if (args.output === "markdown") out.write(renderTrendMarkdown(rows, labels));
  else out.write(renderTrendText(rows, labels, ctx.width, ctx.color));
  return 0;
}
