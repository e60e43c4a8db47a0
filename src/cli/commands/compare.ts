import { COMPARE_FAIL_ON, type CompareFailOn, compareFails } from "../../compare/compare_fail_on.ts";
import { COMPARE_DEFAULTS, compareLogs, type CompareSide } from "../../compare/compare_logs.ts";
import { renderCompareGithub } from "../../compare/render_compare_github.ts";
import { renderCompareJson } from "../../compare/render_compare_json.ts";
import { COMPARE_MARKDOWN_DEFAULTS, renderCompareMarkdown } from "../../compare/render_compare_markdown.ts";
import { renderCompareText } from "../../compare/render_compare_text.ts";
import { ExechistError } from "../../errors.ts";
import { renderCompareHtml } from "../../html/compare_page.ts";
import { writeAnswer } from "../closed_pipe.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { expandLogPaths } from "../log_paths.ts";
import { COMPARE_FORMATS, defineCommand, outputOption, percent, usageError } from "../options.ts";

/** The formats of `compare -o`. */
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** What `exechist compare` was asked. */
export interface CompareArgs {
  command: "compare";
  /** BASE and HEAD (each a log or a directory of logs); with the run options, the logs holding both runs. */
  paths: string[];
  baseRun: string | undefined;
  headRun: string | undefined;
  output: CompareFormat;
  failOn: CompareFailOn;
  /** The smallest relative change of p50 that counts, as a fraction. */
  slower: number;
}

/** `exechist compare <paths..>`. */
export const compareCommand = defineCommand({
  name: "compare",
  words: "<paths..>",
  describe: "What got worse from BASE to HEAD: slower actions, new and fixed failures",
  positionals: {
    paths: {
      type: "string",
      array: true,
      demandOption: true,
      describe: "BASE and HEAD, each a log or a directory of logs; with --base-run/--head-run, the logs of both runs",
    },
  },
  options: {
    "base-run": {
      type: "string",
      requiresArg: true,
      describe: "Compare two runs of the same logs: BASE is this run_id",
    },
    "head-run": { type: "string", requiresArg: true, describe: "... and HEAD this one" },
    "fail-on": {
      choices: COMPARE_FAIL_ON,
      default: "any",
      requiresArg: true,
      describe: "Exit 1 on a new failure, a slower action, either (any), or never (none)",
    },
    slower: {
      requiresArg: true,
      coerce: percent("--slower"),
      default: "20%",
      describe: "The smallest change of p50 that counts, with a rank test at p < 0.01",
    },
    output: outputOption(COMPARE_FORMATS),
  },
  examples: [
    ["exechist compare base.jsonl head.jsonl", "What changed, action by action"],
    ["exechist compare --fail-on regression base/ run.jsonl", "Fail on slower actions only"],
    ['exechist compare -o markdown base/ run.jsonl >> "$GITHUB_STEP_SUMMARY"', "In a job summary"],
    ["exechist compare --base-run r1 --head-run r2 runs.jsonl", "Two runs inside one log"],
    ["exechist compare -o html base/ run.jsonl > compare.html", "One self-contained page"],
  ],
  read: (argv): CompareArgs => {
    const { paths, baseRun, headRun } = argv;
    if (baseRun !== undefined || headRun !== undefined) {
      if (baseRun === undefined || headRun === undefined) {
        throw usageError("--base-run and --head-run go together: exechist compare --base-run A --head-run B LOG..");
      }
    } else if (paths.length !== 2) {
      throw usageError("compare takes two logs (or directories): exechist compare BASE HEAD");
    }
    return {
      command: "compare",
      paths,
      baseRun,
      headRun,
      output: argv.output,
      failOn: argv.failOn,
      slower: argv.slower,
    };
  },
  run: runCompare,
});

/**
 * `exechist compare BASE HEAD`: what got worse (or better) from BASE to HEAD. Exit 1
 * when the comparison holds what `--fail-on` names.
 */
async function runCompare(args: CompareArgs, ctx: Context): Promise<number> {
  const [base, head] = await loadSides(args, ctx);
  const comparison = compareLogs(base, head, { ...COMPARE_DEFAULTS, slower: args.slower });
  const failing = compareFails(comparison, args.failOn);
  const write = (text: string) => ctx.io.stdout.write(text);
  return writeAnswer(failing ? 1 : 0, () => {
    switch (args.output) {
      case "table":
        write(renderCompareText(comparison, { width: ctx.width, color: ctx.color }));
        break;
      case "markdown":
        renderCompareMarkdown(comparison, write, { ...COMPARE_MARKDOWN_DEFAULTS, failing });
        break;
      case "json":
        write(renderCompareJson(comparison, args.failOn, failing));
        break;
      case "github":
        renderCompareGithub(comparison, write);
        break;
      case "html":
        write(renderCompareHtml(comparison, head, { local: ctx.local, failing }));
        break;
    }
  });
}

/** BASE and HEAD: two runs of the same logs (`read` saw both run options given), or two paths. */
async function loadSides(args: CompareArgs, ctx: Context): Promise<[CompareSide, CompareSide]> {
  const { baseRun, headRun } = args;
  if (baseRun !== undefined && headRun !== undefined) {
    const registry = await loadRegistry(expandLogPaths(args.paths, ctx.io), ctx);
    const side = (run: string): CompareSide => {
      const positions = registry.positionsOfRun(run);
      if (positions.length === 0) throw new ExechistError("input", `No record has run_id "${run}"`);
      return { label: `run ${run}`, registry, positions };
    };
    return [side(baseRun), side(headRun)];
  }
  const side = async (path: string): Promise<CompareSide> => {
    const registry = await loadRegistry(expandLogPaths([path], ctx.io), ctx);
    return { label: path, registry, positions: Uint32Array.from({ length: registry.size }, (_, i) => i) };
  };
  return [await side(args.paths[0]!), await side(args.paths[1]!)];
}
