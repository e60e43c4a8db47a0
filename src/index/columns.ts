import type { RecordFields } from "../read/normalize.ts";

/** The columnar store of a registry: one typed array per field, one slot per record. */
export interface Columns {
  /** The record's index: its own, or its position when it had none. */
  index: Float64Array;
  /** Microseconds (see `read/time.ts`), NaN when absent. */
  start: Float64Array;
  /** As `start`; a monotonic end beside a duration is not converted (NaN, its clock kept). */
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
  /** Which input the record came from, and where: 1-based line, byte offset and length. */
  source: Uint32Array;
  line: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;
}

export const IGNORED_FLAG = 16;
/** The record had no index of its own: its index is its position. */
export const POSITION_INDEX_FLAG = 32;

/** How {@link ColumnsBuilder.append} maps another builder's ids into this one's. */
export interface IdMaps {
  name: (id: number) => number;
  status: (code: number) => number;
  run: (id: number) => number;
  source: number;
  lineBase: number;
}

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
    source: new Uint32Array(capacity),
    line: new Uint32Array(capacity),
    offset: new Float64Array(capacity),
    length: new Uint32Array(capacity),
  };
}

/** Appends records to growable columns. */
export class ColumnsBuilder {
  size = 0;
  private columns: Columns;

  constructor(capacity = 1024) {
    this.columns = allocate(Math.max(16, capacity));
  }

  /** Makes room for at least `capacity` records in all. */
  reserve(capacity: number): void {
    if (capacity <= this.columns.index.length) return;
    const grown = allocate(capacity);
    for (const key of Object.keys(grown) as Array<keyof Columns>) {
      (grown[key] as Float64Array).set((this.columns[key] as Float64Array).subarray(0, this.size));
    }
    this.columns = grown;
  }

  add(fields: RecordFields, source: number, line: number, offset: number, length: number): void {
    if (this.size === this.columns.index.length) this.reserve(Math.ceil(this.size * 1.5) + 16);
    const c = this.columns;
    const i = this.size++;
    c.index[i] = fields.index >= 0 ? fields.index : i;
    c.start[i] = fields.start;
    c.end[i] = fields.end;
    c.flags[i] = fields.startClock | (fields.endClock << 2) | (fields.ignored ? IGNORED_FLAG : 0) |
      (fields.index >= 0 ? 0 : POSITION_INDEX_FLAG);
    c.duration[i] = fields.duration;
    c.status[i] = fields.status;
    c.name[i] = fields.nameId;
    c.run[i] = fields.runId;
    c.source[i] = source;
    c.line[i] = line;
    c.offset[i] = offset;
    c.length[i] = length;
  }

  /** Appends `size` records of other columns, mapping their ids; positional indexes continue from here. */
  append(other: Columns, size: number, maps: IdMaps): void {
    this.reserve(this.size + size);
    const c = this.columns;
    const base = this.size;
    c.start.set(other.start.subarray(0, size), base);
    c.end.set(other.end.subarray(0, size), base);
    c.flags.set(other.flags.subarray(0, size), base);
    c.duration.set(other.duration.subarray(0, size), base);
    c.offset.set(other.offset.subarray(0, size), base);
    c.length.set(other.length.subarray(0, size), base);
    for (let j = 0; j < size; j++) {
      const i = base + j;
      c.index[i] = other.flags[j]! & POSITION_INDEX_FLAG ? i : other.index[j]!;
      c.status[i] = maps.status(other.status[j]!);
      c.name[i] = maps.name(other.name[j]!);
      c.run[i] = maps.run(other.run[j]!);
      c.source[i] = maps.source;
      c.line[i] = other.line[j]! + maps.lineBase;
    }
    this.size += size;
  }

  /** The columns trimmed to the records added (views, not copies). */
  finish(): Columns {
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
      source: c.source.subarray(0, n),
      line: c.line.subarray(0, n),
      offset: c.offset.subarray(0, n),
      length: c.length.subarray(0, n),
    };
  }
}
