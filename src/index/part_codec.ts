import type { ReaderPart } from "../read/read_log.ts";
import { type Columns, columnsOn, KEYS } from "./columns.ts";

/**
 * The bytes of an index file: what reading one log gave (its columns, tables, bad
 * lines and hints), with a stamp of the log it was read from. Layout: 8 magic bytes,
 * the header's length (uint32, little-endian), the header as JSON, then each column's
 * bytes in {@link KEYS} order, each starting at a multiple of 8.
 */
const MAGIC = "EXHIDX02";

/** What identifies the log an index was read from; any difference means the index is stale. */
export interface LogStamp {
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** A hash of the first and last bytes of the log, and of samples between. */
  ends: string;
}

/** One log as read, ready to be adopted by a reader. */
export interface IndexedLog {
  stamp: LogStamp;
  part: ReaderPart;
  hints: string[];
}

/** The part without its columns and line count, the stamp, the hints, and each column's size. */
interface Header extends Omit<ReaderPart, "columns" | "lines"> {
  stamp: LogStamp;
  hints: readonly string[];
  /** Bytes of each column, in {@link KEYS} order. */
  bytes: number[];
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** The pieces of an index file, to be written one after the other. */
export function encodeIndex(log: IndexedLog): Uint8Array[] {
  const { part } = log;
  const columns = KEYS.map((key) => {
    const column = part.columns[key];
    return new Uint8Array(column.buffer, column.byteOffset, part.size * column.BYTES_PER_ELEMENT);
  });
  const header: Header = {
    stamp: log.stamp,
    size: part.size,
    names: part.names,
    otherStatuses: part.otherStatuses,
    runs: part.runs,
    badLines: part.badLines,
    badLineCount: part.badLineCount,
    fallbacks: part.fallbacks,
    hints: log.hints,
    bytes: columns.map((c) => c.length),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(pad8(12 + json.length));
  head.set(new TextEncoder().encode(MAGIC));
  new DataView(head.buffer).setUint32(8, json.length, true);
  head.set(json, 12);
  const pieces: Uint8Array[] = [head];
  for (const column of columns) {
    pieces.push(column);
    if (column.length % 8) pieces.push(new Uint8Array(8 - (column.length % 8)));
  }
  return pieces;
}

/** How many bytes an index file's header takes, from its first 12; undefined when it is not one. */
export function headerBytes(first: Uint8Array): number | undefined {
  if (first.length < 12 || new TextDecoder().decode(first.subarray(0, 8)) !== MAGIC) return undefined;
  return 12 + new DataView(first.buffer, first.byteOffset).getUint32(8, true);
}

/** The stamp an index file claims, from its header; undefined when it is not one. */
export function indexStamp(head: Uint8Array): LogStamp | undefined {
  return readHeader(head)?.header.stamp;
}

/**
 * The log held by a whole index file, its columns as views of `bytes` (not copies:
 * `bytes` must start at a multiple of 8 of its buffer); undefined when the file is not
 * a complete index of this version.
 */
export function decodeIndex(bytes: Uint8Array): IndexedLog | undefined {
  const read = readHeader(bytes);
  if (read === undefined || bytes.byteOffset % 8 !== 0) return undefined;
  const { header, end } = read;
  if (!Array.isArray(header.bytes) || header.bytes.length !== KEYS.length) return undefined;
  const views: Array<[number, number]> = [];
  let at = end;
  for (const length of header.bytes) {
    if (at + length > bytes.length) return undefined;
    views.push([bytes.byteOffset + at, length]);
    at = pad8(at + length);
  }
  const columns: Columns = columnsOn(KEYS.map(() => bytes.buffer as ArrayBuffer), views);
  if (KEYS.some((key) => columns[key].length !== header.size)) return undefined;
  return {
    stamp: header.stamp,
    hints: [...header.hints],
    part: {
      columns,
      size: header.size,
      names: header.names,
      otherStatuses: header.otherStatuses,
      runs: header.runs,
      badLines: header.badLines,
      badLineCount: header.badLineCount,
      fallbacks: header.fallbacks,
      lines: 0,
    },
  };
}

function readHeader(bytes: Uint8Array): { header: Header; end: number } | undefined {
  const length = headerBytes(bytes);
  if (length === undefined || length > bytes.length) return undefined;
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, length))) as Header;
    return { header, end: pad8(length) };
  } catch {
    return undefined;
  }
}
