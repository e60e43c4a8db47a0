import { columnsOn, columnType, KEYS } from "../index/columns.ts";
import { lineAt, LineRunsBuilder } from "../index/line_runs.ts";
import type { Selection } from "../io.ts";
import { decodeIndex, encodeIndex, headerBytes, type IndexedLog, type IndexHead, type LogStamp, readIndexHead } from "../index/part_codec.ts";
import { fs, os, path } from "./node_builtins.ts";

/**
 * The index cache: what reading a large log gave, kept in a file of its own so that
 * the next command on the same, unchanged log reads that instead of the log (as hl
 * does for its sort index). A cached index is used only when the log's path, size,
 * modification and change times, inode, device, and a hash of its first and last
 * 64 KiB and of 4 KiB at 16 places between all match; anything else, or any error, and the log is read again.
 */

/** Index files kept at most, and their bytes in all; the least recently written go first. */
export const KEPT_INDEXES = 16;
export const KEPT_BYTES = 2 ** 30;
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
  if (xdg) return `${xdg.replace(/\/+$/, "")}/exechist`;
  const home = env("HOME") || homedir();
  return home ? `${home.replace(/\/+$/, "")}/.cache/exechist` : undefined;
}

/** The user's home directory from the system, or "" when it cannot be had. */
function homedir(): string {
  try {
    return os().homedir();
  } catch {
    return "";
  }
}

/** The stamp of an open log; undefined when it cannot be had (no path, not a regular file). */
export function stampOf(fd: number, file: string): LogStamp | undefined {
  try {
    const stat = fs().fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const head = new Uint8Array(Math.min(ENDS_BYTES, stat.size));
    const tail = new Uint8Array(Math.min(ENDS_BYTES, stat.size));
    fs().readSync(fd, head, 0, head.length, 0);
    fs().readSync(fd, tail, 0, tail.length, stat.size - tail.length);
    // And 4 KiB at 16 places in between: a rewrite in place is caught there or by the change time.
    const samples = new Uint8Array(16 * SAMPLE_BYTES);
    for (let k = 0; k < 16; k++) {
      const at = Math.floor((stat.size * (k + 0.5)) / 16);
      fs().readSync(fd, samples, k * SAMPLE_BYTES, Math.min(SAMPLE_BYTES, stat.size - at), at);
    }
    return {
      path: fs().realpathSync(file),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
      dev: stat.dev,
      ends: `${fnv1a(head).toString(16)}-${fnv1a(samples).toString(16)}-${fnv1a(tail).toString(16)}`,
    };
  } catch {
    return undefined;
  }
}

/** The cached index of the log with this stamp, or undefined (none, stale, unreadable). */
export function loadIndex(dir: string, stamp: LogStamp): IndexedLog | undefined {
  return withIndex(dir, stamp, (fd, head) => {
    const bytes = new Uint8Array(head.end);
    return readAll(fd, bytes, 0) ? decodeIndex(bytes) : undefined;
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
  dir: string,
  stamp: LogStamp,
  index: number,
  keep: number,
): { log: IndexedLog; selected: Selection } | undefined {
  return withIndex(dir, stamp, (fd, head) => {
    const { part } = head.log;
    const [indexAt, indexBytes] = head.columns[KEYS.indexOf("index")]!;
    const type = columnType("index", indexBytes, part.size);
    const width = type.BYTES_PER_ELEMENT;
    const piece = new type(Math.min(part.size, (1 << 20) / width)); // 1 MiB
    const kept: number[] = [];
    let matches = 0;
    for (let from = 0; from < part.size; from += piece.length) {
      const n = Math.min(piece.length, part.size - from);
      if (!readAll(fd, new Uint8Array(piece.buffer, 0, n * width), indexAt + from * width)) return undefined;
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
        if (!readAll(fd, new Uint8Array(buffer, row * width, width), at + pos * width)) return undefined;
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
function withIndex<T>(dir: string, stamp: LogStamp, use: (fd: number, head: IndexHead) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = fs().openSync(indexPath(dir, stamp), "r");
    const first = new Uint8Array(12);
    const length = readAll(fd, first, 0) ? headerBytes(first) : undefined;
    if (length === undefined) return undefined;
    const bytes = new Uint8Array(length);
    const head = readAll(fd, bytes, 0) ? readIndexHead(bytes) : undefined;
    if (head === undefined || !sameStamp(head.log.stamp, stamp) || fs().fstatSync(fd).size < head.end) return undefined;
    return use(fd, head);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs().closeSync(fd);
  }
}

/** Fills `target` from `position` on; false when the file ends first. */
function readAll(fd: number, target: Uint8Array, position: number): boolean {
  for (let got = 0, n; got < target.length; got += n) {
    n = fs().readSync(fd, target, got, target.length - got, position + got);
    if (n === 0) return false;
  }
  return true;
}

/**
 * Writes the index of a log (to a temporary name, then renamed), the bytes on a thread
 * of the runtime's pool while the command goes on: the columns must not change until
 * it resolves. Resolves to why not when it cannot.
 */
export async function saveIndex(dir: string, log: IndexedLog): Promise<string | undefined> {
  const target = indexPath(dir, log.stamp);
  const temp = `${target}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    const pieces = encodeIndex(log);
    const bytes = pieces.reduce((sum, piece) => sum + piece.length, 0);
    if (bytes > KEPT_BYTES) return `the index (${bytes} bytes) is larger than the cache keeps`;
    fs().mkdirSync(dir, { recursive: true });
    fd = fs().openSync(temp, "w");
    const open = fd;
    await writeAll((rest, position, done) => fs().writev(open, rest, position, done), pieces);
    fs().closeSync(fd);
    fd = undefined;
    fs().renameSync(temp, target);
    prune(dir);
    return undefined;
  } catch (error) {
    try {
      if (fd !== undefined) fs().closeSync(fd);
      fs().rmSync(temp, { force: true });
    } catch {
      // nothing to clean
    }
    return error instanceof Error ? error.message : String(error);
  }
}

/** A `writev` in Node's callback form: some or all of `pieces` at `position`, then the bytes written. */
export type WriteV = (pieces: Uint8Array[], position: number, done: (error: Error | null, written: number) => void) => void;

/** Writes `pieces` one after another from the start of a file, `writev` after `writev` until all are written. */
export function writeAll(writev: WriteV, pieces: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let position = 0;
    const next = (rest: Uint8Array[]): void => {
      if (rest.length === 0) return resolve();
      writev(rest, position, (error, written) => {
        if (error) return reject(error);
        if (written <= 0) return reject(new Error("nothing written"));
        position += written;
        let skip = written;
        while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
        if (skip > 0) rest[0] = rest[0]!.subarray(skip);
        next(rest);
      });
    };
    next(pieces.filter((piece) => piece.length > 0));
  });
}

function indexPath(dir: string, stamp: LogStamp): string {
  const name = path().basename(stamp.path).replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return path().join(dir, `${name}-${fnv1a(new TextEncoder().encode(stamp.path)).toString(16)}.idx`);
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
function prune(dir: string): void {
  const now = Date.now();
  const files = fs().readdirSync(dir).filter((f) => f.endsWith(".idx") || f.endsWith(".tmp")).map((f) => {
    const full = path().join(dir, f);
    const stat = fs().statSync(full);
    return { full, at: stat.mtimeMs, bytes: stat.size };
  });
  const stale = files.filter((f) => f.full.endsWith(".tmp") && now - f.at > 3_600_000);
  const indexes = files.filter((f) => f.full.endsWith(".idx"));
  for (const old of [...stale, ...indexesToDrop(indexes, KEPT_INDEXES, KEPT_BYTES)]) fs().rmSync(old.full, { force: true });
}

/** The index files beyond the newest `count` whose sizes together stay within `bytes`. */
export function indexesToDrop<T extends { at: number; bytes: number }>(files: readonly T[], count: number, bytes: number): T[] {
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
