import { FAIL_ON } from "../report/fail_on.ts";
import { COMPARE_FAIL_ON } from "../compare/compare_fail_on.ts";

/**
 * The command line as data: every command, its arguments and options, and the words of
 * `--help`. The parser (argv.ts) and the help (help.ts) both read these tables, so a
 * flag is declared once.
 */

export const SUMMARY_FORMATS = ["table", "json", "ndjson", "csv", "markdown"] as const;
export const RECORD_FORMATS = ["text", "json"] as const;
export const REPORT_FORMATS = ["markdown", "junit", "ctrf", "github", "json", "html"] as const;
export const COMPARE_FORMATS = ["table", "markdown", "json", "github", "html"] as const;
export const RUNS_FORMATS = ["table", "markdown", "json"] as const;
export const GROUP_KEYS = ["name", "status", "run"] as const;

export interface OptionSpec {
  /** The long name, without `--`. */
  long: string;
  /** One letter, without `-`. */
  short?: string;
  /** A boolean takes no value (`--no-NAME` sets it false); a string or number takes one. */
  type: "string" | "number" | "boolean";
  /** What the value is called in `--help` (FORMAT, N, ...). */
  value?: string;
  describe: string;
  /** Each use adds a value instead of replacing the last one. */
  repeatable?: boolean;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  /** Takes every remaining argument. */
  variadic: boolean;
  describe?: string;
}

export interface CommandSpec {
  name: CommandName;
  describe: string;
  positionals: readonly PositionalSpec[];
  options: readonly OptionSpec[];
  /** The values of `-o`, the first being the default. */
  formats: readonly string[];
  examples: ReadonlyArray<readonly [string, string]>;
}

export type CommandName = "summary" | "result" | "last" | "state" | "report" | "compare" | "flaky" | "trend";

/** What `exechist` without a command word runs. */
export const DEFAULT_COMMAND: CommandName = "summary";

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { long: "output", short: "o", type: "string", value: "FORMAT", describe: "Output format (see each command)" },
  {
    long: "color",
    type: "boolean",
    describe:
      "Colour the table and text views (--no-color: never); default: on a terminal, NO_COLOR/FORCE_COLOR honoured",
  },
  { long: "local", type: "boolean", describe: "Show instants in the local time zone instead of UTC" },
  { long: "strict", type: "boolean", describe: "Exit 2 on any bad input line" },
  {
    long: "debug",
    type: "boolean",
    describe: "Say how each log was read (threads, index cache); the stack of an unexpected failure",
  },
  { long: "help", short: "h", type: "boolean", describe: "Show help (after a command: that command's)" },
  { long: "version", type: "boolean", describe: "Show the version" },
];

const FILTER_OPTIONS: readonly OptionSpec[] = [
  {
    long: "name",
    short: "n",
    type: "string",
    value: "NAME",
    repeatable: true,
    describe: "Only executions of this action (repeatable)",
  },
  { long: "index", short: "i", type: "string", value: "N[..M]", describe: "Only this index, or a range N..M" },
  {
    long: "status",
    short: "s",
    type: "string",
    value: "STATUS",
    describe: "all, success, error, other, or a status as written (cancelled, ...)",
  },
  { long: "since", type: "string", value: "TIME", describe: "Started at or after: ISO time or relative (30m, 2h, 7d)" },
  { long: "until", type: "string", value: "TIME", describe: "Started at or before: ISO time or relative" },
  { long: "run", type: "string", value: "ID", describe: "Only this run_id / session_id" },
];

const FILES: PositionalSpec = {
  name: "files",
  required: false,
  variadic: true,
  describe: "JSON-lines logs (.gz too), - for standard input",
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "summary",
    describe: "The execution table (the default command)",
    positionals: [FILES],
    options: [
      ...FILTER_OPTIONS,
      { long: "result-index", short: "r", type: "number", value: "N", describe: "Show one execution, as `result N`" },
      { long: "last-result", short: "l", type: "boolean", describe: "Show the newest execution, as `last`" },
      {
        long: "limit",
        type: "number",
        value: "N",
        describe: "Show the last N matching rows (default 50 in table/markdown; 0 = all)",
      },
      {
        long: "group-by",
        type: "string",
        value: GROUP_KEYS.join("|"),
        describe: "One row per group, with counts and durations",
      },
      { long: "timeline", type: "boolean", describe: "A text Gantt chart of what ran when, a lane per action" },
    ],
    formats: SUMMARY_FORMATS,
    examples: [
      ["exechist run.jsonl", "Table of the last 50 executions"],
      ["exechist summary -s error -n fetch run.jsonl", "Failed runs of `fetch`"],
      ["cat run.jsonl | exechist summary --group-by name", "Per-action counts, error rate, p50/p95"],
      ["exechist summary -o json run.jsonl.gz", "Every execution as one JSON document"],
    ],
  },
  {
    name: "result",
    describe: "One execution: signature, then traceback or result",
    positionals: [{ name: "index", required: true, variadic: false, describe: "The execution's index" }, FILES],
    options: [],
    formats: RECORD_FORMATS,
    examples: [
      ["exechist result 42 run.jsonl", "Show execution 42"],
      ["exechist result 42 -o json run.jsonl", "Execution 42 with every original field"],
    ],
  },
  {
    name: "last",
    describe: "The newest execution not marked ignore_in_history",
    positionals: [FILES],
    options: FILTER_OPTIONS,
    formats: RECORD_FORMATS,
    examples: [
      ["exechist last run.jsonl", "What ran last, and what it returned"],
      ["exechist last -s error run.jsonl", "The newest failure and its traceback"],
    ],
  },
  {
    name: "state",
    describe: "Reconstruct a durable run from RunState checkpoints",
    positionals: [{
      name: "paths",
      required: true,
      variadic: true,
      describe: "A checkpoint file or a directory of them; two with --diff",
    }],
    options: [
      { long: "run", type: "string", value: "ID", describe: "In a directory: the run to show" },
      { long: "step", type: "number", value: "N", describe: "In a directory: the checkpoint whose current_step is N" },
      { long: "diff", type: "boolean", describe: "What changed from the first checkpoint to the second" },
      {
        long: "log",
        type: "string",
        value: "FILE",
        describe: "Attach this execution log's records of the same run to the nodes",
      },
    ],
    formats: RECORD_FORMATS,
    examples: [
      ["exechist state checkpoint.json", "Where the run stands and where it will resume"],
      ["exechist state checkpoints/ --run 3f2a", "The newest checkpoint of run 3f2a"],
      ["exechist state --diff a.json b.json", "What changed between two checkpoints"],
    ],
  },
  {
    name: "report",
    describe: "A CI report: job summary, JUnit, CTRF or annotations, with an exit code",
    positionals: [FILES],
    options: [
      ...FILTER_OPTIONS,
      {
        long: "fail-on",
        type: "string",
        value: FAIL_ON.join("|"),
        describe: "Exit 1 when such a record exists (any = error or other; default error)",
      },
    ],
    formats: REPORT_FORMATS,
    examples: [
      ['exechist report run.jsonl >> "$GITHUB_STEP_SUMMARY"', "Job summary in GitHub Actions"],
      ["exechist report -o junit run.jsonl > results.xml", "JUnit XML for the CI's test view"],
      ["exechist report -o html run.jsonl > report.html", "One self-contained page: timeline, histograms, failures"],
    ],
  },
  {
    name: "compare",
    describe: "What got worse from BASE to HEAD: slower actions, new failures, fixed ones",
    positionals: [{
      name: "paths",
      required: true,
      variadic: true,
      describe: "BASE and HEAD, each a log or a directory of logs; with --base-run/--head-run, the logs of both runs",
    }],
    options: [
      {
        long: "base-run",
        type: "string",
        value: "ID",
        describe: "Compare two runs of the same logs: BASE is this run_id",
      },
      { long: "head-run", type: "string", value: "ID", describe: "... and HEAD this one" },
      {
        long: "fail-on",
        type: "string",
        value: COMPARE_FAIL_ON.join("|"),
        describe: "Exit 1 on a new failure, a slower action, either (any, the default), or never",
      },
      {
        long: "slower",
        type: "string",
        value: "PCT",
        describe: "The smallest change of p50 that counts, with a rank test at p < 0.01 (default 20%)",
      },
    ],
    formats: COMPARE_FORMATS,
    examples: [
      ["exechist compare base.jsonl head.jsonl", "What changed, action by action"],
      [
        'exechist compare -o markdown --fail-on regression baseline/ run.jsonl >> "$GITHUB_STEP_SUMMARY"',
        "Gate a pull request on slower actions",
      ],
      ["exechist compare --base-run r1 --head-run r2 runs.jsonl", "Two runs inside one log"],
    ],
  },
  {
    name: "flaky",
    describe: "Actions that pass and fail across runs: flips, passes after a failure, flake rate",
    positionals: [{
      ...FILES,
      required: true,
      describe: "Logs (or directories of logs): a run per run_id, else per file",
    }],
    options: [],
    formats: RUNS_FORMATS,
    examples: [["exechist flaky runs/", "The flakiest actions over every log in runs/"]],
  },
  {
    name: "trend",
    describe: "How each action's p50, p95 and error rate move over runs, as sparklines; step changes flagged",
    positionals: [{
      ...FILES,
      required: true,
      describe: "Logs (or directories of logs): a run per run_id, else per file",
    }],
    options: [
      {
        long: "shift",
        type: "string",
        value: "PCT",
        describe: "The smallest lasting change of p50 flagged as a step (default 20%)",
      },
    ],
    formats: RUNS_FORMATS,
    examples: [["exechist trend runs/*.jsonl", "Sparklines of every action over the runs, oldest first"]],
  },
];

export const SUMMARY_LINE = "exechist: what ran, what failed, what it returned, where a durable run stopped";

export const EPILOG =
  "Environment: EXECHIST_THREADS (threads for large logs), EXECHIST_CACHE=0 (no index cache for large logs), " +
  "NO_COLOR, FORCE_COLOR, COLUMNS. Exit status: 0 ok, 1 the answer is no (not found, --fail-on), " +
  "2 usage or unreadable input. Docs: README.md.";

/** The command called `name`, if there is one. */
export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** `result <index> [files..]`: a command's words as in its usage line. */
export function usageOf(command: CommandSpec): string {
  const args = command.positionals.map((p) => {
    const name = p.variadic ? `${p.name}..` : p.name;
    return p.required ? `<${name}>` : `[${name}]`;
  });
  return [command.name, ...args].join(" ");
}
