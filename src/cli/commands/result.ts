import { ExechistError } from "../../errors.ts";
import type { Selection } from "../../io.ts";
import type { ExecutionRegistry } from "../../query/registry.ts";
import { filterPositions } from "../../query/filter.ts";
import { buildFilter } from "../../query/filter_args.ts";
import { renderRecordJson, renderRecordText } from "../../render/record_text.ts";
import type { Context } from "../context.ts";
import { loadLogs, loadRegistry } from "../load_logs.ts";
import {
  defineCommand,
  FILES,
  FILTER_OPTIONS,
  type FilterArgs,
  filterArgs,
  integer,
  outputOption,
  RECORD_FORMATS,
} from "../options.ts";

export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** What `result` runs on. */
export interface ResultArgs {
  command: "result";
  files: string[];
  index: number;
  output: RecordFormat;
}

/** What `last` runs on. */
export interface LastArgs {
  command: "last";
  files: string[];
  filter: FilterArgs;
  output: RecordFormat;
}

/** `exechist result <index> [files..]`. */
export const resultCommand = defineCommand({
  name: "result",
  words: "<index> [files..]",
  describe: "One execution: signature, then traceback or result",
  positionals: {
    index: { type: "string", coerce: integer("index"), demandOption: true, describe: "The execution's index" },
    files: FILES,
  },
  options: { output: outputOption(RECORD_FORMATS) },
  examples: [
    ["exechist result 42 run.jsonl", "Show execution 42"],
    ["exechist result 42 -o json run.jsonl", "Execution 42 with every original field"],
  ],
  read: (argv): ResultArgs => ({ command: "result", files: argv.files ?? [], index: argv.index, output: argv.output }),
  run: runResult,
});

/** `exechist last [files..]`. */
export const lastCommand = defineCommand({
  name: "last",
  words: "[files..]",
  describe: "The newest execution not marked ignore_in_history",
  positionals: { files: FILES },
  options: { ...FILTER_OPTIONS, output: outputOption(RECORD_FORMATS) },
  examples: [
    ["exechist last run.jsonl", "What ran last, and what it returned"],
    ["exechist last -s error run.jsonl", "The newest failure and its traceback"],
  ],
  read: (argv): LastArgs => ({
    command: "last",
    files: argv.files ?? [],
    filter: filterArgs(argv),
    output: argv.output,
  }),
  run: runLast,
});

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

async function runResult(command: ResultArgs, ctx: Context): Promise<number> {
  const { registry, selected } = await loadLogs(command.files, ctx, { index: command.index, keep: OTHERS_NAMED + 1 });
  return showResult(registry, command.index, command.output, ctx, selected);
}

async function runLast(command: LastArgs, ctx: Context): Promise<number> {
  const filter = buildFilter(command.filter, ctx.io.now());
  const registry = await loadRegistry(command.files, ctx);
  return showLast(registry, filterPositions(registry, filter), command.output, ctx);
}
