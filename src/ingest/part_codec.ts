import type { ReaderPart } from "./reader_part.ts";
import { BLOCK_BYTES, blockSums, xxh32 } from "./checksum.ts";
import { headerProblem, type IndexHeader, type LogStamp, pad8 } from "./index_header.ts";
export type { LogStamp } from "./index_header.ts";
import { columnsOn, KEYS, usesEnds } from "../columns/columns.ts";

/**
 * The bytes of an index file: what reading one log gave (its columns, tables, bad
 * lines and hints), with a stamp of the log it was read from. Layout: 8 magic bytes
 * (the format and its version), the header's length (uint32, little-endian), the
 * header's checksum (uint32: XXH32 of the header and the zeros after it, seeded with
 * its length), the header as JSON, then each column's bytes in {@link KEYS} order,
 * each starting at a multiple of 8 (a column's type follows from its size: see
 * `columnsOn`; `end` is empty when no record uses it). The header holds the checksum of
 * every 64 KiB block of every column: no byte of the file goes unchecked, and a file
 * that does not check out is not used.
 */
// 03: id, index and offset columns narrow or wide; 04: line runs in the header; 05: checksums;
// 06: statuses also read from state_type, status.code and logger levels (an index of 05 may hold them as success)
const MAGIC = "EXHIDX06";
/** Magic, header length, header checksum. */
const PREFIX = 16;

/** One log as read, ready to be adopted by a reader. */
export interface IndexedLog {
  stamp: LogStamp;
  part: ReaderPart;
  hints: string[];
}

/** Why an index file cannot be used (not one of this version, damaged, cut short): thrown by the readers below. */
export class DamagedIndex extends Error {
  override name = "DamagedIndex";
}

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
  const header: IndexHeader = {
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
    sums: columns.map((c) => blockSums(c, pad8(c.length))),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(pad8(PREFIX + json.length));
  head.set(new TextEncoder().encode(MAGIC));
  const view = new DataView(head.buffer);
  view.setUint32(8, json.length, true);
  head.set(json, PREFIX);
  view.setUint32(12, xxh32(head.subarray(PREFIX), json.length), true);
  const pieces: Uint8Array[] = [head];
  for (const column of columns) {
    pieces.push(column);
    if (column.length % 8) pieces.push(new Uint8Array(8 - (column.length % 8)));
  }
  return pieces;
}

/** How many bytes an index file's header takes (padding included), from its first 16; throws {@link DamagedIndex} when it is not one of this version. */
export function headerBytes(first: Uint8Array): number {
  if (first.length < PREFIX || new TextDecoder().decode(first.subarray(0, 8)) !== MAGIC) {
    throw new DamagedIndex(`not an index of this version (${MAGIC})`);
  }
  return pad8(PREFIX + new DataView(first.buffer, first.byteOffset).getUint32(8, true));
}

/** The bytes {@link headerBytes} needs. */
export const HEADER_PREFIX = PREFIX;

/** What an index file's header says: the log with empty columns, and where each column's bytes are. */
export interface IndexHead {
  log: IndexedLog;
  /** `[byte offset in the file, byte length]` of each column, in {@link KEYS} order. */
  columns: Array<readonly [number, number]>;
  /** The sums of each column's blocks (see checksum.ts). */
  sums: number[][];
  /** The bytes a complete file holds. */
  end: number;
}

/**
 * The header at the start of an index file (`head` holds its {@link headerBytes}), its
 * checksum and every field checked; throws {@link DamagedIndex} when it does not check out.
 */
export function readIndexHead(head: Uint8Array): IndexHead {
  const length = headerBytes(head);
  if (head.length < length) throw new DamagedIndex("the header is cut short");
  const view = new DataView(head.buffer, head.byteOffset);
  const jsonLength = view.getUint32(8, true);
  if (xxh32(head.subarray(PREFIX, length), jsonLength) !== view.getUint32(12, true)) {
    throw new DamagedIndex("the header's checksum does not match");
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(PREFIX, PREFIX + jsonLength)));
  } catch {
    throw new DamagedIndex("the header is not JSON");
  }
  const problem = headerProblem(header);
  if (problem !== undefined) throw new DamagedIndex(`the header is not one of an index: ${problem}`);
  const h = header as IndexHeader;
  const columns: Array<readonly [number, number]> = [];
  let at = length;
  for (const bytes of h.bytes) {
    columns.push([at, bytes]);
    at = pad8(at + bytes);
  }
  const log: IndexedLog = {
    stamp: h.stamp,
    hints: [...h.hints],
    part: {
      columns: EMPTY,
      size: h.size,
      lineRuns: h.lineRuns,
      names: h.names,
      otherStatuses: h.otherStatuses,
      runs: h.runs,
      badLines: h.badLines,
      badLineCount: h.badLineCount,
      fallbacks: h.fallbacks,
      lines: 0,
    },
  };
  return { log, columns, sums: h.sums, end: at };
}

/**
 * Throws {@link DamagedIndex} unless `block`, the bytes of block `k` of column `column`
 * (up to {@link BLOCK_BYTES}, the column's padding included), has the sum the header keeps.
 */
export function checkBlock(head: IndexHead, column: number, k: number, block: Uint8Array): void {
  if (xxh32(block, k * BLOCK_BYTES) !== head.sums[column]![k]) {
    throw new DamagedIndex(`the checksum of the ${KEYS[column]} column does not match`);
  }
}

/**
 * The log held by a whole index file, every block checked, its columns as views of
 * `bytes` (not copies: `bytes` must start at a multiple of 8 of its buffer); throws
 * {@link DamagedIndex} when the file is not a complete, intact index of this version.
 */
export function decodeIndex(bytes: Uint8Array): IndexedLog {
  const head = readIndexHead(bytes);
  if (bytes.byteOffset % 8 !== 0) throw new DamagedIndex("misaligned");
  if (bytes.length !== head.end) {
    throw new DamagedIndex(`the file has ${bytes.length} bytes where its header says ${head.end}`);
  }
  for (const [c, [at, length]] of head.columns.entries()) {
    const padded = pad8(length);
    for (let k = 0, from = 0; from < padded; k++, from += BLOCK_BYTES) {
      checkBlock(head, c, k, bytes.subarray(at + from, at + Math.min(from + BLOCK_BYTES, padded)));
    }
  }
  const views = head.columns.map(([at, length]) => [bytes.byteOffset + at, length] as const);
  head.log.part.columns = columnsOn(KEYS.map(() => bytes.buffer as ArrayBuffer), views);
  return head.log;
}
