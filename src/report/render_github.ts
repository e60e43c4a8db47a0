import type { ExecutionRegistry } from "../query/registry.ts";
import { cutChars } from "../render/cut_text.ts";
import { failureView, tail } from "./failure_view.ts";
import { EMPTY_INPUT, type ReportData } from "./report_data.ts";
import { oneLine, visibleText } from "../render/visible_text.ts";
import { otherStatusesText } from "./other_statuses.ts";
import { workflowCommand } from "./workflow_command.ts";

/** Options of {@link renderGithub}. */
export interface GithubOptions {
  /** GitHub shows at most 10 error annotations per step. */
  maxAnnotations: number;
  /** Characters of each traceback kept (its end). */
  maxTraceback: number;
}

/** The defaults: GitHub's 10 error annotations per step. */
export const GITHUB_DEFAULTS: GithubOptions = { maxAnnotations: 10, maxTraceback: 4000 };

/**
 * The report as GitHub Actions workflow commands: an `::error` for each of the first
 * failures (title `name #index`, message the exception, the source and the traceback),
 * then one `::notice` with the totals and how many failures were not annotated (after an `::error` when
 * an input with no record fails the report).
 * Control characters (ESC, NUL, ...) are shown as `\xNN` before the toolkit's escaping.
 */
export function renderGithub(
  registry: ExecutionRegistry,
  data: ReportData,
  write: (text: string) => void,
  options: GithubOptions,
): void {
  const shown = Math.min(options.maxAnnotations, data.failures.length);
  for (let j = 0; j < shown; j++) {
    const view = failureView(registry, data.failures[j]!);
    const parts = [view.headline, `${view.signature} at ${view.source}`];
    if (view.traceback !== null) parts.push("", tail(view.traceback, options.maxTraceback));
    write(
      workflowCommand(
        "error",
        [["title", visibleText(cutChars(view.title, 200))]],
        visibleText(parts.join("\n")),
      ) + "\n",
    );
  }
  if (data.empty && data.failing) {
    write(workflowCommand("error", [["title", "exechist report"]], EMPTY_INPUT) + "\n");
  }
  const { counts } = data;
  const matched = data.positions.length;
  let text = `${matched} execution${
    matched === 1 ? "" : "s"
  }: ${counts.success} success, ${counts.error} error, ${counts.other} other`;
  if (data.otherStatuses.length > 0) {
    text += ` (${otherStatusesText(data.otherStatuses, oneLine)})`;
  }
  text += `; ${data.badLines} bad line${data.badLines === 1 ? "" : "s"}`;
  if (matched !== data.total) text += `; ${matched} of ${data.total} records matched the filters`;
  text += `. ${shown} failure${shown === 1 ? "" : "s"} annotated, ${data.failures.length - shown} not annotated.`;
  write(workflowCommand("notice", [["title", "exechist report"]], visibleText(text)) + "\n");
}
