import { buildFilter } from "../../query/filter_args.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildReportData, REPORT_LIMITS } from "../../report/report_data.ts";
import { renderCtrf } from "../../report/render_ctrf.ts";
import { GITHUB_DEFAULTS, renderGithub } from "../../report/render_github.ts";
import { renderJunit } from "../../report/render_junit.ts";
import { MARKDOWN_DEFAULTS, renderMarkdown } from "../../report/render_markdown.ts";
import { renderReportJson } from "../../report/render_report_json.ts";
import { renderReportHtml } from "../../html/report_page.ts";
import type { Command } from "../args.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";

/**
 * `exechist report`: a CI report of the filtered records (markdown, junit, ctrf,
 * github, json), never coloured. Exit 1 when a record matching `--fail-on` exists.
 */
export async function runReport(command: Extract<Command, { command: "report" }>, ctx: Context): Promise<number> {
  // Filters first: a bad --since is a usage error before any input is read.
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  const data = buildReportData(registry, filterPositions(registry, filter), command.failOn, REPORT_LIMITS);
  const write = (text: string) => ctx.io.stdout.write(text);
  const local = ctx.local;
  switch (command.output) {
    case "markdown":
      renderMarkdown(registry, data, write, {
        ...MARKDOWN_DEFAULTS,
        local,
        failuresShown: REPORT_LIMITS.failuresShown,
      });
      break;
    case "junit":
      renderJunit(registry, data, write, { local });
      break;
    case "ctrf":
      renderCtrf(registry, data, write, { nowMs: ctx.io.now() });
      break;
    case "github":
      renderGithub(registry, data, write, GITHUB_DEFAULTS);
      break;
    case "json":
      renderReportJson(registry, data, write, { local, failuresShown: REPORT_LIMITS.failuresShown });
      break;
    case "html":
      write(renderReportHtml(registry, data, { local }));
      break;
  }
  return data.failing ? 1 : 0;
}
