import type { ReaderPart } from "./reader_part.ts";
import { columnsOn, fitsColumn, KEYS, usesEnds } from "../columns/columns.ts";
import type { LineRuns } from "../columns/line_runs.ts";

/**
 * The bytes of an index file: what reading one log gave (its columns, tables, bad
 * lines and hints), with a stamp of the log it was read from. Layout: 8 magic bytes,
 * the header's length (uint32, little-endian), the header as JSON, then each column's
 * bytes in {@link KEYS} order, each starting at a multiple of 8 (a column's type
 * follows from its size: see `columnsOn`; `end` is empty when no record uses it).
 */
const MAGIC = "EXHIDX04"; // 03: id, index and offset columns narrow or wide; 04: line runs in the header, no line column

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
/** Columns of no records. */
const EMPTY = columnsOn(KEYS.map(() => new ArrayBuffer(0)));

/** The pieces of an index file, to be written one after the other. */
export function encodeIndex(log: IndexedLog): Uint8Array[] {
  const { part } = log;
  const ends = part.columns.end.length > 0 && usesEnds(part.columns, part.size);
  const columns = KEYS.map((key) => {
    const column = part.columns[key];
    const records = key === "end" && !ends ? 0 : part.size; // an unused end column is not kept
    return new Uint8Array(column.buffer, column.byteOffset, records * column.BYTES_PER_ELEMENT);
  });
  const header: Header = {
    stamp: log.stamp,
    size: part.size,
    lineRuns: part.lineRuns,
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

/** What an index file's header says: the log with empty columns, and where each column's bytes are. */
export interface IndexHead {
  log: IndexedLog;
  /** `[byte offset in the file, byte length]` of each column, in {@link KEYS} order. */
  columns: Array<readonly [number, number]>;
  /** The bytes a complete file holds. */
  end: number;
}

/** The header at the start of an index file (`head` holds at least {@link headerBytes}); undefined when it is not one. */
export function readIndexHead(head: Uint8Array): IndexHead | undefined {
  const read = readHeader(head);
  if (read === undefined) return undefined;
  const { header } = read;
  if (!Array.isArray(header.bytes) || header.bytes.length !== KEYS.length || !validRuns(header.lineRuns, header.size)) {
    return undefined;
  }
  const columns: Array<readonly [number, number]> = [];
  let at = read.end;
  let end = at;
  for (const [k, length] of header.bytes.entries()) {
    if (!fitsColumn(KEYS[k]!, length, header.size)) return undefined;
    columns.push([at, length]);
    end = at + length;
    at = pad8(end);
  }
  const log: IndexedLog = {
    stamp: header.stamp,
    hints: [...header.hints],
    part: {
      columns: EMPTY,
      size: header.size,
      lineRuns: header.lineRuns,
      names: header.names,
      otherStatuses: header.otherStatuses,
      runs: header.runs,
      badLines: header.badLines,
      badLineCount: header.badLineCount,
      fallbacks: header.fallbacks,
      lines: 0,
    },
  };
  return { log, columns, end };
}

/**
 * The log held by a whole index file, its columns as views of `bytes` (not copies:
 * `bytes` must start at a multiple of 8 of its buffer); undefined when the file is not
 * a complete index of this version.
 */
export function decodeIndex(bytes: Uint8Array): IndexedLog | undefined {
  const head = readIndexHead(bytes);
  if (head === undefined || bytes.byteOffset % 8 !== 0 || head.end > bytes.length) return undefined;
  const views = head.columns.map(([at, length]) => [bytes.byteOffset + at, length] as const);
  head.log.part.columns = columnsOn(KEYS.map(() => bytes.buffer as ArrayBuffer), views);
  return head.log;
}

/** Runs of line numbers that `lineAt` can read for `size` records: starts ascending from 0, lines positive integers. */
function validRuns(runs: LineRuns | undefined, size: number): boolean {
  const { starts, lines } = runs ?? {};
  if (!Array.isArray(starts) || !Array.isArray(lines) || starts.length !== lines.length) return false;
  if (size > 0 && starts[0] !== 0) return false;
  return starts.every((start, r) => Number.isInteger(start) && start < size && (r === 0 || start > starts[r - 1]!)) &&
    lines.every((line) => Number.isSafeInteger(line) && line > 0);
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
