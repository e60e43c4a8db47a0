import yargs, { type Argv } from "yargs";
import { ExechistError } from "../errors.ts";
import type { GroupKey } from "../query/group.ts";
import { FAIL_ON, type FailOn } from "../report/fail_on.ts";

export const SUMMARY_FORMATS = ["table", "json", "ndjson", "csv", "markdown"] as const;
export const RECORD_FORMATS = ["text", "json"] as const;
export const REPORT_FORMATS = ["markdown", "junit", "ctrf", "github", "json"] as const;

export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
export type RecordFormat = (typeof RECORD_FORMATS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The record filters as given on the command line. */
export interface FilterArgs {
  names: string[];
  index: string | undefined;
  status: string | undefined;
  since: string | undefined;
  until: string | undefined;
  run: string | undefined;
}

/** A parsed command line: what to do. */
export type Command =
  | {
    command: "summary";
    files: string[];
    filter: FilterArgs;
    output: SummaryFormat;
    limit: number | undefined;
    groupBy: GroupKey | undefined;
    resultIndex: number | undefined;
    lastResult: boolean;
  }
  | { command: "result"; files: string[]; index: number; output: RecordFormat }
  | { command: "last"; files: string[]; filter: FilterArgs; output: RecordFormat }
  | {
    command: "state";
    paths: string[];
    output: RecordFormat;
    run: string | undefined;
    step: number | undefined;
    diff: boolean;
    log: string | undefined;
  }
  | { command: "report"; files: string[]; filter: FilterArgs; output: ReportFormat; failOn: FailOn }
  | { command: "print"; text: string };

/** Options that every command takes. */
export interface GlobalArgs {
  color: boolean | undefined;
  local: boolean;
  strict: boolean;
  debug: boolean;
}

export interface ParsedArgs {
  global: GlobalArgs;
  command: Command;
}

const EPILOG = "Environment: EXECHIST_THREADS (threads for large logs), EXECHIST_CACHE=1 (keep large logs' index), " +
  "NO_COLOR, FORCE_COLOR. Docs: README.md. Exit status: 0 ok, 1 the answer is no (not found, --fail-on), 2 usage or unreadable input.";

function filterOptions<T>(y: Argv<T>) {
  return y
    .option("name", { alias: "n", type: "string", requiresArg: true, describe: "Only executions of this action (repeatable)" })
    .option("index", { alias: "i", type: "string", describe: "Only this index, or a range N..M" })
    .option("status", { alias: "s", type: "string", describe: "all, success, error, other, or a status as written (cancelled, ...)" })
    .option("since", { type: "string", describe: "Started at or after: ISO time or relative (30m, 2h, 7d)" })
    .option("until", { type: "string", describe: "Started at or before: ISO time or relative" })
    .option("run", { type: "string", describe: "Only this run_id / session_id" });
}

function build(argv: readonly string[], width: number, version: string) {
  return yargs([...argv])
    .scriptName("exechist")
    .locale("en")
    .detectLocale(false)
    // yargs renders a command's whole help on every run (to have it at hand); wrapping it
    // is most of that cost, and only --help shows it.
    .wrap(asksForHelp(argv) ? Math.min(width, 100) : null)
    .exitProcess(false)
    .strict()
    .help("help")
    .alias("help", "h")
    .version("version", "Show the version", version)
    .usage("exechist: what ran, what failed, what it returned, where a durable run stopped\n\nUsage: $0 <command> [options]")
    .option("output", { alias: "o", type: "string", describe: "Output format (see each command)" })
    .option("color", { type: "boolean", describe: "Colour the table and text views (--no-color: never); default: on a terminal, NO_COLOR/FORCE_COLOR honoured" })
    .option("local", { type: "boolean", default: false, describe: "Show instants in the local time zone instead of UTC" })
    .option("strict", { type: "boolean", default: false, describe: "Exit 2 on any bad input line" })
    .option("debug", { type: "boolean", default: false, describe: "Show the stack of an unexpected failure" })
    .command(["summary [files..]", "$0"], "The execution table (the default command)", (y) =>
      filterOptions(y)
        .positional("files", { type: "string", array: true, describe: "JSON-lines logs, - for standard input" })
        .option("result-index", { alias: "r", type: "number", describe: "Show one execution, as `result N`" })
        .option("last-result", { alias: "l", type: "boolean", describe: "Show the newest execution, as `last`" })
        .option("limit", { type: "number", describe: "Show the last N matching rows (default 50 in table/markdown; 0 = all)" })
        .option("group-by", { type: "string", choices: ["name", "status", "run"], describe: "One row per group, with counts and durations" })
        .example("$0 run.jsonl", "Table of the last 50 executions")
        .example("$0 summary -s error -n fetch run.jsonl", "Failed runs of `fetch`")
        .example("cat run.jsonl | $0 summary --group-by name", "Per-action counts, error rate, p50/p95")
        .example("$0 summary -o json run.jsonl.gz", "Every execution as one JSON document")
        .epilog("Formats (-o): table (default), json, ndjson, csv, markdown.\n" + EPILOG))
    .command("result <index> [files..]", "One execution: signature, then traceback or result", (y) =>
      y
        .positional("index", { type: "string", describe: "The execution's index" })
        .positional("files", { type: "string", array: true })
        .example("$0 result 42 run.jsonl", "Show execution 42")
        .example("$0 result 42 -o json run.jsonl", "Execution 42 with every original field")
        .epilog("Formats (-o): text (default), json.\n" + EPILOG))
    .command("last [files..]", "The newest execution not marked ignore_in_history", (y) =>
      filterOptions(y)
        .positional("files", { type: "string", array: true })
        .example("$0 last run.jsonl", "What ran last, and what it returned")
        .example("$0 last -s error run.jsonl", "The newest failure and its traceback")
        .epilog("Formats (-o): text (default), json.\n" + EPILOG))
    .command("state <paths..>", "Reconstruct a durable run from RunState checkpoints", (y) =>
      y
        .positional("paths", { type: "string", array: true, describe: "A checkpoint file or a directory of them; two with --diff" })
        .option("run", { type: "string", describe: "In a directory: the run to show" })
        .option("step", { type: "number", describe: "In a directory: the checkpoint whose current_step is N" })
        .option("diff", { type: "boolean", default: false, describe: "What changed from the first checkpoint to the second" })
        .option("log", { type: "string", describe: "Attach this execution log's records of the same run to the nodes" })
        .example("$0 state checkpoint.json", "Where the run stands and where it will resume")
        .example("$0 state checkpoints/ --run 3f2a", "The newest checkpoint of run 3f2a")
        .example("$0 state --diff a.json b.json", "What changed between two checkpoints")
        .epilog("Formats (-o): text (default), json.\n" + EPILOG))
    .command("report [files..]", "A CI report: job summary, JUnit, CTRF or annotations, with an exit code", (y) =>
      filterOptions(y)
        .positional("files", { type: "string", array: true })
        .option("fail-on", { type: "string", choices: [...FAIL_ON], default: "error", describe: "Exit 1 when such a record exists (any = error or other)" })
        .example('$0 report run.jsonl >> "$GITHUB_STEP_SUMMARY"', "Job summary in GitHub Actions")
        .example("$0 report -o junit run.jsonl > results.xml", "JUnit XML for the CI's test view")
        .epilog("Formats (-o): markdown (default), junit, ctrf, github, json.\n" + EPILOG))
    .epilog(EPILOG);
}

/** True when the command line has --help or -h (alone or in a group of short flags) before any `--`. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || /^-[A-Za-z]*h[A-Za-z]*$/.test(arg));
}

/**
 * Parses a command line (without the program name). Help and version come back as
 * text to print; a wrong flag or value is a usage error carrying the message and help.
 */
export async function parseArgs(argv: readonly string[], width: number, version: string): Promise<ParsedArgs> {
  const parser = build(argv, width, version);
  skipHelpCache(parser);
  const { parsed, output, error } = await new Promise<{ parsed: Record<string, unknown>; output: string; error: Error | null }>(
    (resolve) => {
      parser.parse([...argv], {}, (err, args, out) => resolve({ parsed: args as Record<string, unknown>, output: out, error: err ?? null }));
    },
  );
  if (error) throw new ExechistError("usage", `${error.message}\n\nRun "exechist --help" for usage`);
  const global: GlobalArgs = {
    color: parsed.color as boolean | undefined,
    local: parsed.local === true,
    strict: parsed.strict === true,
    debug: parsed.debug === true,
  };
  if (output !== "") return { global, command: { command: "print", text: output.endsWith("\n") ? output : output + "\n" } };
  return { global, command: toCommand(parsed) };
}

/**
 * yargs renders a command's whole help after parsing it (~10 ms), to have it at hand
 * should the command's handler fail later through yargs. exechist's commands have no
 * handlers there (parsing ends before they run), so the rendering is skipped. Through
 * yargs' internal methods: when a version has none, nothing changes.
 */
function skipHelpCache(parser: unknown): void {
  type Usage = { cacheHelpMessage?: () => void };
  const internal = parser as { getInternalMethods?: () => { getUsageInstance?: () => Usage | undefined } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}

function toCommand(a: Record<string, unknown>): Command {
  const name = String((a._ as unknown[])[0] ?? "summary");
  const files = strings(a.files);
  const output = a.output as string | undefined;
  switch (name) {
    case "summary":
      return {
        command: "summary",
        files,
        filter: filterArgs(a),
        output: oneOf(output ?? "table", SUMMARY_FORMATS, "--output"),
        limit: a.limit === undefined ? undefined : count(a.limit, "--limit"),
        groupBy: a["group-by"] as GroupKey | undefined,
        resultIndex: a["result-index"] === undefined ? undefined : count(a["result-index"], "--result-index"),
        lastResult: a["last-result"] === true,
      };
    case "result":
      return { command: "result", files, index: count(a.index, "index"), output: oneOf(output ?? "text", RECORD_FORMATS, "--output") };
    case "last":
      return { command: "last", files, filter: filterArgs(a), output: oneOf(output ?? "text", RECORD_FORMATS, "--output") };
    case "state": {
      const paths = strings(a.paths);
      const diff = a.diff === true;
      if (diff && paths.length !== 2) throw usage("--diff needs two checkpoints: exechist state --diff A B");
      if (!diff && paths.length !== 1) throw usage("state takes one checkpoint or directory (two with --diff)");
      return {
        command: "state",
        paths,
        output: oneOf(output ?? "text", RECORD_FORMATS, "--output"),
        run: a.run as string | undefined,
        step: a.step === undefined ? undefined : count(a.step, "--step"),
        diff,
        log: a.log as string | undefined,
      };
    }
    case "report":
      return {
        command: "report",
        files,
        filter: filterArgs(a),
        output: oneOf(output ?? "markdown", REPORT_FORMATS, "--output"),
        failOn: a["fail-on"] as FailOn,
      };
    default:
      throw usage(`Unknown command "${name}"`);
  }
}

function filterArgs(a: Record<string, unknown>): FilterArgs {
  return {
    names: strings(a.name),
    index: a.index as string | undefined,
    status: a.status as string | undefined,
    since: a.since as string | undefined,
    until: a.until as string | undefined,
    run: a.run as string | undefined,
  };
}

function strings(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function count(value: unknown, what: string): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || (typeof value === "string" && !/^\d+$/.test(value))) {
    throw usage(`${what} must be an integer >= 0, got "${String(value)}"`);
  }
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`${what} must be one of ${allowed.join(", ")} here, got "${value}"`);
}

function usage(message: string): ExechistError {
  return new ExechistError("usage", `${message}\n\nRun "exechist --help" for usage`);
}
