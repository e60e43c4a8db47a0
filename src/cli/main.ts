import pkg from "../../package.json" with { type: "json" };
import { BrokenPipe, ExechistError } from "../errors.ts";
import type { Io } from "../io.ts";
import { withVisibleStderr } from "../render/visible_io.ts";
import { parseArgs } from "./args.ts";
import { decideWidth, makeContext } from "./context.ts";
import { asksForHelp } from "./getopt.ts";
import { checkCommandWord } from "./command_word.ts";
import { loadHelpLayout } from "./yargs_platform.ts";

/** exechist's version, from package.json. */
export const VERSION: string = pkg.version;

/**
 * Runs exechist on a command line (without the program name) and returns the exit
 * status. The only place where errors become messages: never a stack unless `--debug`.
 * Whatever goes to stderr passes through `visibleText` (no raw control from the input).
 */
export async function main(argv: readonly string[], world: Io): Promise<number> {
  const io = withVisibleStderr(world);
  const debug = argv.includes("--debug");
  let status: number | undefined;
  try {
    status = await run(argv, io);
    io.stdout.flush();
  } catch (error) {
    // A reader gone (`| head`) ends the output quietly: the command's own answer when it gave one, else 0.
    status = error instanceof BrokenPipe ? status ?? 0 : report(error, io, debug);
  } finally {
    for (const note of await io.finish()) if (debug) io.stderr.write(`exechist: ${note}\n`);
  }
  try {
    io.stderr.flush();
  } catch {
    // stderr is gone too: nothing left to tell
  }
  return status;
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  if (asksForHelp(argv)) await loadHelpLayout();
  const parsed = parseArgs(argv, { width: decideWidth(io), version: VERSION, env: (name) => io.env(name) });
  if ("print" in parsed) {
    io.stdout.write(parsed.print);
    return 0;
  }
  if (!parsed.named) checkCommandWord(parsed.command, io);
  return await parsed.run(await makeContext(io, parsed.global));
}

function report(error: unknown, io: Io, debug: boolean): number {
  try {
    io.stdout.flush();
  } catch {
    // the reader is gone; the message below still goes to stderr
  }
  if (error instanceof ExechistError) {
    io.stderr.write(`exechist: ${error.message}\n`);
    if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(error.cause.stack + "\n");
    return error.exitStatus;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`exechist: unexpected failure: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(error.stack + "\n");
  else io.stderr.write("exechist: run again with --debug to see where it happened\n");
  return 2;
}
