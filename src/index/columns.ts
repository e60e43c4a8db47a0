import type { RecordFields } from "../read/normalize.ts";
import { type Clock, isShownClock } from "../read/time.ts";

/** The columnar store of a registry: one typed array per field, one slot per record. */
export interface Columns {
  /** The record's index: its own, or its position when it had none. */
  index: Float64Array;
  /** Microseconds (see `read/time.ts`), NaN when absent. */
  start: Float64Array;
  /**
   * As `start`, but kept only where the end's clock (in `flags`) is a displayable one,
   * instant or naive; elsewhere it means nothing. Left untouched then, so a log
   * without wall-clock ends costs no memory for it.
   */
  end: Float64Array;
  /** Start clock in the low two bits, end clock in the next two, bit 4 = ignore_in_history. */
  flags: Uint8Array;
  /** Seconds, NaN when unknown. */
  duration: Float64Array;
  /** 0 success, 1 error, 2+ an other status by id. */
  status: Uint32Array;
  name: Uint32Array;
  /** 0 when the record names no run. */
  run: Uint32Array;
  /** Where the record is in its input (which input: by position, see the reader's `sourceStarts`): 1-based line, byte offset. */
  line: Uint32Array;
  offset: Float64Array;
}

export const IGNORED_FLAG = 16;

/** The start's clock, from a record's `flags`. */
export const startClockOf = (flags: number): Clock => (flags & 3) as Clock;
/** The end's clock, from a record's `flags`. */
export const endClockOf = (flags: number): Clock => ((flags >> 2) & 3) as Clock;
/** The record had no index of its own: its index is its position. */
export const POSITION_INDEX_FLAG = 32;

/** How {@link ColumnsBuilder.placeAtTail} maps another builder's ids into this one's. */
export interface IdMaps {
  name: (id: number) => number;
  status: (code: number) => number;
  run: (id: number) => number;
}

export const KEYS: ReadonlyArray<keyof Columns> = [
  "index", "start", "end", "flags", "duration", "status", "name", "run", "line", "offset",
];

function allocate(capacity: number): Columns {
  return {
    index: new Float64Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
    flags: new Uint8Array(capacity),
    duration: new Float64Array(capacity),
    status: new Uint32Array(capacity),
    name: new Uint32Array(capacity),
    run: new Uint32Array(capacity),
    line: new Uint32Array(capacity),
    offset: new Float64Array(capacity),
  };
}

type AnyColumn = Columns[keyof Columns];

/** The buffers under some columns, in a fixed order: what is transferred between threads. */
export function buffersOf(columns: Columns): ArrayBuffer[] {
  return KEYS.map((key) => columns[key].buffer as ArrayBuffer);
}

/**
 * Columns over buffers given by {@link buffersOf}: the whole of each, or the
 * `[byteOffset, byteLength]` of each given in `views`.
 */
export function columnsOn(buffers: readonly ArrayBuffer[], views?: ReadonlyArray<readonly [number, number]>): Columns {
  const columns = allocate(0);
  KEYS.forEach((key, k) => {
    const type = columns[key].constructor as { new (buffer: ArrayBuffer, offset?: number, length?: number): AnyColumn; BYTES_PER_ELEMENT: number };
    const view = views?.[k];
    (columns as Record<keyof Columns, AnyColumn>)[key] = view === undefined
      ? new type(buffers[k]!)
      : new type(buffers[k]!, view[0], view[1] / type.BYTES_PER_ELEMENT);
  });
  return columns;
}

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

  /** Empty columns for `capacity` records, or on the given storage (its contents are overwritten). */
  constructor(capacity: number | Columns = 1024) {
    this.columns = typeof capacity === "number" ? allocate(Math.max(16, capacity)) : capacity;
    this.tailStart = this.columns.index.length;
  }

  /** A builder holding `size` records already in `columns` (exactly sized, or larger). */
  static holding(columns: Columns, size: number): ColumnsBuilder {
    const builder = new ColumnsBuilder(columns);
    builder.size = size;
    builder.hasEnds = true;
    return builder;
  }

  private get capacity(): number {
    return this.columns.index.length;
  }

  /** Makes room for at least `capacity` records in all, front and tail. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grown = allocate(capacity);
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
    c.index[i] = fields.index >= 0 ? fields.index : i;
    c.start[i] = fields.start;
    if (isShownClock(fields.endClock)) {
      c.end[i] = fields.end;
      this.hasEnds = true;
    }
    c.flags[i] = fields.startClock | (fields.endClock << 2) | (fields.ignored ? IGNORED_FLAG : 0) |
      (fields.index >= 0 ? 0 : POSITION_INDEX_FLAG);
    c.duration[i] = fields.duration;
    c.status[i] = fields.status;
    c.name[i] = fields.nameId;
    c.run[i] = fields.runId;
    c.line[i] = line;
    c.offset[i] = offset;
  }

  /**
   * Places `size` records of other columns just before those placed earlier at the tail,
   * mapping their ids. Their line numbers stay as they were, and positional indexes are
   * left to {@link joinTail}.
   */
  placeAtTail(other: Columns, size: number, maps: IdMaps): void {
    this.makeRoom(size);
    const c = this.columns;
    const base = this.tailStart - size;
    let ends = false;
    for (let j = 0; j < size && !ends; j++) ends = isShownClock(endClockOf(other.flags[j]!));
    this.hasEnds ||= ends;
    for (const key of ["index", "start", "flags", "duration", "line", "offset", ...(ends ? ["end"] as const : [])] as const) {
      (c[key] as Float64Array).set((other[key] as Float64Array).subarray(0, size), base);
    }
    for (let j = 0; j < size; j++) {
      const i = base + j;
      c.status[i] = maps.status(other.status[j]!);
      c.name[i] = maps.name(other.name[j]!);
      c.run[i] = maps.run(other.run[j]!);
    }
    this.tailStart = base;
  }

  /**
   * Moves the records placed at the tail to just after the front ones, in the order
   * they sit. `pieces` are the placed parts from first to last, each with its record
   * count and the number added to its line numbers; positional indexes become positions.
   */
  joinTail(pieces: ReadonlyArray<{ size: number; lineBase: number }>): void {
    const c = this.columns;
    const from = this.tailStart;
    const tail = this.capacity - from;
    for (const key of this.keysInUse()) (c[key] as AnyColumn).copyWithin(this.size, from, from + tail);
    let i = this.size;
    for (const piece of pieces) {
      for (const end = i + piece.size; i < end; i++) {
        c.line[i]! += piece.lineBase;
        if (c.flags[i]! & POSITION_INDEX_FLAG) c.index[i] = i;
      }
    }
    if (i !== this.size + tail) throw new Error(`joinTail: pieces hold ${i - this.size} records, the tail ${tail}`);
    this.size += tail;
    this.tailStart = this.capacity;
  }

  /** The columns trimmed to the records added (views, not copies); nothing may be left at the tail. */
  finish(): Columns {
    if (this.tailStart !== this.capacity) throw new Error("finish: records are still at the tail");
    const c = this.columns;
    const n = this.size;
    return {
      index: c.index.subarray(0, n),
      start: c.start.subarray(0, n),
      end: c.end.subarray(0, n),
      flags: c.flags.subarray(0, n),
      duration: c.duration.subarray(0, n),
      status: c.status.subarray(0, n),
      name: c.name.subarray(0, n),
      run: c.run.subarray(0, n),
      line: c.line.subarray(0, n),
      offset: c.offset.subarray(0, n),
    };
  }
}
