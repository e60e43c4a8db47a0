import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodeIndex, encodeIndex, headerBytes, type IndexedLog, indexStamp, type LogStamp } from "../index/part_codec.ts";

/**
 * The index cache (opt-in): what reading a large log gave, kept in a file of its own
 * so that the next command on the same, unchanged log reads that instead of the log
 * (as hl does for its sort index). A cached index is used only when the log's path, size,
 * modification and change times, inode, device, and a hash of its first and last
 * 64 KiB and of 4 KiB at 16 places between all match; anything else, or any error, and the log is read again.
 */

/** Index files kept at most; the least recently written go first. */
const KEPT_INDEXES = 16;
const ENDS_BYTES = 1 << 16;
const SAMPLE_BYTES = 1 << 12;

/**
 * Where index files go, when the cache is on (EXECHIST_CACHE=1, or EXECHIST_CACHE_DIR
 * set; EXECHIST_CACHE=0 turns it off): EXECHIST_CACHE_DIR, else $XDG_CACHE_HOME/exechist,
 * else ~/.cache/exechist. Off by default: a command-line tool should not leave tens of
 * megabytes behind unasked, and writing them costs the first run.
 */
export function cacheDir(env: (name: string) => string | undefined): string | undefined {
  const wanted = env("EXECHIST_CACHE")?.toLowerCase();
  const own = env("EXECHIST_CACHE_DIR");
  if (wanted !== undefined && ["0", "off", "no", "false"].includes(wanted)) return undefined;
  if (own) return own;
  if (wanted === undefined || !["1", "on", "yes", "true"].includes(wanted)) return undefined;
  const xdg = env("XDG_CACHE_HOME");
  if (xdg) return path.join(xdg, "exechist");
  const home = env("HOME") ?? os.homedir();
  return home ? path.join(home, ".cache", "exechist") : undefined;
}

/** The stamp of an open log; undefined when it cannot be had (no path, not a regular file). */
export function stampOf(fd: number, file: string): LogStamp | undefined {
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const head = new Uint8Array(Math.min(ENDS_BYTES, stat.size));
    const tail = new Uint8Array(Math.min(ENDS_BYTES, stat.size));
    fs.readSync(fd, head, 0, head.length, 0);
    fs.readSync(fd, tail, 0, tail.length, stat.size - tail.length);
    // And 4 KiB at 16 places in between: a rewrite in place is caught there or by the change time.
    const samples = new Uint8Array(16 * SAMPLE_BYTES);
    for (let k = 0; k < 16; k++) {
      const at = Math.floor((stat.size * (k + 0.5)) / 16);
      fs.readSync(fd, samples, k * SAMPLE_BYTES, Math.min(SAMPLE_BYTES, stat.size - at), at);
    }
    return {
      path: fs.realpathSync(file),
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
  let fd: number | undefined;
  try {
    fd = fs.openSync(indexPath(dir, stamp), "r");
    const first = new Uint8Array(12);
    if (fs.readSync(fd, first, 0, 12, 0) !== 12) return undefined;
    const length = headerBytes(first);
    if (length === undefined) return undefined;
    const head = new Uint8Array(length);
    if (fs.readSync(fd, head, 0, length, 0) !== length) return undefined;
    const claimed = indexStamp(head);
    if (claimed === undefined || !sameStamp(claimed, stamp)) return undefined;
    const size = fs.fstatSync(fd).size;
    const bytes = new Uint8Array(size);
    for (let got = 0, n; got < size; got += n) {
      n = fs.readSync(fd, bytes, got, size - got, got);
      if (n === 0) return undefined;
    }
    return decodeIndex(bytes);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes the index of a log (to a temporary name, then renamed); returns why not when it cannot. */
export function saveIndex(dir: string, log: IndexedLog): string | undefined {
  const target = indexPath(dir, log.stamp);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(temp, "w");
    try {
      for (const piece of encodeIndex(log)) {
        for (let done = 0; done < piece.length;) done += fs.writeSync(fd, piece, done, piece.length - done);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    prune(dir);
    return undefined;
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing to clean
    }
    return error instanceof Error ? error.message : String(error);
  }
}

function indexPath(dir: string, stamp: LogStamp): string {
  const name = path.basename(stamp.path).replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
  return path.join(dir, `${name}-${fnv1a(new TextEncoder().encode(stamp.path)).toString(16)}.idx`);
}

function sameStamp(a: LogStamp, b: LogStamp): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs &&
    a.ino === b.ino && a.dev === b.dev && a.ends === b.ends;
}

/** Keeps the newest {@link KEPT_INDEXES} index files. */
function prune(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".idx")).map((f) => {
    const full = path.join(dir, f);
    return { full, at: fs.statSync(full).mtimeMs };
  });
  files.sort((a, b) => b.at - a.at);
  for (const old of files.slice(KEPT_INDEXES)) fs.rmSync(old.full, { force: true });
}

/** FNV-1a, 32 bits. */
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}
