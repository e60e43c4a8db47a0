import { ExechistError } from "../errors.ts";
import type { OnlyIndex, Selection } from "../io.ts";
import { ExecutionRegistry } from "../query/registry.ts";
import { checkpointHint, HINT_HEAD_BYTES } from "../state/checkpoint_hint.ts";
import { convertInput } from "../ingest/document_input.ts";
import { maxLineBytes } from "../read/line_limit.ts";
import { LogReader, type LogSource } from "../ingest/log_reader.ts";
import type { Context } from "./context.ts";

/**
 * Reads the given logs (or standard input when none is given and it is not a
 * terminal) into a registry, reporting bad lines on stderr as `FILE:LINE: reason`.
 * Under `--strict` any bad line is an error; so is an input with no good line at all.
 */
export async function loadRegistry(files: readonly string[], ctx: Context): Promise<ExecutionRegistry> {
  return (await loadLogs(files, ctx)).registry;
}

/** The logs as read: the registry, and what `only` selected when it held only some records. */
export interface LoadedLogs {
  registry: ExecutionRegistry;
  selected?: Selection | undefined;
}

/**
 * As {@link loadRegistry}; with `only`, one log whose index is cached may give just
 * the records with that index (`selected` then says how many there are in all).
 */
export async function loadLogs(files: readonly string[], ctx: Context, only?: OnlyIndex): Promise<LoadedLogs> {
  const { io } = ctx;
  let inputs = files;
  if (inputs.length === 0) {
    if (io.stdinIsTTY) {
      throw new ExechistError("usage", "No input: give a log file, or pipe one in (use - for standard input)");
    }
    inputs = ["-"];
  }
  const fieldMap = ctx.fieldMap;
  const reader = new LogReader({ maxLineBytes: maxLineBytes((name) => io.env(name)), ...(fieldMap && { fieldMap }) });
  let selected: Selection | undefined;
  for (const file of inputs) {
    const opened = await io.openLog(file);
    let converted = convertInput(opened, ctx.from ?? "auto", ctx.nameMapped);
    if (converted !== undefined && "refused" in converted) {
      // A pretty-printed checkpoint is read as lines, and the checkpoint's hint below says what to do.
      const checkpoint = checkpointHint(opened.name, headOf(opened), file === "-" ? undefined : file) !== null;
      if (!checkpoint) throw new ExechistError("input", converted.refused);
      converted = undefined;
    }
    if (converted !== undefined && "warning" in converted) io.stderr.write(`exechist: ${converted.warning}\n`);
    const document = converted !== undefined && "source" in converted ? converted : undefined;
    const source = document?.source ?? opened;
    for (const bad of document?.bad ?? []) reader.diagnostics.addBadLine(source.name, bad.line, bad.reason);
    const before = reader.builder.size;
    const badBefore = reader.diagnostics.badLineCount;
    const read = await io.readLog(reader, source, inputs.length === 1 && !document ? only : undefined);
    if (document && ctx.debug) io.stderr.write(`exechist: read ${source.name} as ${document.format}\n`);
    selected = read.selected;
    if (selected === undefined && reader.builder.size === before && reader.diagnostics.badLineCount > badBefore) {
      const hint = checkpointHint(source.name, headOf(source), file === "-" ? undefined : file);
      if (hint !== null) reader.diagnostics.hints.push(hint);
    }
    if (ctx.debug) {
      const { threads, fellBack, stopped = 0, cache } = read;
      const how = threads === 0 ? "" : ` on ${threads} thread${threads === 1 ? "" : "s"}`;
      const fell = (fellBack > 0 ? ` (${fellBack} fell back to the main thread)` : "") +
        (stopped > 0 ? ` (${stopped} stopped early: many distinct names, statuses or run ids)` : "");
      const cached = cache === undefined ? "" : `; ${cache}`;
      const kept = selected === undefined
        ? ""
        : `, kept the ${reader.builder.size} first of ${selected.matches} with index ${only!.index}`;
      const records = selected?.records ?? reader.builder.size - before;
      io.stderr.write(`exechist: read ${source.name}: ${records} records${how}${fell}${cached}${kept}\n`);
    }
  }
  const registry = new ExecutionRegistry(reader);
  const diagnostics = registry.diagnostics;
  if (diagnostics.badLineCount > 0) {
    for (const line of diagnostics.formatBadLines()) io.stderr.write(line + "\n");
    if (ctx.strict) {
      throw new ExechistError(
        "strict",
        `${diagnostics.badLineCount} bad line${diagnostics.badLineCount === 1 ? "" : "s"} (--strict)`,
      );
    }
    if ((selected?.records ?? registry.size) === 0) {
      throw new ExechistError("input", "No records: every line of the input is bad");
    }
  }
  return { registry, selected };
}

/** The first bytes of an input as text, for a hint ("" when they cannot be read again). */
function headOf(source: LogSource): string {
  const head = new Uint8Array(HINT_HEAD_BYTES);
  try {
    return new TextDecoder().decode(head.subarray(0, source.read(head, 0, head.length, 0)));
  } catch {
    return "";
  }
}
