import { ExechistError } from "../errors.ts";
import {
  commandNamed,
  COMMANDS,
  type CommandSpec,
  DEFAULT_COMMAND,
  GLOBAL_OPTIONS,
  type OptionSpec,
  usageOf,
} from "./options.ts";

/**
 * Splits a command line the way getopt_long does, over the tables of options.ts:
 * `--name VALUE`, `--name=VALUE`, `-n VALUE`, `-nVALUE` (and `-n=VALUE`), short flags
 * grouped (`-lh`), `--no-FLAG` for any flag, `--` ending the options, `-` and negative
 * numbers as arguments. An option that takes a value takes the next argument whatever
 * it looks like (`--limit -1`). The command is the first argument when it names one,
 * else `summary`; options may come before or after it, and must be the command's own
 * or global ones. A repeated option keeps its last value unless it is repeatable.
 */

/** A command line split into its command, its options' values and its arguments. */
export interface SplitArgs {
  command: CommandSpec;
  /** The command was named (help then describes it rather than the whole tool). */
  named: boolean;
  /** Values by long name: a string, a boolean, or every value of a repeatable option. */
  options: Map<string, string | boolean | string[]>;
  /** The arguments by the name of the positional they fill. */
  args: Map<string, string | string[]>;
}

const BY_LONG = new Map<string, OptionSpec>();
const BY_SHORT = new Map<string, OptionSpec>();
for (const spec of [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((command) => command.options)]) {
  // One option may be declared by several commands; it must mean the same everywhere.
  const known = BY_LONG.get(spec.long);
  const sameLetter = spec.short === undefined ? undefined : BY_SHORT.get(spec.short);
  if (known !== undefined && (known.type !== spec.type || known.short !== spec.short)) {
    throw new Error(`options.ts: --${spec.long} twice`);
  }
  if (sameLetter !== undefined && sameLetter.long !== spec.long) throw new Error(`options.ts: -${spec.short} twice`);
  BY_LONG.set(spec.long, spec);
  if (spec.short !== undefined) BY_SHORT.set(spec.short, spec);
}

interface Given {
  spec: OptionSpec;
  value: string | boolean;
  /** As written, for messages. */
  as: string;
}

/** Splits `argv` (without the program name); a wrong option or a missing argument is a usage error. */
export function splitArgs(argv: readonly string[]): SplitArgs {
  const given: Given[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (as: string) => {
      if (++i >= argv.length) throw usageError(`${as} needs a value`);
      return argv[i]!;
    };
    if (arg === "--") {
      for (const word of argv.slice(i + 1)) words.push(word); // no push(...): a long argument list overflows the stack
      break;
    } else if (arg.startsWith("--")) {
      given.push(longOption(arg, next));
    } else if (arg.length > 1 && arg[0] === "-" && !/^-\d/.test(arg)) {
      given.push(...shortOptions(arg, next));
    } else {
      words.push(arg);
    }
  }
  const named = words.length > 0 ? commandNamed(words[0]!) : undefined;
  if (named !== undefined) words.shift();
  const command = named ?? commandNamed(DEFAULT_COMMAND)!;
  const options = new Map<string, string | boolean | string[]>();
  for (const { spec, value, as } of given) {
    if (![...GLOBAL_OPTIONS, ...command.options].some((own) => own.long === spec.long)) {
      throw usageError(`${as} is not an option of \`exechist ${command.name}\``);
    }
    if (spec.repeatable) {
      options.set(spec.long, [...(options.get(spec.long) as string[] | undefined ?? []), value as string]);
    } else options.set(spec.long, value);
  }
  // Asking for help or the version needs no arguments: `exechist result --help`.
  const asks = options.get("help") === true || options.get("version") === true;
  const args = asks ? new Map() : fillPositionals(command, words);
  return { command, named: named !== undefined, options, args };
}

function longOption(arg: string, next: (as: string) => string): Given {
  const eq = arg.indexOf("=");
  const name = arg.slice(2, eq < 0 ? undefined : eq);
  const inline = eq < 0 ? undefined : arg.slice(eq + 1);
  const as = `--${name}`;
  const spec = BY_LONG.get(name);
  if (spec === undefined) {
    const negated = name.startsWith("no-") ? BY_LONG.get(name.slice(3)) : undefined;
    if (negated?.type === "boolean" && inline === undefined) return { spec: negated, value: false, as };
    const [near] = [...BY_LONG.keys()].map((known) => ({ known, distance: editDistance(known, name) }))
      .filter((c) => c.distance <= (name.length > 4 ? 2 : 1)).sort((a, b) => a.distance - b.distance);
    throw usageError(`Unknown option ${as}${near === undefined ? "" : ` (did you mean --${near.known}?)`}`);
  }
  if (spec.type !== "boolean") return { spec, value: inline ?? next(as), as };
  if (inline === undefined || inline === "true") return { spec, value: true, as };
  if (inline === "false") return { spec, value: false, as };
  throw usageError(`${as} takes no value (or true, false), got "${inline}"`);
}

function shortOptions(arg: string, next: (as: string) => string): Given[] {
  const out: Given[] = [];
  for (let j = 1; j < arg.length; j++) {
    const as = `-${arg[j]}`;
    const spec = BY_SHORT.get(arg[j]!);
    if (spec === undefined) throw usageError(`Unknown option ${as}${arg.length > 2 ? ` (in ${arg})` : ""}`);
    if (spec.type === "boolean") {
      out.push({ spec, value: true, as });
      continue;
    }
    const rest = arg.slice(j + 1);
    out.push({ spec, value: rest === "" ? next(as) : rest.startsWith("=") ? rest.slice(1) : rest, as });
    break;
  }
  return out;
}

function fillPositionals(command: CommandSpec, words: string[]): Map<string, string | string[]> {
  const args = new Map<string, string | string[]>();
  let at = 0;
  for (const positional of command.positionals) {
    if (positional.required && at >= words.length) {
      throw usageError(`Missing <${positional.name}>: exechist ${usageOf(command)}`);
    }
    if (positional.variadic) args.set(positional.name, words.slice(at));
    else if (at < words.length) args.set(positional.name, words[at]!);
    at = positional.variadic ? words.length : at + 1;
  }
  if (at < words.length) throw usageError(`Unexpected argument "${words[at]}": exechist ${usageOf(command)}`);
  return args;
}

/** Levenshtein distance: how many letters to insert, delete or change to turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

export function usageError(message: string): ExechistError {
  return new ExechistError("usage", `${message}\n\nRun "exechist --help" for usage`);
}
