import { FAIL_ON, type FailOn } from "../report/fail_on.ts";
import { COMPARE_FAIL_ON, parseThreshold } from "../compare/compare_fail_on.ts";
import type { CompareArgs } from "./commands/compare.ts";
import type { RunsArgs } from "./commands/runs.ts";
import type { GroupKey } from "../query/group.ts";
import { splitArgs, usageError } from "./argv.ts";
import { commandHelp, toolHelp } from "./help.ts";
import {
  type CommandName,
  COMPARE_FORMATS,
  GROUP_KEYS,
  RECORD_FORMATS,
  REPORT_FORMATS,
  RUNS_FORMATS,
  SUMMARY_FORMATS,
} from "./options.ts";

export { RECORD_FORMATS, REPORT_FORMATS, SUMMARY_FORMATS };
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
    timeline: boolean;
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
  | ({ command: "compare" } & CompareArgs)
  | ({ command: "flaky" | "trend" } & RunsArgs)
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

/**
 * Parses a command line (without the program name). Help and version come back as
 * text to print; a wrong flag or value is a usage error carrying the message.
 */
export function parseArgs(argv: readonly string[], width: number, version: string): ParsedArgs {
  const { command, named, options, args } = splitArgs(argv);
  const global: GlobalArgs = {
    color: options.get("color") as boolean | undefined,
    local: options.get("local") === true,
    strict: options.get("strict") === true,
    debug: options.get("debug") === true,
  };
  if (options.get("help") === true) {
    return { global, command: { command: "print", text: named ? commandHelp(command, width) : toolHelp(width) } };
  }
  if (options.get("version") === true) return { global, command: { command: "print", text: `${version}\n` } };
  return { global, command: toCommand(command.name, options, args) };
}

type Values = Map<string, string | boolean | string[]>;

function toCommand(name: CommandName, options: Values, args: Map<string, string | string[]>): Command {
  const files = (args.get("files") as string[] | undefined) ?? [];
  const text = (key: string) => options.get(key) as string | undefined;
  const output = text("output");
  switch (name) {
    case "summary": {
      const groupBy = text("group-by");
      return {
        command: "summary",
        files,
        filter: filterArgs(options),
        output: oneOf(output ?? "table", SUMMARY_FORMATS, "--output"),
        limit: count(text("limit"), "--limit"),
        groupBy: groupBy === undefined ? undefined : oneOf(groupBy, GROUP_KEYS, "--group-by"),
        resultIndex: count(text("result-index"), "--result-index"),
        lastResult: options.get("last-result") === true,
        timeline: options.get("timeline") === true,
      };
    }
    case "result":
      return {
        command: "result",
        files,
        index: count(args.get("index") as string, "index")!,
        output: oneOf(output ?? "text", RECORD_FORMATS, "--output"),
      };
    case "last":
      return {
        command: "last",
        files,
        filter: filterArgs(options),
        output: oneOf(output ?? "text", RECORD_FORMATS, "--output"),
      };
    case "state": {
      const paths = args.get("paths") as string[];
      const diff = options.get("diff") === true;
      if (diff && paths.length !== 2) throw usageError("--diff needs two checkpoints: exechist state --diff A B");
      if (!diff && paths.length !== 1) throw usageError("state takes one checkpoint or directory (two with --diff)");
      return {
        command: "state",
        paths,
        output: oneOf(output ?? "text", RECORD_FORMATS, "--output"),
        run: text("run"),
        step: count(text("step"), "--step"),
        diff,
        log: text("log"),
      };
    }
    case "report":
      return {
        command: "report",
        files,
        filter: filterArgs(options),
        output: oneOf(output ?? "markdown", REPORT_FORMATS, "--output"),
        failOn: oneOf(text("fail-on") ?? "error", FAIL_ON, "--fail-on"),
      };
    case "compare":
      return {
        command: "compare",
        paths: args.get("paths") as string[],
        baseRun: text("base-run"),
        headRun: text("head-run"),
        output: oneOf(output ?? "table", COMPARE_FORMATS, "--output"),
        failOn: oneOf(text("fail-on") ?? "any", COMPARE_FAIL_ON, "--fail-on"),
        slower: threshold(text("slower"), "--slower"),
      };
    case "flaky":
    case "trend":
      return {
        command: name,
        files,
        output: oneOf(output ?? "table", RUNS_FORMATS, "--output"),
        shift: threshold(text("shift"), "--shift"),
      };
  }
}

function filterArgs(options: Values): FilterArgs {
  return {
    names: (options.get("name") as string[] | undefined) ?? [],
    index: options.get("index") as string | undefined,
    status: options.get("status") as string | undefined,
    since: options.get("since") as string | undefined,
    until: options.get("until") as string | undefined,
    run: options.get("run") as string | undefined,
  };
}

/** An integer >= 0 written in decimal digits; undefined stays undefined. */
function count(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw usageError(`${what} must be an integer >= 0, got "${value}"`);
  }
  return n;
}

/** A percent (`20%` or `20`) as a fraction; 20% when not given. */
function threshold(value: string | undefined, what: string): number {
  if (value === undefined) return 0.2;
  const fraction = parseThreshold(value);
  if (fraction === null) throw usageError(`${what} must be a percent above 0 such as 20%, got "${value}"`);
  return fraction;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${what} must be one of ${allowed.join(", ")}${what === "--output" ? " here" : ""}, got "${value}"`);
}
