import type { RecordFields } from "../read/normalize.ts";
import { BATCH_WORD, type StagedRecords } from "../read/scanner.ts";
import { isShownClock } from "../read/time.ts";
import {
  allocate,
  type AnyColumn,
  type Columns,
  type ColumnType,
  type IdColumn,
  type IdMaps,
  IGNORED_FLAG,
  KEYS,
  largest,
  POSITION_INDEX_FLAG,
  typeHolding,
} from "./columns.ts";
import { type LineRuns, LineRunsBuilder } from "./line_runs.ts";

/**
 * Appends records to growable columns. Records read elsewhere (by worker threads, from
 * later ranges of the input) can be placed at the tail of the columns, from the end
 * backwards, while records are still being added at the front; {@link joinTail} then
 * closes the gap. So the columns are sized once, for the whole input.
 */
export class ColumnsBuilder {
  /** Records at the front. */
  size = 0;
  private columns: Columns;
  /** Records [tailStart, capacity) were placed at the tail. */
  private tailStart: number;
  /** Some record has a displayable end: the `end` column is in use. */
  private hasEnds = false;
  /** How many records have no index of their own (their position is); undefined: not known. */
  positional: number | undefined = 0;
  /** The line of each record at the front. */
  private readonly lines = new LineRunsBuilder();

  /** Empty columns for `capacity` records, or on the given storage (its contents are overwritten). */
  constructor(capacity: number | Columns = 1024) {
    this.columns = typeof capacity === "number" ? allocate(Math.max(16, capacity)) : capacity;
    this.tailStart = this.columns.index.length;
  }

  /**
   * A builder holding `size` records already in `columns`, exactly sized (`end` may be
   * empty when no record uses it: the first record added makes room in every column).
   */
  static holding(columns: Columns, size: number, lines: LineRuns): ColumnsBuilder {
    const builder = new ColumnsBuilder(columns);
    builder.size = size;
    builder.hasEnds = true;
    builder.positional = undefined;
    builder.lines.append(lines, 0, size, 0);
    return builder;
  }

  /** Empties the builder, to go on in `storage` (contents overwritten) or new columns. */
  restart(storage?: Columns): void {
    this.columns = storage ?? allocate(1024);
    this.size = 0;
    this.tailStart = this.capacity;
    this.hasEnds = false;
    this.positional = 0;
    this.lines.restart();
  }

  private get capacity(): number {
    return this.columns.index.length;
  }

  /** Makes room for at least `capacity` records in all, front and tail; `headroom` times that when it must grow. */
  reserve(capacity: number, headroom = 1): void {
    if (capacity <= this.capacity) return;
    capacity = Math.ceil(capacity * headroom);
    const grown = allocate(capacity, this.columns);
    const tail = this.capacity - this.tailStart;
    for (const key of this.keysInUse()) {
      const from = this.columns[key] as Float64Array;
      const to = grown[key] as Float64Array;
      to.set(from.subarray(0, this.size));
      to.set(from.subarray(this.tailStart), capacity - tail);
    }
    this.columns = grown;
    this.tailStart = capacity - tail;
  }

  private keysInUse(): ReadonlyArray<keyof Columns> {
    return this.hasEnds ? KEYS : KEYS.filter((key) => key !== "end");
  }

  private makeRoom(records: number): void {
    if (this.tailStart - this.size < records) {
      this.reserve(Math.max(this.capacity + records, Math.ceil(this.capacity * 1.5) + 16));
    }
  }

  add(fields: RecordFields, line: number, offset: number): void {
    if (this.size === this.tailStart) this.makeRoom(1);
    const c = this.columns;
    const i = this.size++;
    const index = fields.index >= 0 ? fields.index : i;
    c.index[i] = index;
    c.start[i] = fields.start;
    if (isShownClock(fields.endClock)) {
      c.end[i] = fields.end;
      this.hasEnds = true;
    }
    c.flags[i] = fields.startClock | (fields.endClock << 2) | (fields.ignored ? IGNORED_FLAG : 0) |
      (fields.index >= 0 ? 0 : POSITION_INDEX_FLAG);
    if (fields.index < 0 && this.positional !== undefined) this.positional++;
    c.duration[i] = fields.duration;
    c.status[i] = fields.status;
    c.name[i] = fields.nameId;
    c.run[i] = fields.runId;
    this.lines.add(i, line);
    c.offset[i] = offset;
    // A value that did not fit its narrow column reads back different: widen, store again.
    if (c.index[i] !== index) this.widen("index", index)[i] = index;
    if (c.status[i] !== fields.status) this.widen("status", fields.status)[i] = fields.status;
    if (c.name[i] !== fields.nameId) this.widen("name", fields.nameId)[i] = fields.nameId;
    if (c.run[i] !== fields.runId) this.widen("run", fields.runId)[i] = fields.runId;
    if (c.offset[i] !== offset) this.widen("offset", offset)[i] = offset;
  }

  /**
   * Adds the first `n` records the scanner staged (on consecutive lines from `line`), as
   * {@link add} would one by one, a column at a time.
   */
  addBatch(staged: StagedRecords, n: number, line: number): void {
    if (this.tailStart - this.size < n) this.makeRoom(n);
    const i = this.size;
    const word = staged.word;
    if (this.positional !== undefined) this.positional += word[BATCH_WORD.positional]!;
    // Widen first what a value will not fit (a no-op for a column wide enough): the OR of
    // ids has as many bits as the largest.
    this.widen("index", staged.maxIndex[0]!);
    this.widen("offset", staged.offset[n - 1]!);
    this.widen("name", word[BATCH_WORD.nameIds]!);
    this.widen("status", word[BATCH_WORD.statusIds]!);
    this.widen("run", word[BATCH_WORD.runIds]!);
    const c = this.columns;
    c.index.set(staged.index.subarray(0, n), i);
    c.start.set(staged.start.subarray(0, n), i);
    if (word[BATCH_WORD.hasEnds]) {
      c.end.set(staged.end.subarray(0, n), i);
      this.hasEnds = true;
    }
    c.flags.set(staged.flags.subarray(0, n), i);
    c.duration.set(staged.duration.subarray(0, n), i);
    c.status.set(staged.status.subarray(0, n), i);
    c.name.set(staged.name.subarray(0, n), i);
    c.run.set(staged.run.subarray(0, n), i);
    c.offset.set(staged.offset.subarray(0, n), i);
    this.lines.addRun(i, line, n);
    this.size += n;
  }

  /** Gives a column the first of its types that holds `value` when it is narrower, front and tail copied; returns it. */
  private widen(key: keyof Columns, value: number): AnyColumn {
    const from = this.columns[key];
    if (value <= largest(from.constructor as ColumnType)) return from;
    const type = typeHolding(key, value);
    const to = new type(this.capacity);
    to.set(from.subarray(0, this.size));
    to.set(from.subarray(this.tailStart), this.tailStart);
    (this.columns as Record<keyof Columns, AnyColumn>)[key] = to;
    return to;
  }

  /**
   * Places `size` records of other columns just before those placed earlier at the tail,
   * mapping their ids (their `end` is copied when it is not empty: see {@link finish}).
   * Their line numbers and positional indexes are left to {@link joinTail}.
   */
  placeAtTail(other: Columns, size: number, maps: IdMaps): void {
    this.makeRoom(size);
    const base = this.tailStart - size;
    this.tailStart = base; // before any widening, which copies the tail from here
    const ends = other.end.length > 0;
    this.hasEnds ||= ends;
    for (const key of ["index", "start", "flags", "duration", "offset", ...(ends ? ["end"] as const : [])] as const) {
      this.widen(key, largest(other[key].constructor as ColumnType));
      (this.columns[key] as Float64Array).set((other[key] as Float64Array).subarray(0, size), base);
    }
    for (const key of ["status", "name", "run"] as const) {
      const map = maps[key];
      let top = 0;
      for (let id = 0; id < map.length; id++) if (map[id]! > top) top = map[id]!;
      this.widen(key, top);
      mapInto(this.columns[key], base, other[key], size, map);
    }
  }

  /**
   * Moves the records placed at the tail to just after the front ones, in the order
   * they sit. `pieces` are the placed parts from first to last, each with its record
   * count, its lines and the number added to them, and how many of its records have no
   * index (unknown: undefined); positional indexes become positions.
   */
  joinTail(
    pieces: ReadonlyArray<{ size: number; lineRuns: LineRuns; lineBase: number; positional?: number | undefined }>,
  ): void {
    const c = this.columns;
    const from = this.tailStart;
    const tail = this.capacity - from;
    for (const key of this.keysInUse()) (c[key] as AnyColumn).copyWithin(this.size, from, from + tail);
    let i = this.size;
    for (const piece of pieces) {
      this.lines.append(piece.lineRuns, i, piece.size, piece.lineBase);
      this.positional = piece.positional === undefined || this.positional === undefined
        ? undefined
        : this.positional + piece.positional;
      if (piece.positional === 0) i += piece.size;
      else for (const end = i + piece.size; i < end; i++) if (c.flags[i]! & POSITION_INDEX_FLAG) c.index[i] = i;
    }
    if (i !== this.size + tail) throw new Error(`joinTail: pieces hold ${i - this.size} records, the tail ${tail}`);
    this.size += tail;
    this.tailStart = this.capacity;
  }

  /** The line of each record added (see line_runs.ts). */
  lineRuns(): LineRuns {
    return this.lines.runs;
  }

  /**
   * The columns trimmed to the records added (views, not copies), `end` empty when no
   * record uses it (so a part tells so without a look at every record); nothing may be
   * left at the tail.
   */
  finish(): Columns {
    if (this.tailStart !== this.capacity) throw new Error("finish: records are still at the tail");
    const columns = {} as Record<keyof Columns, AnyColumn>;
    for (const key of KEYS) {
      columns[key] = this.columns[key].subarray(0, key === "end" && !this.hasEnds ? 0 : this.size);
    }
    return columns as Columns;
  }
}

/** `to[at + j] = map[from[j]]` for the first `size` ids: a loop of its own, so it is optimised alone. */
function mapInto(to: IdColumn, at: number, from: IdColumn, size: number, map: Uint32Array): void {
  for (let j = 0; j < size; j++) to[at + j] = map[from[j]!]!;
}
