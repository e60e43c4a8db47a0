import { type Clock, isShownClock } from "../read/time.ts";

/** Ids: 8 bits each until one needs more, then 16, then 32 (see columns_builder.ts). */
export type IdColumn = Uint8Array | Uint16Array | Uint32Array;
/** Indexes and byte offsets: 32 bits each until one needs more, then a double. */
export type WideColumn = Uint32Array | Float64Array;

/**
 * The columnar store of a registry: one typed array per field, one slot per record.
 * Id, index and offset columns start narrow and are widened when a value needs it,
 * so a common log costs 28 bytes a record (line numbers are runs: line_runs.ts).
 */
export interface Columns {
  /** The record's index: its own, or its position when it had none. */
  index: WideColumn;
  /** Microseconds (see `read/time.ts`), NaN when absent. */
  start: Float64Array;
  /**
   * As `start`, kept only where the end's clock (in `flags`) is displayable (instant or
   * naive); left untouched elsewhere, so a log without wall-clock ends costs nothing.
   */
  end: Float64Array;
  /** Start clock in the low two bits, end clock in the next two, bit 4 = ignore_in_history. */
  flags: Uint8Array;
  /** Seconds, NaN when unknown. */
  duration: Float64Array;
  /** 0 success, 1 error, 2+ an other status by id. */
  status: IdColumn;
  name: IdColumn;
  /** 0 when the record names no run. */
  run: IdColumn;
  /** Where the record is in its input (which input: by position, see the reader's `sourceStarts`): its byte offset (its line: line_runs.ts). */
  offset: WideColumn;
}

export const IGNORED_FLAG = 16;

/** The start's clock, from a record's `flags`. */
export const startClockOf = (flags: number): Clock => (flags & 3) as Clock;
/** The end's clock, from a record's `flags`. */
export const endClockOf = (flags: number): Clock => ((flags >> 2) & 3) as Clock;
/** The record had no index of its own: its index is its position. */
export const POSITION_INDEX_FLAG = 32;

/** How {@link ColumnsBuilder.placeAtTail} maps another builder's ids into this one's: by id, the new id. */
export interface IdMaps {
  name: Uint32Array;
  status: Uint32Array;
  run: Uint32Array;
}

export const KEYS: ReadonlyArray<keyof Columns> = [
  "index",
  "start",
  "end",
  "flags",
  "duration",
  "status",
  "name",
  "run",
  "offset",
];

export type AnyColumn = Columns[keyof Columns];
export type ColumnType = {
  new (length: number): AnyColumn;
  new (buffer: ArrayBuffer, offset?: number, length?: number): AnyColumn;
  BYTES_PER_ELEMENT: number;
};

const IDS = [Uint8Array, Uint16Array, Uint32Array] as const;
const WIDE = [Uint32Array, Float64Array] as const;
/** The types a column may have, narrowest (and new) first: a value one does not hold widens it to the first that does. */
const TYPES: Record<keyof Columns, readonly ColumnType[]> = {
  index: WIDE,
  start: [Float64Array],
  end: [Float64Array],
  flags: [Uint8Array],
  duration: [Float64Array],
  status: IDS,
  name: IDS,
  run: IDS,
  offset: WIDE,
};

/** The largest whole number a column of `type` holds. */
export const largest = (
  type: ColumnType,
): number => (type === Float64Array ? Infinity : 2 ** (8 * type.BYTES_PER_ELEMENT) - 1);

/** The first of the types column `key` may have that holds `value` (its widest when none does). */
export const typeHolding = (key: keyof Columns, value: number): ColumnType =>
  TYPES[key].find((type) => value <= largest(type)) ?? TYPES[key].at(-1)!;

/** The type of a column `key` that takes `bytes` for `records` records (its narrow type when that cannot tell). */
export function columnType(key: keyof Columns, bytes: number, records: number): ColumnType {
  const types = TYPES[key];
  return (records > 0 && types.find((type) => bytes === records * type.BYTES_PER_ELEMENT)) || types[0]!;
}

/** True when some of the first `size` records has an end worth keeping: the `end` column is in use. */
export function usesEnds(columns: Columns, size: number): boolean {
  for (let i = 0; i < size; i++) if (isShownClock(endClockOf(columns.flags[i]!))) return true;
  return false;
}

/**
 * True when a column of `bytes` bytes for `records` records has one of the types `key`
 * may have; `end` may also be empty, when no record uses it.
 */
export function fitsColumn(key: keyof Columns, bytes: number, records: number): boolean {
  if (key === "end" && bytes === 0) return true;
  return bytes === records * columnType(key, bytes, records).BYTES_PER_ELEMENT;
}

/** New columns for `capacity` records, each narrow or of the type it has in `like`. */
export function allocate(capacity: number, like?: Columns): Columns {
  const columns = {} as Record<keyof Columns, AnyColumn>;
  for (const key of KEYS) {
    const type = like === undefined ? TYPES[key][0]! : like[key].constructor as ColumnType;
    columns[key] = new type(capacity);
  }
  return columns as Columns;
}

/** The buffers under some columns, in a fixed order: what is transferred between threads. */
export function buffersOf(columns: Columns): ArrayBuffer[] {
  return KEYS.map((key) => columns[key].buffer as ArrayBuffer);
}

/**
 * Columns over buffers given by {@link buffersOf}: the whole of each, or the
 * `[byteOffset, byteLength]` of each given in `views`. Each column's type follows
 * from its size beside `flags`, one byte a record.
 */
export function columnsOn(buffers: readonly ArrayBuffer[], views?: ReadonlyArray<readonly [number, number]>): Columns {
  const bytesOf = (k: number) => views?.[k]?.[1] ?? buffers[k]!.byteLength;
  const records = bytesOf(KEYS.indexOf("flags"));
  const columns = {} as Record<keyof Columns, AnyColumn>;
  KEYS.forEach((key, k) => {
    const type = columnType(key, bytesOf(k), records);
    const view = views?.[k];
    columns[key] = view === undefined
      ? new type(buffers[k]!)
      : new type(buffers[k]!, view[0], view[1] / type.BYTES_PER_ELEMENT);
  });
  return columns as Columns;
}
