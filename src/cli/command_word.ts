import type { Io } from "../io.ts";
import type { Command } from "./args.ts";
import { COMMANDS } from "./args.ts";
import { nearest } from "./getopt.ts";
import { usageError } from "./options.ts";

/**
 * `summary` is the default command, so `exechist sumary log.jsonl` reads "sumary" as a
 * log. When no such file exists and the word is close to a command's name, it was a
 * mistyped command: a usage error that names the command, rather than "Cannot read".
 */
export function checkCommandWord(command: Command, io: Io): void {
  if (command.command !== "summary") return;
  const [word] = command.files;
  if (word === undefined || word === "-" || io.pathKind(word) !== "missing") return;
  const near = nearest(word, [...COMMANDS.map((c) => c.name), "completion"], word.length > 4 ? 2 : 1);
  if (near !== undefined) throw usageError(`Unknown command or file "${word}": did you mean "${near}"?`);
}
