import { ExechistError } from "../../errors.ts";
import type { ExecutionRegistry } from "../../index/registry.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildFilter } from "../../query/filter_args.ts";
import { renderRecordJson, renderRecordText } from "../../render/record_text.ts";
import type { Command, RecordFormat } from "../args.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";

/** Prints one record as text or JSON. */
export function printRecord(registry: ExecutionRegistry, pos: number, output: RecordFormat, ctx: Context): void {
  const details = registry.details(pos);
  ctx.io.stdout.write(
    output === "json" ? renderRecordJson(registry, pos, details, ctx.local) : renderRecordText(registry, pos, details, ctx.color),
  );
}

/** `exechist result N`: the first record with index N; others with that index are named on stderr. */
export function showResult(registry: ExecutionRegistry, index: number, output: RecordFormat, ctx: Context): number {
  const matches = registry.positionsOfIndex(index);
  const first = matches[0];
  if (first === undefined) throw new ExechistError("not_found", `No execution with index ${index} (${registry.size} records read)`);
  if (matches.length > 1) {
    const others = matches.slice(1, 11).map((pos) => registry.sourceOf(pos));
    const more = matches.length > 11 ? `, and ${matches.length - 11} more` : "";
    ctx.io.stderr.write(
      `exechist: index ${index} appears ${matches.length} times (logs of several processes?); ` +
        `showing ${registry.sourceOf(first)}; also at ${others.join(", ")}${more}\n`,
    );
  }
  printRecord(registry, first, output, ctx);
  return 0;
}

/** `exechist last`: the newest record that passes the filters and is not ignore_in_history. */
export function showLast(registry: ExecutionRegistry, positions: Uint32Array, output: RecordFormat, ctx: Context): number {
  const pos = registry.latestPosition(positions);
  if (pos < 0) throw new ExechistError("not_found", "No execution found to show (none matched, or all are ignore_in_history)");
  printRecord(registry, pos, output, ctx);
  return 0;
}

export async function runResult(command: Extract<Command, { command: "result" }>, ctx: Context): Promise<number> {
  const registry = await loadRegistry(command.files, ctx);
  return showResult(registry, command.index, command.output, ctx);
}

export async function runLast(command: Extract<Command, { command: "last" }>, ctx: Context): Promise<number> {
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  return showLast(registry, filterPositions(registry, filter), command.output, ctx);
}
