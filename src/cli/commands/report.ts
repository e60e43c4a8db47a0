import { buildFilter } from "../../query/filter_args.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildReportData, EMPTY_INPUT, REPORT_LIMITS } from "../../report/report_data.ts";
import { renderCtrf } from "../../report/render_ctrf.ts";
import { GITHUB_DEFAULTS, renderGithub } from "../../report/render_github.ts";
import { renderJunit } from "../../report/render_junit.ts";
import { MARKDOWN_DEFAULTS, renderMarkdown } from "../../report/render_markdown.ts";
import { renderReportJson } from "../../report/render_report_json.ts";
import { FAIL_ON, type FailOn } from "../../report/fail_on.ts";
import { writeAnswer } from "../closed_pipe.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import {
  defineCommand,
  FILES,
  FILTER_OPTIONS,
  type FilterArgs,
  filterArgs,
  outputOption,
  REPORT_FORMATS,
} from "../options.ts";

/** What `report` runs on. */
export interface ReportArgs {
  command: "report";
  files: string[];
  filter: FilterArgs;
  output: (typeof REPORT_FORMATS)[number];
  failOn: FailOn;
  allowEmpty: boolean;
}

/** `exechist report [files..]`. */
export const reportCommand = defineCommand({
  name: "report",
  words: "[files..]",
  describe: "A CI report: job summary, JUnit, CTRF or annotations, with an exit code",
  positionals: { files: FILES },
  options: {
    ...FILTER_OPTIONS,
    "fail-on": {
      choices: FAIL_ON,
      default: "error",
      requiresArg: true,
      describe: "Exit 1 when such a record exists (any = error or other)",
    },
    "allow-empty": {
      type: "boolean",
      default: false,
      describe: "Pass on an input with no records (by default it fails: exit 1)",
    },
    output: outputOption(REPORT_FORMATS),
  },
  examples: [
    ['exechist report run.jsonl >> "$GITHUB_STEP_SUMMARY"', "Job summary in GitHub Actions"],
    ["exechist report -o junit run.jsonl > results.xml", "JUnit XML for the CI's test view"],
  ],
  read: (argv): ReportArgs => ({
    command: "report",
    files: argv.files ?? [],
    filter: filterArgs(argv),
    output: argv.output,
    failOn: argv.failOn,
    allowEmpty: argv.allowEmpty,
  }),
  run: runReport,
});

/**
 * `exechist report`: a CI report of the filtered records (markdown, junit, ctrf,
 * github, json), never coloured. Exit 1 when a record matching `--fail-on` exists, or
 * when the input has no record at all (unless `--allow-empty`): a run that logged nothing
 * must not pass. A reader gone mid-way (`| head`) keeps that status.
 */
async function runReport(command: ReportArgs, ctx: Context): Promise<number> {
  // Filters first: a bad --since is a usage error before any input is read.
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  const positions = filterPositions(registry, filter);
  const data = buildReportData(registry, positions, command.failOn, REPORT_LIMITS, command.allowEmpty);
  if (data.empty && data.failing) ctx.io.stderr.write(`exechist: ${EMPTY_INPUT}\n`);
  const write = (text: string) => ctx.io.stdout.write(text);
  const local = ctx.local;
  return writeAnswer(data.failing ? 1 : 0, () => {
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
    }
  });
}
