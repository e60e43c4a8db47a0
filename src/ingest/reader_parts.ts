import type { Columns } from "../columns/columns.ts";
import { ColumnsBuilder } from "../columns/columns_builder.ts";
import { Diagnostics } from "../read/diagnostics.ts";
import { FIRST_OTHER_STATUS } from "../read/status.ts";
import type { LogReader, LogSource } from "./log_reader.ts";
import { PartIds, type ReaderPart, type TableStarts } from "./reader_part.ts";

/**
 * A reader's parts: what it read, handed over as a part (a worker thread's result, an index
 * for the cache), and the parts of other readers placed at its tail and joined in input
 * order, or adopted whole (a cached index).
 */
export class ReaderParts {
  /** Parts placed at the tail, last range first, without their columns. */
  private placed: Array<Omit<ReaderPart, "columns"> & { columns: undefined }> = [];
  /** How much of its tables {@link take} has handed over. */
  private sent: TableStarts = { names: 0, statuses: 0, runs: 0 };

  private readonly reader: LogReader;

  constructor(reader: LogReader) {
    this.reader = reader;
  }

  /** What the reader read, to hand to {@link place} of another reader (a worker's result). */
  all(lines: number): ReaderPart {
    const { builder, tables, diagnostics } = this.reader;
    return {
      columns: builder.finish(),
      size: builder.size,
      lineRuns: builder.lineRuns(),
      names: tables.names.values,
      otherStatuses: tables.statuses.values,
      runs: tables.runs.values,
      badLines: diagnostics.badLines,
      badLineCount: diagnostics.badLineCount,
      fallbacks: diagnostics.fallbacks,
      lines,
      positional: builder.positional,
    };
  }

  /**
   * Hands over what was read since the last part as a part, and starts afresh (the
   * same interned tables) on `storage` when given: columns a part handed over earlier.
   * Of the tables, the part holds only what they gained since the last part.
   */
  take(lines: number, storage?: Columns): ReaderPart {
    const { names, statuses, runs } = this.reader.tables;
    const sent = this.sent;
    const part: ReaderPart = {
      ...this.all(lines),
      names: names.values.slice(sent.names),
      otherStatuses: statuses.values.slice(sent.statuses),
      runs: runs.values.slice(sent.runs),
      tableStarts: { ...sent },
    };
    this.sent = { names: names.size, statuses: statuses.size, runs: runs.size };
    // The same builder, started again: a new one in its field would cost the reading
    // loop compiled around it (V8 drops code that relied on the field's one value).
    this.reader.builder.restart(storage);
    this.reader.diagnostics = new Diagnostics();
    return part;
  }

  /**
   * Places the records another reader read from a later range of the source read last
   * at the tail of the columns (ids re-interned), while the reader may go on reading
   * earlier ranges. Parts are placed last range first; {@link join} puts them in
   * place. Only the part's counts and bad lines are kept: its columns can be dropped.
   * `known`: what earlier parts of the same reader mapped to (its tables only grow, so
   * only the texts it added since are interned here).
   */
  place(part: ReaderPart, known: PartIds = new PartIds()): void {
    const { names, statuses, runs } = this.reader.tables;
    const from = part.tableStarts ?? { names: 0, statuses: 0, runs: 0 };
    const firstStatus = FIRST_OTHER_STATUS + from.statuses;
    const statusesKnown = Math.max(known.status.length - FIRST_OTHER_STATUS, 0);
    if (known.name.length < from.names || statusesKnown < from.statuses || known.run.length < from.runs + 1) {
      throw new Error("ReaderParts.place: a part's tables start past what is known of them");
    }
    for (let id = known.name.length; id < from.names + part.names.length; id++) {
      known.name.push(names.intern(part.names[id - from.names]!));
    }
    for (let code = known.status.length; code < firstStatus + part.otherStatuses.length; code++) {
      known.status.push(code < FIRST_OTHER_STATUS ? code : statuses.intern(part.otherStatuses[code - firstStatus]!));
    }
    for (let id = known.run.length; id <= from.runs + part.runs.length; id++) {
      known.run.push(runs.intern(part.runs[id - 1 - from.runs]!));
    }
    const maps = {
      name: Uint32Array.from(known.name),
      status: Uint32Array.from(known.status),
      run: Uint32Array.from(known.run),
    };
    this.reader.builder.placeAtTail(part.columns, part.size, maps);
    this.placed.push({ ...part, columns: undefined });
  }

  /**
   * Joins the placed parts after the records read here, as if the reader had read
   * them: `lineBases[k]` is the number of lines before the range of the k-th part in
   * input order (the last placed is the first), so line numbers and positional
   * indexes continue.
   */
  join(lineBases: readonly number[]): void {
    const parts = this.placed.reverse();
    this.placed = [];
    if (lineBases.length !== parts.length) {
      throw new Error(`ReaderParts.join: ${lineBases.length} line bases for ${parts.length} parts`);
    }
    this.reader.builder.joinTail(parts.map((part, k) => ({ ...part, lineBase: lineBases[k]! })));
    parts.forEach((part, k) => this.addDiagnostics(part, lineBases[k]!));
  }

  /**
   * Adds a whole source read before (its index, kept by the caller) as if it were read
   * here now. Into an empty reader its columns are taken as they are, not copied.
   */
  adopt(source: LogSource, part: ReaderPart, hints: readonly string[]): void {
    const reader = this.reader;
    const { tables } = reader;
    const empty = reader.builder.size === 0 && tables.names.size === 0 && tables.statuses.size === 0 &&
      tables.runs.size === 0;
    reader.sourceStarts.push(reader.builder.size);
    reader.sources.push(source);
    if (empty) {
      // Interned in order into empty tables, every id stays what it was.
      for (const name of part.names) tables.names.intern(name);
      for (const status of part.otherStatuses) tables.statuses.intern(status);
      for (const run of part.runs) tables.runs.intern(run);
      reader.builder = ColumnsBuilder.holding(part.columns, part.size, part.lineRuns);
      this.addDiagnostics(part, 0);
    } else {
      this.place(part);
      this.join([0]);
    }
    for (const hint of hints) reader.diagnostics.hints.push(hint);
  }

  private addDiagnostics(part: Omit<ReaderPart, "columns">, lineBase: number): void {
    const diagnostics = this.reader.diagnostics;
    const source = this.reader.sources[this.reader.sources.length - 1]!.name;
    for (const bad of part.badLines) diagnostics.addBadLine(source, bad.line + lineBase, bad.reason);
    diagnostics.badLineCount += part.badLineCount - part.badLines.length;
    diagnostics.fallbacks += part.fallbacks;
  }
}
