import { columnsOn, columnType, KEYS } from "../columns/columns.ts";
import { lineAt, LineRunsBuilder } from "../columns/line_runs.ts";
import type { Selection } from "../io.ts";
import {
  decodeIndex,
  encodeIndex,
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
 * 64 KiB and of 4 KiB at 16 places between all match; anything else, or any error, and the log is read again.
 */

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
  /** Writes `pieces` to a new file at `path`, off this thread where the runtime can. */
  write(path: string, pieces: readonly Uint8Array[]): Promise<void>;
  makeDir(dir: string): void;
  rename(from: string, to: string): void;
  /** Removes a file; nothing when it is not there. */
  remove(path: string): void;
  /** The names of the files in `dir`, each with its modification time and size. */
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
 * The stamp of an open log (its bytes by `read`, its `facts`); undefined when it cannot
 * be had (not a regular file, no real path).
 */
export function stampOf(read: ByteReader, facts: FileFacts, realpath: () => string): LogStamp | undefined {
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
    };
  } catch {
    return undefined;
  }
}

/** The cached index of the log with this stamp, or undefined (none, stale, unreadable). */
export function loadIndex(files: CacheFiles, dir: string, stamp: LogStamp): IndexedLog | undefined {
  return withIndex(files, dir, stamp, (file, head) => {
    const bytes = new Uint8Array(head.end);
    return readFully(file.read, bytes, 0) ? decodeIndex(bytes) : undefined;
  });
}

/**
 * What `result N` needs from the cached index of the log with this stamp: the first
 * `keep` records whose index is `index` (a log of their own, with the whole log's
 * tables and bad lines), how many records the log holds, and how many have that index.
 * Reads the index column and those records' rows, not the rest. Undefined as for
 * {@link loadIndex}.
 */
export function loadIndexMatches(
  files: CacheFiles,
  dir: string,
  stamp: LogStamp,
  index: number,
  keep: number,
): { log: IndexedLog; selected: Selection } | undefined {
  return withIndex(files, dir, stamp, (file, head) => {
    const { part } = head.log;
    const [indexAt, indexBytes] = head.columns[KEYS.indexOf("index")]!;
    const type = columnType("index", indexBytes, part.size);
    const width = type.BYTES_PER_ELEMENT;
    const piece = new type(Math.min(part.size, (1 << 20) / width)); // 1 MiB
    const kept: number[] = [];
    let matches = 0;
    for (let from = 0; from < part.size; from += piece.length) {
      const n = Math.min(piece.length, part.size - from);
      if (!readFully(file.read, new Uint8Array(piece.buffer, 0, n * width), indexAt + from * width)) return undefined;
      for (let i = 0; i < n; i++) {
        if (piece[i] !== index) continue;
        if (kept.length < keep) kept.push(from + i);
        matches++;
      }
    }
    const buffers: ArrayBuffer[] = [];
    for (const [at, length] of head.columns) {
      const width = part.size === 0 ? 0 : length / part.size;
      const buffer = new ArrayBuffer(kept.length * width);
      for (const [row, pos] of kept.entries()) {
        if (!readFully(file.read, new Uint8Array(buffer, row * width, width), at + pos * width)) return undefined;
      }
      buffers.push(buffer);
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

/** Opens the index file of the log with this stamp, reads its header and hands both to `use`, when it is that log's and whole. */
function withIndex<T>(
  files: CacheFiles,
  dir: string,
  stamp: LogStamp,
  use: (file: OpenFile, head: IndexHead) => T | undefined,
): T | undefined {
  let file: OpenFile | undefined;
  try {
    file = files.open(indexPath(dir, stamp));
    const first = new Uint8Array(12);
    const length = readFully(file.read, first, 0) ? headerBytes(first) : undefined;
    if (length === undefined) return undefined;
    const bytes = new Uint8Array(length);
    const head = readFully(file.read, bytes, 0) ? readIndexHead(bytes) : undefined;
    if (head === undefined || !sameStamp(head.log.stamp, stamp) || file.size < head.end) return undefined;
    return use(file, head);
  } catch {
    return undefined;
  } finally {
    file?.close();
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
 * Writes the index of a log (to a temporary name, then renamed), the bytes on a thread
 * of the runtime's pool while the command goes on: the columns must not change until
 * it resolves. Resolves to why not when it cannot.
 */
export async function saveIndex(files: CacheFiles, dir: string, log: IndexedLog): Promise<string | undefined> {
  const target = indexPath(dir, log.stamp);
  const temp = `${target}.${files.pid}.tmp`;
  try {
    const pieces = encodeIndex(log);
    const bytes = pieces.reduce((sum, piece) => sum + piece.length, 0);
    if (bytes > KEPT_BYTES) return `the index (${bytes} bytes) is larger than the cache keeps`;
    files.makeDir(dir);
    await files.write(temp, pieces);
    files.rename(temp, target);
    prune(files, dir);
    return undefined;
  } catch (error) {
    try {
      files.remove(temp);
    } catch {
      // nothing to clean
    }
    return error instanceof Error ? error.message : String(error);
  }
}

function indexPath(dir: string, stamp: LogStamp): string {
  const name = stamp.path.slice(stamp.path.lastIndexOf("/") + 1).replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return joined(dir, `${name}-${fnv1a(new TextEncoder().encode(stamp.path)).toString(16)}.idx`);
}

function sameStamp(a: LogStamp, b: LogStamp): boolean {
  return a.path === b.path && a.size === b.size && sameTime(a.mtimeMs, b.mtimeMs) && sameTime(a.ctimeMs, b.ctimeMs) &&
    a.ino === b.ino && a.dev === b.dev && a.ends === b.ends;
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

/** Keeps the newest index files within {@link KEPT_INDEXES} and {@link KEPT_BYTES}; drops temporary files over an hour old (a process that died). */
function prune(files: CacheFiles, dir: string): void {
  const now = Date.now();
  const all = files.list(dir).map((file) => ({ ...file, full: joined(dir, file.name) }));
  const stale = all.filter((file) => file.name.endsWith(".tmp") && now - file.at > 3_600_000);
  const indexes = all.filter((file) => file.name.endsWith(".idx"));
  for (const old of [...stale, ...indexesToDrop(indexes, KEPT_INDEXES, KEPT_BYTES)]) files.remove(old.full);
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
