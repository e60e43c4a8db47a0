import { columnsOn, columnType, KEYS } from "../columns/columns.ts";
import { lineAt, LineRunsBuilder } from "../columns/line_runs.ts";
import type { Selection } from "../io.ts";
import { BLOCK_BYTES } from "../ingest/checksum.ts";
import { pad8 } from "../ingest/index_header.ts";
import {
  checkBlock,
  DamagedIndex,
  decodeIndex,
  encodeIndex,
  HEADER_PREFIX,
  headerBytes,
  type IndexedLog,
  type IndexHead,
  type LogStamp,
  readIndexHead,
} from "../ingest/part_codec.ts";
import type { ByteReader } from "../ingest/log_reader.ts";
import { os } from "./node_builtins.ts";

/**
 * The index cache: what reading a large log gave, kept in a file of its own so that
 * the next command on the same, unchanged log reads that instead of the log (as hl
 * does for its sort index). A cached index is used only when the log's path, size,
 * modification and change times, inode, device, and a hash of its first and last
 * 64 KiB and of 4 KiB at 16 places between all match, and it was read with the same
 * longest line (EXECHIST_MAX_LINE_MIB); anything else, or any error, and the log is read again.
 * An index file carries checksums of all its bytes (part_codec.ts): one that does not
 * check out is reported (`--debug`), ignored and written again from the log.
 */

/** What looking for a cached index found: it, a file that cannot be used (and why), or nothing (none, or stale). */
export type CacheLookup<T> = { found: T } | { bad: string } | undefined;

/** A file open for reading: its bytes by position (fewer at the end), its size. */
export interface OpenFile {
  read: ByteReader;
  size: number;
  close(): void;
}

/** What is known of an open log from the system. */
export interface FileFacts {
  isFile: boolean;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
}

/**
 * What the index cache needs of the file system: Node's `fs` (cache_files.ts) or Deno's
 * own API (deno_cache_files.ts), so that Deno need not start its Node layer for it.
 * Paths are joined with `/`.
 */
export interface CacheFiles {
  realpath(path: string): string;
  /** Throws when the file cannot be opened. */
  open(path: string): OpenFile;
  /**
   * Writes `pieces` to a file created at `path`, readable by its owner only (0600), off this
   * thread where the runtime can; fails when anything (a file, a symbolic link) is already there.
   */
  write(path: string, pieces: readonly Uint8Array[]): Promise<void>;
  /** Makes the directory (and its parents) readable by its owner only (0700); with `tighten`, an existing one is made so too. */
  makeDir(dir: string, tighten: boolean): void;
  rename(from: string, to: string): void;
  /** Removes a file; nothing when it is not there. */
  remove(path: string): void;
  /** The names of the files in `dir`, each with its modification time and size (of a link, not what it points to). */
  list(dir: string): Array<{ name: string; at: number; bytes: number }>;
  /** This process's id, for temporary names. */
  readonly pid: number;
}

/** Index files kept at most, and their bytes in all; the least recently written go first. */
const KEPT_INDEXES = 16;
const KEPT_BYTES = 2 ** 30;
const ENDS_BYTES = 1 << 16;
const SAMPLE_BYTES = 1 << 12;

/**
 * Where index files go (EXECHIST_CACHE=0 turns the cache off): EXECHIST_CACHE_DIR, else
 * $XDG_CACHE_HOME/exechist, else ~/.cache/exechist. Joined with `/` (no `node:path`:
 * on Deno that would start its Node layer for every log).
 */
export function cacheDir(env: (name: string) => string | undefined): string | undefined {
  const wanted = env("EXECHIST_CACHE")?.toLowerCase();
  if (wanted !== undefined && ["0", "off", "no", "false"].includes(wanted)) return undefined;
  const own = env("EXECHIST_CACHE_DIR");
  if (own) return own;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return joined(xdg, "exechist");
  const home = env("HOME") || homedir();
  return home ? joined(home, ".cache/exechist") : undefined;
}

/** `name` under `dir`, joined with one `/`. */
function joined(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}

/** The user's home directory from the system, or "" when it cannot be had. */
function homedir(): string {
  try {
    return os().homedir();
  } catch {
    return "";
  }
}

/**
 * The stamp of an open log (its bytes by `read`, its `facts`) read with lines of at most
 * `maxLineBytes`; undefined when it cannot be had (not a regular file, no real path).
 */
export function stampOf(
  read: ByteReader,
  facts: FileFacts,
  realpath: () => string,
  maxLineBytes: number,
): LogStamp | undefined {
  try {
    if (!facts.isFile) return undefined;
    const { size } = facts;
    const head = new Uint8Array(Math.min(ENDS_BYTES, size));
    const tail = new Uint8Array(Math.min(ENDS_BYTES, size));
    readFully(read, head, 0);
    readFully(read, tail, size - tail.length);
    // And 4 KiB at 16 places in between: a rewrite in place is caught there or by the change time.
    const samples = new Uint8Array(16 * SAMPLE_BYTES);
    for (let k = 0; k < 16; k++) {
      const at = Math.floor((size * (k + 0.5)) / 16);
      readFully(read, samples.subarray(k * SAMPLE_BYTES, k * SAMPLE_BYTES + Math.min(SAMPLE_BYTES, size - at)), at);
    }
    const { mtimeMs, ctimeMs, ino, dev } = facts;
    return {
      path: realpath(),
      size,
      mtimeMs,
      ctimeMs,
      ino,
      dev,
      ends: `${fnv1a(head).toString(16)}-${fnv1a(samples).toString(16)}-${fnv1a(tail).toString(16)}`,
      maxLineBytes,
    };
  } catch {
    return undefined;
  }
}

/** The cached index of the log with this stamp, every byte checked (see {@link CacheLookup}). */
export function loadIndex(files: CacheFiles, dir: string, stamp: LogStamp): CacheLookup<IndexedLog> {
  return withIndex(files, dir, stamp, (file, head) => {
    const bytes = new Uint8Array(head.end);
    if (!readFully(file.read, bytes, 0)) throw new DamagedIndex("the file is cut short");
    return decodeIndex(bytes);
  });
}

/**
 * What `result N` needs from the cached index of the log with this stamp: the first
 * `keep` records whose index is `index` (a log of their own, with the whole log's
 * tables and bad lines), how many records the log holds, and how many have that index.
 * Reads (and checks) the index column and the blocks that hold those records' rows, not
 * the rest. As {@link loadIndex} otherwise.
 */
export function loadIndexMatches(
  files: CacheFiles,
  dir: string,
  stamp: LogStamp,
  index: number,
  keep: number,
): CacheLookup<{ log: IndexedLog; selected: Selection }> {
  return withIndex(files, dir, stamp, (file, head) => {
    const { part } = head.log;
    const c = KEYS.indexOf("index");
    const [indexAt, indexBytes] = head.columns[c]!;
    const type = columnType("index", indexBytes, part.size);
    const width = type.BYTES_PER_ELEMENT;
    const padded = pad8(indexBytes);
    const piece = new Uint8Array(Math.min(padded, 16 * BLOCK_BYTES)); // 1 MiB, whole blocks
    const kept: number[] = [];
    let matches = 0;
    for (let from = 0; from < padded; from += piece.length) {
      const n = Math.min(piece.length, padded - from);
      const chunk = piece.subarray(0, n);
      if (!readFully(file.read, chunk, indexAt + from)) throw new DamagedIndex("the file is cut short");
      for (let at = 0; at < n; at += BLOCK_BYTES) {
        checkBlock(head, c, (from + at) / BLOCK_BYTES, chunk.subarray(at, Math.min(at + BLOCK_BYTES, n)));
      }
      const values = new type(piece.buffer, 0, Math.max(0, Math.min(n, indexBytes - from)) / width);
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== index) continue;
        if (kept.length < keep) kept.push(from / width + i);
        matches++;
      }
    }
    const buffers: ArrayBuffer[] = [];
    for (const [k, [at, length]] of head.columns.entries()) {
      const width = part.size === 0 ? 0 : length / part.size;
      const buffer = new Uint8Array(kept.length * width);
      const blocks = new Map<number, Uint8Array>(); // checked blocks of this column, by number
      for (const [row, pos] of kept.entries()) {
        if (width === 0) break;
        const number = Math.floor((pos * width) / BLOCK_BYTES);
        let block = blocks.get(number);
        if (block === undefined) {
          block = new Uint8Array(Math.min(BLOCK_BYTES, pad8(length) - number * BLOCK_BYTES));
          if (!readFully(file.read, block, at + number * BLOCK_BYTES)) throw new DamagedIndex("the file is cut short");
          checkBlock(head, k, number, block);
          blocks.set(number, block);
        }
        const start = pos * width - number * BLOCK_BYTES;
        buffer.set(block.subarray(start, start + width), row * width);
      }
      buffers.push(buffer.buffer);
    }
    const selected = { records: part.size, matches };
    const lines = new LineRunsBuilder();
    kept.forEach((pos, row) => lines.add(row, lineAt(part.lineRuns, pos)));
    part.columns = columnsOn(buffers);
    part.size = kept.length;
    part.lineRuns = lines.runs;
    return { log: head.log, selected };
  });
}

/**
 * Opens the index file of the log with this stamp, reads and checks its header and hands
 * both to `use` (which throws {@link DamagedIndex} for what does not check out), when it is
 * that log's and of the right size.
 */
function withIndex<T>(
  files: CacheFiles,
  dir: string,
  stamp: LogStamp,
  use: (file: OpenFile, head: IndexHead) => T,
): CacheLookup<T> {
  let file: OpenFile;
  try {
    file = files.open(indexPath(dir, stamp));
  } catch {
    return undefined; // none (or not one this process may read)
  }
  try {
    const first = new Uint8Array(HEADER_PREFIX);
    if (!readFully(file.read, first, 0)) throw new DamagedIndex("the file is cut short");
    const length = headerBytes(first);
    if (length > file.size) throw new DamagedIndex("the file is cut short");
    const bytes = new Uint8Array(length);
    if (!readFully(file.read, bytes, 0)) throw new DamagedIndex("the file is cut short");
    const head = readIndexHead(bytes);
    if (!sameStamp(head.log.stamp, stamp)) return undefined; // the log has changed since: stale, not bad
    if (file.size !== head.end) {
      throw new DamagedIndex(`the file has ${file.size} bytes where its header says ${head.end}`);
    }
    return { found: use(file, head) };
  } catch (error) {
    return { bad: error instanceof DamagedIndex ? error.message : `it cannot be read (${String(error)})` };
  } finally {
    file.close();
  }
}

/** Fills `target` from `position` on; false when the file ends first. */
function readFully(read: ByteReader, target: Uint8Array, position: number): boolean {
  for (let got = 0, n; got < target.length; got += n) {
    n = read(target, got, target.length - got, position + got);
    if (n === 0) return false;
  }
  return true;
}

/**
 * Writes the index of a log (to a new temporary file of a random name, created so that
 * nothing already there is followed or overwritten, then renamed), the bytes on a thread of
 * the runtime's pool while the command goes on: the columns must not change until it
 * resolves. `tighten`: the directory is exechist's own (not one the user named), made 0700
 * if it was not. Resolves to the note for `--debug`: written (and stale temporary files
 * removed), or why not.
 */
export async function saveIndex(files: CacheFiles, dir: string, log: IndexedLog, tighten = false): Promise<string> {
  const target = indexPath(dir, log.stamp);
  const temp = `${target}.${files.pid}-${randomHex()}.tmp`;
  try {
    const pieces = encodeIndex(log);
    const bytes = pieces.reduce((sum, piece) => sum + piece.length, 0);
    if (bytes > KEPT_BYTES) return `index cache not written: the index (${bytes} bytes) is larger than the cache keeps`;
    files.makeDir(dir, tighten);
    await files.write(temp, pieces);
    files.rename(temp, target);
    const removed = prune(files, dir, Date.now());
    return removed === 0
      ? "index cache written"
      : `index cache written; ${removed} stale temporary file${removed === 1 ? "" : "s"} removed`;
  } catch (error) {
    try {
      files.remove(temp);
    } catch {
      // nothing to clean
    }
    return `index cache not written: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** 64 random bits in hex: a temporary name no other process can guess and set a trap at. */
function randomHex(): string {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return words[0]!.toString(16).padStart(8, "0") + words[1]!.toString(16).padStart(8, "0");
}

function indexPath(dir: string, stamp: LogStamp): string {
  const name = stamp.path.slice(stamp.path.lastIndexOf("/") + 1).replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  // A log read under another mapping of its fields has an index of its own.
  const key = stamp.fields === undefined ? stamp.path : `${stamp.path}\0${stamp.fields}`;
  return joined(dir, `${name}-${fnv1a(new TextEncoder().encode(key)).toString(16)}.idx`);
}

function sameStamp(a: LogStamp, b: LogStamp): boolean {
  return a.path === b.path && a.size === b.size && sameTime(a.mtimeMs, b.mtimeMs) && sameTime(a.ctimeMs, b.ctimeMs) &&
    a.ino === b.ino && a.dev === b.dev && a.ends === b.ends && a.fields === b.fields &&
    a.maxLineBytes === b.maxLineBytes;
}

/**
 * Equal, or equal as far as the coarser of the two clocks tells: Deno reports the
 * modification time in whole milliseconds and the change time in whole seconds, where
 * Node and Bun have fractions, and an index written by one runtime serves the others.
 */
export function sameTime(a: number, b: number): boolean {
  if (a === b) return true;
  const grain = (ms: number): number => (ms % 1000 === 0 ? 1000 : ms % 1 === 0 ? 1 : 0);
  const [coarse, fine] = grain(a) >= grain(b) ? [a, b] : [b, a];
  const unit = grain(coarse);
  return unit > 0 && Math.floor(fine / unit) * unit === coarse;
}

/** A temporary file untouched this long was left by a process that died: a live one writes its file in seconds, then renames it. */
export const STALE_TEMP_MS = 10 * 60_000;

/**
 * Keeps the newest index files within {@link KEPT_INDEXES} and {@link KEPT_BYTES}, and
 * removes temporary files not written to for {@link STALE_TEMP_MS} (a process killed while
 * it wrote one). Returns how many of those it removed.
 */
export function prune(files: CacheFiles, dir: string, now: number): number {
  const all = files.list(dir).map((file) => ({ ...file, full: joined(dir, file.name) }));
  const stale = all.filter((file) => file.name.endsWith(".tmp") && now - file.at > STALE_TEMP_MS);
  const indexes = all.filter((file) => file.name.endsWith(".idx"));
  for (const old of stale) files.remove(old.full);
  for (const old of indexesToDrop(indexes, KEPT_INDEXES, KEPT_BYTES)) files.remove(old.full);
  return stale.length;
}

/** The index files beyond the newest `count` whose sizes together stay within `bytes`. */
export function indexesToDrop<T extends { at: number; bytes: number }>(
  files: readonly T[],
  count: number,
  bytes: number,
): T[] {
  const newestFirst = [...files].sort((a, b) => b.at - a.at);
  let total = 0;
  const kept = newestFirst.findIndex((file, k) => k >= count || (total += file.bytes) > bytes);
  return kept < 0 ? [] : newestFirst.slice(kept);
}

/** FNV-1a, 32 bits. */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
