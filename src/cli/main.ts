import pkg from "../../package.json" with { type: "json" };
import { BrokenPipe, ExechistError } from "../errors.ts";
import type { Io } from "../io.ts";
import { parseArgs } from "./args.ts";
import { decideWidth, makeContext } from "./context.ts";
import { runLast, runResult } from "./commands/result.ts";
import { runReport } from "./commands/report.ts";
import { runState } from "./commands/state.ts";
import { runSummary } from "./commands/summary.ts";
import { runCompare } from "./commands/compare.ts";
import { runFlaky, runTrend } from "./commands/runs.ts";

/** exechist's version, from package.json. */
export const VERSION: string = pkg.version;

/**
 * Runs exechist on a command line (without the program name) and returns the exit
 * status. The only place where errors become messages: never a stack unless `--debug`.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  let status: number;
  try {
    status = await run(argv, io);
    io.stdout.flush();
  } catch (error) {
    status = report(error, io, debug);
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
  const { global, command } = parseArgs(argv, decideWidth(io), VERSION);
  if (command.command === "print") {
    io.stdout.write(command.text);
    return 0;
  }
  const ctx = makeContext(io, global);
  switch (command.command) {
    case "summary":
      return await runSummary(command, ctx);
    case "result":
      return await runResult(command, ctx);
    case "last":
      return await runLast(command, ctx);
    case "state":
      return await runState(command, ctx);
    case "report":
      return await runReport(command, ctx);
    case "compare":
      return await runCompare(command, ctx);
    case "flaky":
      return await runFlaky(command, ctx);
    case "trend":
      return await runTrend(command, ctx);
  }
}

function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof BrokenPipe) return 0;
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
