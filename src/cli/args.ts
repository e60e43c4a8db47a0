import type { ArgumentsCamelCase, Argv } from "yargs";
import { compareCommand } from "./commands/compare.ts";
import { lastCommand, resultCommand } from "./commands/result.ts";
import { reportCommand } from "./commands/report.ts";
import { flakyCommand, trendCommand } from "./commands/runs.ts";
import { stateCommand } from "./commands/state.ts";
import { summaryCommand } from "./commands/summary.ts";
import type { Context } from "./context.ts";
import { COMPLETION_REQUEST, givenWord, normalizeArgv } from "./getopt.ts";
import { type AnyCommand, EPILOG, GLOBAL_OPTIONS, type Globals, SUMMARY_LINE, usageError } from "./options.ts";
import { yargsOn } from "./yargs_platform.ts";

/**
 * Every command, the first being the default one (`exechist FILE` is `exechist summary
 * FILE`). A command is added here and declared in its own file with `defineCommand`.
 */
export const COMMANDS = [
  summaryCommand,
  resultCommand,
  lastCommand,
  stateCommand,
  reportCommand,
  compareCommand,
  flakyCommand,
  trendCommand,
] as const;

/** A parsed command line: the command's name and the arguments it runs on. */
export type Command = ArgsOf<(typeof COMMANDS)[number]>;
type ArgsOf<C> = C extends { read(argv: never): infer A } ? A : never;

/** The command that prints the shell completion script (yargs' `completion()`). */
const COMPLETION = "completion";

/** Options that every command takes. */
export interface GlobalArgs {
  color: boolean | undefined;
  local: boolean;
  strict: boolean;
  debug: boolean;
  /** `--from`: one of INPUT_FORMATS (yargs checked the choice); undefined when not given. */
  from: string | undefined;
  /** `--map FIELD=PATH`, as given. */
  map: string[];
  /** `--config FILE`. */
  config: string | undefined;
}

/** A parsed command line: a command to run, or text (help, version, completion) to print. */
export type ParsedArgs =
  | {
    global: GlobalArgs;
    command: Command;
    /** The command word was given (not defaulted to summary). */
    named: boolean;
    run(ctx: Context): Promise<number>;
  }
  | { print: string };

/** What the parser needs from outside: the width to lay help out in, the version, the environment. */
export interface ParseOptions {
  width: number;
  version: string;
  /** For `exechist completion` only: SHELL or ZSH_NAME saying zsh picks the zsh script. */
  env?: (name: string) => string | undefined;
}

/**
 * Parses a command line (without the program name) with yargs. Help, the version and
 * the completion script come back as text to print; a wrong option, value or argument
 * is a usage error carrying yargs' message (or getopt's, see getopt.ts).
 */
export function parseArgs(argv: readonly string[], options: ParseOptions): ParsedArgs {
  const commands: readonly AnyCommand[] = COMMANDS;
  const words = [...commands, { name: COMPLETION, options: {} }];
  const { argv: args, command } = normalizeArgv(argv, { global: GLOBAL_OPTIONS, commands: words });
  let selected: AnyCommand | undefined;
  const shell = command === COMPLETION || args.includes(COMPLETION_REQUEST) ? options.env : undefined;
  const parser = yargsOn(args, shell)
    .scriptName("exechist")
    .locale("en")
    .detectLocale(false)
    .exitProcess(false)
    .showHelpOnFail(false)
    .parserConfiguration({
      "greedy-arrays": false,
      "parse-numbers": false,
      "parse-positional-numbers": false,
      "populate--": true,
    })
    // yargs prints the completion script and then, not exiting the process, would
    // validate the words left: strict mode would call `completion` an unknown argument.
    .strict(command !== COMPLETION)
    .recommendCommands()
    .wrap(Math.max(60, Math.min(options.width, 100)))
    .usage(`${SUMMARY_LINE}\n\nUsage: $0 <command> [options]   (no command: summary)`)
    .options(GLOBAL_OPTIONS)
    .help("help")
    .alias("help", "h")
    .version("version", "Show the version", options.version)
    .completion(COMPLETION, "Print a bash or zsh completion script (see README)")
    .epilog(EPILOG)
    .fail((message: string | null, error: Error | undefined) => {
      throw usageError(message ?? error?.message ?? "Wrong command line");
    });
  for (const [i, definition] of commands.entries()) {
    const usage = `${definition.name} ${definition.words}`.trim();
    // The first command is the default one, but `exechist completion` is yargs' own.
    // No handler: yargs would then build the command's whole help on every run, to have it at hand.
    parser.command(
      i === 0 && command !== COMPLETION ? [usage, "$0"] : usage,
      definition.describe,
      (y: Argv<Globals>) => {
        selected = definition;
        for (const [name, positional] of Object.entries(definition.positionals)) y.positional(name, positional);
        y.options(definition.options);
        for (const [example, what] of definition.examples) y.example(example, what);
        return y.epilog(EPILOG);
      },
    );
  }
  let printed = "";
  let parsed: ArgumentsCamelCase<Globals> | undefined;
  parser.parse(args, {}, (_error, argv, output) => {
    [parsed, printed] = [argv, output];
  });
  if (selected === undefined || parsed === undefined || printed !== "") {
    return { print: printed === "" || printed.endsWith("\n") ? printed : printed + "\n" };
  }
  const definition = selected;
  const commandArgs = definition.read(withWords(parsed, definition.words));
  return {
    global: {
      color: parsed.color,
      local: parsed.local,
      strict: parsed.strict,
      debug: parsed.debug,
      from: parsed.from,
      map: parsed.map.map((spec) => givenWord(String(spec))),
      config: parsed.config === undefined ? undefined : givenWord(parsed.config),
    },
    command: commandArgs,
    named: command !== undefined,
    run: (ctx) => definition.run(commandArgs, ctx),
  };
}

/**
 * The command's last positional, when it takes many words, as getopt gives it: with the
 * words after `--` (which yargs leaves aside) and `-` as given (see DASH_WORD).
 */
function withWords<A extends object>(parsed: A, words: string): A {
  const variadic = /[<[](\w+)\.\.[\]>]$/.exec(words)?.[1];
  if (variadic === undefined) return parsed;
  const values = parsed as Record<string, unknown>;
  const before = values[variadic];
  const after = values["--"];
  if (before === undefined && after === undefined) return parsed;
  const all = [before, after].flatMap((list) => Array.isArray(list) ? list : []).map((word) => givenWord(String(word)));
  return { ...parsed, [variadic]: all };
}
