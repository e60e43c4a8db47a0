import { type CompareFailOn, compareFails } from "../../compare/compare_fail_on.ts";
import { COMPARE_DEFAULTS, compareLogs, type CompareSide } from "../../compare/compare_logs.ts";
import { renderCompareGithub } from "../../compare/render_compare_github.ts";
import { renderCompareJson } from "../../compare/render_compare_json.ts";
import { COMPARE_MARKDOWN_DEFAULTS, renderCompareMarkdown } from "../../compare/render_compare_markdown.ts";
import { renderCompareText } from "../../compare/render_compare_text.ts";
import { ExechistError } from "../../errors.ts";
import { renderCompareHtml } from "../../html/compare_page.ts";
import { usageError } from "../argv.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { expandLogPaths } from "../log_paths.ts";
import type { COMPARE_FORMATS } from "../options.ts";

/** The formats of `compare -o`. */
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** What `exechist compare` was asked. */
export interface CompareArgs {
  /** BASE and HEAD (each a log or a directory of logs); with the run options, the logs holding both runs. */
  paths: string[];
  baseRun: string | undefined;
  headRun: string | undefined;
  output: CompareFormat;
  failOn: CompareFailOn;
  /** The smallest relative change of p50 that counts, as a fraction. */
  slower: number;
}

/**
 * `exechist compare BASE HEAD`: what got worse (or better) from BASE to HEAD. Exit 1
 * when the comparison holds what `--fail-on` names.
 */
export async function runCompare(args: CompareArgs, ctx: Context): Promise<number> {
  const [base, head] = await loadSides(args, ctx);
  const comparison = compareLogs(base, head, { ...COMPARE_DEFAULTS, slower: args.slower });
  const failing = compareFails(comparison, args.failOn);
  const write = (text: string) => ctx.io.stdout.write(text);
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
  return failing ? 1 : 0;
}

async function loadSides(args: CompareArgs, ctx: Context): Promise<[CompareSide, CompareSide]> {
  const { baseRun, headRun } = args;
  if (baseRun !== undefined || headRun !== undefined) {
    if (baseRun === undefined || headRun === undefined) {
      throw usageError("--base-run and --head-run go together: exechist compare --base-run A --head-run B LOG..");
    }
    const registry = await loadRegistry(expandLogPaths(args.paths, ctx.io), ctx);
    const side = (run: string): CompareSide => {
      const positions = registry.positionsOfRun(run);
      if (positions.length === 0) throw new ExechistError("input", `No record has run_id "${run}"`);
      return { label: `run ${run}`, registry, positions };
    };
    return [side(baseRun), side(headRun)];
  }
  if (args.paths.length !== 2) {
    throw usageError("compare takes two logs (or directories): exechist compare BASE HEAD");
  }
  const side = async (path: string): Promise<CompareSide> => {
    const registry = await loadRegistry(expandLogPaths([path], ctx.io), ctx);
    return { label: path, registry, positions: Uint32Array.from({ length: registry.size }, (_, i) => i) };
  };
  return [await side(args.paths[0]!), await side(args.paths[1]!)];
}
