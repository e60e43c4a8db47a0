import type { ArgumentsCamelCase, InferredOptionTypes, Options, PositionalOptions } from "yargs";
import { parseThreshold } from "../compare/compare_fail_on.ts";
import { ExechistError } from "../errors.ts";
import { INPUT_FORMATS } from "../formats/types.ts";
import { MAP_FIELDS } from "../read/field_map.ts";
import type { Context } from "./context.ts";
import { givenWord } from "./getopt.ts";

/**
 * The command line as yargs declarations: the options every command takes, the record
 * filters several share, and {@link defineCommand}, with which each command (in
 * src/cli/commands/) declares its words, options and examples beside the code that runs
 * it. yargs infers each command's parsed arguments from these declarations.
 */

export const SUMMARY_FORMATS = ["table", "json", "ndjson", "csv", "markdown"] as const;
export const RECORD_FORMATS = ["text", "json"] as const;
export const REPORT_FORMATS = ["markdown", "junit", "ctrf", "github", "json", "html"] as const;
export const COMPARE_FORMATS = ["table", "markdown", "json", "github", "html"] as const;
export const RUNS_FORMATS = ["table", "markdown", "json"] as const;
export const GROUP_KEYS = ["name", "status", "run"] as const;

/** Options that every command takes. */
export const GLOBAL_OPTIONS = {
  color: {
    type: "boolean",
    describe:
      "Colour the table and text views (--no-color: never); default: on a terminal, NO_COLOR/FORCE_COLOR honoured",
  },
  local: { type: "boolean", default: false, describe: "Show instants in the local time zone instead of UTC" },
  strict: { type: "boolean", default: false, describe: "Exit 2 on any bad input line" },
  debug: {
    type: "boolean",
    default: false,
    describe: "Say how each log was read (threads, index cache); the stack of an unexpected failure",
  },
  from: {
    type: "string",
    choices: INPUT_FORMATS,
    defaultDescription: "auto",
    requiresArg: true,
    describe: "What logs are: auto (JSON lines, or OTLP, Temporal, CTRF, go test -json, Prefect by their shape), " +
      "falyx (JSON lines as they are), a logger (pino, bunyan, winston, python-logging, structlog: " +
      "with --map name=FIELD), or one format",
  },
  map: {
    type: "string",
    array: true,
    requiresArg: true,
    default: [] as string[],
    defaultDescription: "none",
    describe: "Where a field is: FIELD=PATH, a key or dotted path (repeatable); FIELD: " + MAP_FIELDS.join(", "),
  },
  config: {
    type: "string",
    requiresArg: true,
    defaultDescription: ".exechist.json if there is one",
    describe: 'A JSON file of settings: {"from": "pino", "map": {"name": "step"}}',
  },
} as const satisfies Record<string, Options>;

/** `-o/--output`, with the formats a command can write, the first being its default. */
export function outputOption<const F extends readonly [string, ...string[]]>(
  formats: F,
): { alias: "o"; choices: F; default: F[0]; requiresArg: true; describe: string } {
  return { alias: "o", choices: formats, default: formats[0], requiresArg: true, describe: "Output format" };
}

/** The record filters of summary, last and report. */
export const FILTER_OPTIONS = {
  name: {
    alias: "n",
    type: "string",
    array: true,
    requiresArg: true,
    default: [] as string[],
    defaultDescription: "all",
    describe: "Only executions of this action (repeatable)",
  },
  index: { alias: "i", type: "string", requiresArg: true, describe: "Only this index, or a range N..M" },
  status: {
    alias: "s",
    type: "string",
    requiresArg: true,
    describe: "all, success, error, other, or a status as written (cancelled, ...)",
  },
  since: { type: "string", requiresArg: true, describe: "Started at or after: ISO time or relative (30m, 2h, 7d)" },
  until: { type: "string", requiresArg: true, describe: "Started at or before: ISO time or relative" },
  run: { type: "string", requiresArg: true, describe: "Only this run_id / session_id" },
} as const satisfies Record<string, Options>;

/** The `[files..]` of the commands that read logs. */
export const FILES = {
  type: "string",
  array: true,
  describe: "JSON-lines logs (.gz too), - for standard input (the default when it is not a terminal)",
} as const satisfies PositionalOptions;

/** The record filters as given on the command line. */
export interface FilterArgs {
  names: string[];
  index: string | undefined;
  status: string | undefined;
  since: string | undefined;
  until: string | undefined;
  run: string | undefined;
}

/** The filters out of a command's parsed arguments. */
export function filterArgs(argv: ArgumentsCamelCase<InferredOptionTypes<typeof FILTER_OPTIONS>>): FilterArgs {
  const { name, index, status, since, until, run } = argv;
  return { names: name, index, status, since, until, run };
}

/**
 * yargs `coerce` for a count: an integer >= 0 in decimal digits (not `1e3`, `0x10`, `-1`).
 * yargs reports the error thrown here as the usage error.
 */
export function integer(what: string): (value: string) => number {
  return (word) => {
    const value = givenWord(String(word));
    const n = Number(value);
    if (!/^\d+$/.test(String(value)) || !Number.isSafeInteger(n)) {
      throw new Error(`${what} must be an integer >= 0, got "${value}"`);
    }
    return n;
  };
}

/**
 * yargs `coerce` for a relative threshold: a percent above 0, `20%` or `20`, as a
 * fraction (0.2). yargs reports the error thrown here as the usage error.
 */
export function percent(what: string): (value: string) => number {
  return (word) => {
    const value = givenWord(String(word));
    const fraction = parseThreshold(value);
    if (fraction === null) throw new Error(`${what} must be a percent above 0 such as 20%, got "${value}"`);
    return fraction;
  };
}

export const SUMMARY_LINE = "exechist: what ran, what failed, what it returned, where a durable run stopped";

export const EPILOG =
  "Environment: EXECHIST_THREADS (threads for large logs), EXECHIST_CACHE=0 (no index cache for large logs), " +
  "EXECHIST_MAP (name=task,start=time: as --map), EXECHIST_MAX_LINE_MIB (longest line, default 512), EXECHIST_MAX_CHECKPOINT_MIB (default 1024), " +
  "NO_COLOR, FORCE_COLOR, COLUMNS. Exit status: 0 ok, 1 the answer is no (not found, --fail-on), " +
  "2 usage or unreadable input. Docs: README.md.";

/** A usage error (exit 2), pointing at `--help`. */
export function usageError(message: string, command?: string): ExechistError {
  const help = command === undefined ? "exechist --help" : `exechist ${command} --help`;
  return new ExechistError("usage", `${message}\n\nRun "${help}" for usage`);
}

/** The options every command takes, as yargs infers them. */
export type Globals = InferredOptionTypes<typeof GLOBAL_OPTIONS>;

/** A command's parsed arguments as yargs infers them from its declarations. */
export type ParsedOf<O extends Record<string, Options>, P extends Record<string, PositionalOptions>> =
  ArgumentsCamelCase<Globals & InferredOptionTypes<O> & InferredOptionTypes<P>>;

/** One command: its words and options for yargs, and what it does. */
export interface CommandDefinition<
  N extends string,
  O extends Record<string, Options>,
  P extends Record<string, PositionalOptions>,
  A,
> {
  name: N;
  /** The positionals as in yargs' command string: `<index> [files..]`. */
  words: string;
  describe: string;
  positionals: P;
  options: O;
  examples: ReadonlyArray<readonly [string, string]>;
  /** The arguments the command runs on, from what yargs parsed; checks what declarations cannot. */
  read(argv: ParsedOf<O, P>): A;
  run(args: A, ctx: Context): Promise<number>;
}

/** Declares a command; its options' types are inferred, so a renamed option fails to compile where it is read. */
export function defineCommand<
  const N extends string,
  const O extends Record<string, Options>,
  const P extends Record<string, PositionalOptions>,
  A,
>(definition: CommandDefinition<N, O, P, A>): CommandDefinition<N, O, P, A> {
  return definition;
}

/** Any command, as the parser holds them. */
// deno-lint-ignore no-explicit-any
export type AnyCommand = CommandDefinition<string, Record<string, Options>, Record<string, PositionalOptions>, any>;
