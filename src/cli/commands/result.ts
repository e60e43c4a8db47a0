import { ExechistError } from "../../errors.ts";
import type { Selection } from "../../io.ts";
import type { ExecutionRegistry } from "../../query/registry.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildFilter } from "../../query/filter_args.ts";
import { renderRecordJson, renderRecordText } from "../../render/record_text.ts";
import type { Command, RecordFormat } from "../args.ts";
import type { Context } from "../context.ts";
import { loadLogs, loadRegistry } from "../load_logs.ts";

/** Prints one record as text or JSON. */
export function printRecord(registry: ExecutionRegistry, pos: number, output: RecordFormat, ctx: Context): void {
  const details = registry.details(pos);
  ctx.io.stdout.write(
    output === "json"
      ? renderRecordJson(registry, pos, details, ctx.local)
      : renderRecordText(registry, pos, details, ctx.color),
  );
}

/** Records named on stderr when an index repeats: the one shown, and this many more. */
const OTHERS_NAMED = 10;

/**
 * `exechist result N`: the first record with index N; others with that index are named
 * on stderr. `selected`: the registry holds only the first of them (see `loadLogs`).
 */
export function showResult(
  registry: ExecutionRegistry,
  index: number,
  output: RecordFormat,
  ctx: Context,
  selected?: Selection,
): number {
  const matches = registry.positionsOfIndex(index);
  const count = selected?.matches ?? matches.length;
  const first = matches[0];
  if (first === undefined) {
    throw new ExechistError(
      "not_found",
      `No execution with index ${index} (${selected?.records ?? registry.size} records read)`,
    );
  }
  if (count > 1) {
    const others = matches.slice(1, OTHERS_NAMED + 1).map((pos) => registry.sourceOf(pos));
    const more = count > OTHERS_NAMED + 1 ? `, and ${count - OTHERS_NAMED - 1} more` : "";
    ctx.io.stderr.write(
      `exechist: index ${index} appears ${count} times (logs of several processes?); ` +
        `showing ${registry.sourceOf(first)}; also at ${others.join(", ")}${more}\n`,
    );
  }
  printRecord(registry, first, output, ctx);
  return 0;
}

/** `exechist last`: the newest record that passes the filters and is not ignore_in_history. */
export function showLast(
  registry: ExecutionRegistry,
  positions: Uint32Array,
  output: RecordFormat,
  ctx: Context,
): number {
  const pos = registry.latestPosition(positions);
  if (pos < 0) {
    throw new ExechistError("not_found", "No execution found to show (none matched, or all are ignore_in_history)");
  }
  printRecord(registry, pos, output, ctx);
  return 0;
}

export async function runResult(command: Extract<Command, { command: "result" }>, ctx: Context): Promise<number> {
  const { registry, selected } = await loadLogs(command.files, ctx, { index: command.index, keep: OTHERS_NAMED + 1 });
  return showResult(registry, command.index, command.output, ctx, selected);
}

export async function runLast(command: Extract<Command, { command: "last" }>, ctx: Context): Promise<number> {
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  return showLast(registry, filterPositions(registry, filter), command.output, ctx);
}
