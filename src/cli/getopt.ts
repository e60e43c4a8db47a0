import type { Options } from "yargs";
import { usageError } from "./options.ts";

/**
 * The getopt_long conventions exechist has always taken, which yargs-parser reads
 * otherwise, put into the one form yargs reads alike: `-serror`, `-s=error` and
 * `-s error` become `--status=error`, grouped flags (`-lh`, `-lojson`) are split, and a
 * value is the next argument whatever it looks like (`--name -`, `-n --x`, `--limit -1`).
 * An option that is no option at all, or not one of the command's, is a usage error
 * that says so (with the nearest option's name), as yargs' strict mode would not.
 * Everything else — types, choices, coercion, positionals, commands, help — is yargs'.
 */

/** An option as getopt needs it: its names, whether it takes a value, which commands have it. */
interface Spec {
  long: string;
  short: string | undefined;
  flag: boolean;
  /** Each use adds a value (else the last use wins). */
  repeatable: boolean;
  /** The commands that take it; undefined for every command. */
  commands: Set<string> | undefined;
}

/** The options of every command (`global`) and of each command by name. */
export interface OptionTable {
  global: Record<string, Options>;
  commands: ReadonlyArray<{ name: string; options: Record<string, Options> }>;
}

/** A command line in yargs' form, and the command it names (undefined: the default command). */
export interface Normalized {
  argv: string[];
  command: string | undefined;
}

/** The long name yargs' completion asks with; such a command line is yargs' alone. */
export const COMPLETION_REQUEST = "--get-yargs-completions";

/**
 * What a lone `-` (standard input) is while yargs parses: yargs-parser drops a `-` given
 * to a positional that takes many words. No real argument starts with NUL.
 */
export const DASH_WORD = "\0-";

/** A word as it was given: `-` again for {@link DASH_WORD}. */
export const givenWord = (word: string): string => word === DASH_WORD ? "-" : word;

/** `argv` in yargs' form; throws a usage error for an unknown or misplaced option. */
export function normalizeArgv(argv: readonly string[], table: OptionTable): Normalized {
  const commandNames = table.commands.map((c) => c.name);
  if (argv.includes(COMPLETION_REQUEST)) return { argv: [...argv], command: undefined };
  const { byLong, byShort } = index(table);
  const out: string[] = [];
  const given: Array<{ spec: Spec; as: string; at: number }> = [];
  let command: string | undefined;
  let words = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (as: string) => {
      if (++i >= argv.length) throw usageError(`${as} needs a value`);
      return argv[i]!;
    };
    const option = (spec: Spec, as: string, value: string | boolean) => {
      given.push({ spec, as, at: out.length });
      out.push(value === true ? `--${spec.long}` : value === false ? `--no-${spec.long}` : `--${spec.long}=${value}`);
    };
    if (arg === "--") {
      // A loop, not push(...words): a spread of 150,000 file names overflows the stack.
      for (let at = i; at < argv.length; at++) out.push(argv[at] === "-" ? DASH_WORD : argv[at]!);
      break;
    } else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      const as = `--${name}`;
      const spec = byLong.get(name);
      const negated = name.startsWith("no-") ? byLong.get(name.slice(3)) : undefined;
      if (spec === undefined && negated?.flag && inline === undefined) option(negated, as, false);
      else if (spec === undefined) throw unknownOption(as, byLong);
      else if (!spec.flag) option(spec, as, inline ?? next(as));
      else if (inline === undefined || inline === "true" || inline === "false") option(spec, as, inline !== "false");
      else throw usageError(`${as} takes no value (or true, false), got "${inline}"`);
    } else if (arg.length > 1 && arg[0] === "-" && !/^-\d/.test(arg)) {
      for (let j = 1; j < arg.length; j++) {
        const as = `-${arg[j]}`;
        const spec = byShort.get(arg[j]!);
        if (spec === undefined) throw usageError(`Unknown option ${as}${arg.length > 2 ? ` (in ${arg})` : ""}`);
        if (spec.flag) {
          option(spec, as, true);
          continue;
        }
        const rest = arg.slice(j + 1);
        option(spec, as, rest === "" ? next(as) : rest.startsWith("=") ? rest.slice(1) : rest);
        break;
      }
    } else {
      if (words++ === 0 && commandNames.includes(arg)) command = arg;
      out.push(arg === "-" ? DASH_WORD : arg);
    }
  }
  const named = command ?? commandNames[0]!;
  for (const { spec, as } of given) {
    if (spec.commands !== undefined && !spec.commands.has(named)) {
      throw usageError(`${as} is not an option of \`exechist ${named}\``);
    }
  }
  // A repeated option keeps its last value (yargs would make an array of them).
  const last = new Map(given.map(({ spec, at }) => [spec, at]));
  const replaced = new Set(given.filter(({ spec, at }) => !spec.repeatable && last.get(spec) !== at).map((g) => g.at));
  return { argv: out.filter((_, at) => !replaced.has(at)), command };
}

/** True when `argv` asks for help (`--help`, `-h`, alone or in a group of flags) before any `--`. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || /^-[A-Za-z]*h[A-Za-z]*$/.test(arg));
}

function index(table: OptionTable): { byLong: Map<string, Spec>; byShort: Map<string, Spec> } {
  const byLong = new Map<string, Spec>();
  const add = (long: string, options: Options, command: string | undefined) => {
    const alias = [options.alias ?? []].flat().find((name) => name.length === 1);
    const known = byLong.get(long);
    if (known !== undefined) {
      if (command !== undefined) known.commands?.add(command);
      return;
    }
    const flag = options.type === "boolean";
    const commands = command === undefined ? undefined : new Set([command]);
    byLong.set(long, { long, short: alias, flag, repeatable: options.array === true, commands });
  };
  for (const [long, options] of Object.entries(table.global)) add(long, options, undefined);
  add("help", { alias: "h", type: "boolean" }, undefined);
  add("version", { type: "boolean" }, undefined);
  for (const command of table.commands) {
    for (const [long, options] of Object.entries(command.options)) add(long, options, command.name);
  }
  const byShort = new Map<string, Spec>();
  for (const spec of byLong.values()) if (spec.short !== undefined) byShort.set(spec.short, spec);
  return { byLong, byShort };
}

function unknownOption(as: string, byLong: Map<string, Spec>): Error {
  const name = as.slice(2);
  const near = nearest(name, [...byLong.keys()], name.length > 4 ? 2 : 1);
  return usageError(`Unknown option ${as}${near === undefined ? "" : ` (did you mean --${near}?)`}`);
}

/** The word of `known` nearest to `word`, if it is at most `most` edits away. */
export function nearest(word: string, known: readonly string[], most: number): string | undefined {
  let best: string | undefined;
  let bestDistance = most + 1;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
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
