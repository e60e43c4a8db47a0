import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { LogReader, type LogSource, type ReaderPart } from "../read/read_log.ts";

/** What a scan worker is asked to read: a byte range of a file, by path (or of an open descriptor). */
interface ScanJob {
  path: string | undefined;
  fd: number;
  name: string;
  start: number;
  end: number;
}

/** How a large log is split across threads. */
export interface ParallelOptions {
  /** The module a worker runs: the program's own entry (mod.ts, or the bundle). */
  entry: string | undefined;
  threads: number;
  /** Inputs smaller than this are read on one thread: a worker costs more than it saves. */
  minBytes: number;
}

/** True in a worker thread started by {@link readParallel}. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { exechistScan?: ScanJob } | null)?.exechistScan !== undefined;
}

/** The worker's side: reads its range and posts the columns back (moved, not copied), or why it could not. */
export function runScanWorker(): void {
  const job = (workerData as { exechistScan: ScanJob }).exechistScan;
  let part: ReaderPart;
  try {
    // Deno keeps descriptors per thread: open the file again, by its path or through /proc.
    const fd = fs.openSync(job.path ?? `/proc/self/fd/${job.fd}`, "r");
    const read = (target: Uint8Array, offset: number, length: number, position: number) =>
      fs.readSync(fd, target, offset, length, position);
    const reader = new LogReader();
    const lines = reader.read({ name: job.name, read, size: job.end }, { start: job.start, end: job.end });
    fs.closeSync(fd);
    part = reader.part(lines);
  } catch (error) {
    parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    return;
  }
  const buffers = Object.values(part.columns).map((column: Uint8Array) => column.buffer as ArrayBuffer);
  parentPort!.postMessage(part, buffers);
}

/** Threads to use: EXECHIST_THREADS, else the cores this process may use. */
export function threadCount(env: (name: string) => string | undefined): number {
  const wanted = Number(env("EXECHIST_THREADS"));
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

/** The first line start at or after `from` (a newline's next byte), or -1. */
function lineStartAfter(fd: number, from: number, size: number): number {
  const buf = new Uint8Array(1 << 16);
  for (let at = from; at < size; at += buf.length) {
    const n = fs.readSync(fd, buf, 0, buf.length, at);
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return at + nl + 1;
    if (n === 0) break;
  }
  return -1;
}

/**
 * Reads one log into `reader`, splitting a large one at line starts: this thread reads
 * the first range while workers read the others, and their records are appended in
 * order, exactly as one thread would have read them.
 */
export async function readParallel(
  reader: LogReader,
  source: LogSource,
  file: { fd: number; size: number; path: string | undefined },
  options: ParallelOptions,
): Promise<{ threads: number; fellBack: number }> {
  const { fd, size } = file;
  const threads = Math.min(options.threads, Math.floor(size / Math.max(1, options.minBytes)));
  if (options.entry === undefined || threads < 2) {
    reader.read(source);
    return { threads: 1, fellBack: 0 };
  }
  const cuts = [0];
  for (let k = 1; k < threads; k++) {
    const cut = lineStartAfter(fd, Math.floor((size * k) / threads), size);
    if (cut > cuts[cuts.length - 1]! && cut < size) cuts.push(cut);
  }
  cuts.push(size);
  const ranges = cuts.slice(1, -1).map((start, k) => ({ start, end: cuts[k + 2]! }));
  const parts = ranges.map((range) => scanInWorker(options.entry!, { path: file.path, fd, name: source.name, ...range }));
  let lines = reader.read(source, { start: 0, end: cuts[1]!, sizeFor: size });
  let fellBack = 0;
  for (const [k, pending] of parts.entries()) {
    const part = await pending;
    if (part === null) {
      // The thread could not read its range: read it here, the same way.
      lines += reader.read(source, { ...ranges[k]!, firstLine: lines + 1 });
      fellBack++;
      continue;
    }
    reader.appendPart(part, lines);
    lines += part.lines;
  }
  return { threads: cuts.length - 1, fellBack };
}

/** A worker's part, or null when the worker could not do it (the caller then reads the range itself). */
function scanInWorker(entry: string, job: ScanJob): Promise<ReaderPart | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL(entry), { workerData: { exechistScan: job } });
    } catch {
      resolve(null);
      return;
    }
    worker.once("message", (message: ReaderPart | { failed: string }) => {
      resolve("failed" in message ? null : message);
      void worker.terminate();
    });
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
}
