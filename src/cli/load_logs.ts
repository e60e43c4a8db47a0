import { ExechistError } from "../errors.ts";
import { ExecutionRegistry } from "../index/registry.ts";
import { LogReader } from "../read/read_log.ts";
import type { Context } from "./context.ts";

/**
 * Reads the given logs (or standard input when none is given and it is not a
 * terminal) into a registry, reporting bad lines on stderr as `FILE:LINE: reason`.
 * Under `--strict` any bad line is an error; so is an input with no good line at all.
 */
export async function loadRegistry(files: readonly string[], ctx: Context): Promise<ExecutionRegistry> {
  const { io } = ctx;
  let inputs = files;
  if (inputs.length === 0) {
    if (io.stdinIsTTY) {
      throw new ExechistError("usage", "No input: give a log file, or pipe one in (use - for standard input)");
    }
    inputs = ["-"];
  }
  const reader = new LogReader();
  for (const file of inputs) {
    const source = await io.openLog(file);
    const before = reader.builder.size;
    const { threads, fellBack, cache } = await io.readLog(reader, source);
    if (ctx.debug) {
      const how = threads === 0 ? "" : ` on ${threads} thread${threads === 1 ? "" : "s"}`;
      const fell = fellBack > 0 ? ` (${fellBack} fell back to the main thread)` : "";
      const cached = cache === undefined ? "" : `; ${cache}`;
      io.stderr.write(`exechist: read ${source.name}: ${reader.builder.size - before} records${how}${fell}${cached}\n`);
    }
  }
  const registry = new ExecutionRegistry(reader);
  const diagnostics = registry.diagnostics;
  if (diagnostics.badLineCount > 0) {
    for (const line of diagnostics.formatBadLines()) io.stderr.write(line + "\n");
    if (ctx.strict) {
      throw new ExechistError("strict", `${diagnostics.badLineCount} bad line${diagnostics.badLineCount === 1 ? "" : "s"} (--strict)`);
    }
    if (registry.size === 0) {
      throw new ExechistError("input", "No records: every line of the input is bad");
    }
  }
  return registry;
}
