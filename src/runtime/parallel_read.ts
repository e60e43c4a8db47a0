import * as fs from "node:fs";
import * as os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type ByteRange, LogReader, type LogSource, type ReaderPart } from "../read/read_log.ts";

/**
 * A large log is cut into chunks at line starts and read by this thread and workers
 * together: this thread takes chunks from the front, workers from the back, through a
 * shared two-ended counter, so whoever is faster reads more and nobody waits long.
 * This thread's chunks land straight in its own columns; the workers' come back as
 * parts (their buffers moved, not copied) and are appended in order, so the records
 * are exactly those one thread would have read.
 */

/** What a scan worker is asked to read: chunks of a file, by path (or of an open descriptor). */
interface ScanJob {
  path: string | undefined;
  fd: number;
  name: string;
  size: number;
  chunkBytes: number;
  /** [front << 16 | back]: chunks front..back-1 are not taken yet. */
  queue: Int32Array;
}

type WorkerMessage = { chunk: number; part: ReaderPart } | { done: true } | { failed: string };

/** How a large log is split across threads. */
export interface ParallelOptions {
  /** The module a worker runs: the program's own entry (mod.ts, or the bundle). */
  entry: string | undefined;
  threads: number;
  /** Inputs smaller than this are read on one thread: a worker costs more than it saves. */
  minBytes: number;
}

const MAX_CHUNKS = 0x7fff;
const MIN_CHUNK_BYTES = 1 << 16;

/** True in a worker thread started by {@link readParallel}. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { exechistScan?: ScanJob } | null)?.exechistScan !== undefined;
}

/** Takes the next chunk from the front (this thread) or the back (workers); -1 when none is left. */
function takeChunk(queue: Int32Array, fromFront: boolean): number {
  for (;;) {
    const state = Atomics.load(queue, 0);
    const front = state >>> 16;
    const back = state & 0xffff;
    if (front >= back) return -1;
    const next = fromFront ? ((front + 1) << 16) | back : (front << 16) | (back - 1);
    if (Atomics.compareExchange(queue, 0, state, next) === state) return fromFront ? front : back - 1;
  }
}

/** The byte range of chunk k: from the first line start at or after k * chunkBytes to the next chunk's. */
function chunkRange(fd: number, job: { size: number; chunkBytes: number }, k: number): ByteRange {
  const at = (c: number): number => (c === 0 ? 0 : lineStartAfter(fd, c * job.chunkBytes - 1, job.size));
  return { start: at(k), end: at(k + 1) };
}

/** The position just after the first newline at or after `from`, or `size` when there is none. */
function lineStartAfter(fd: number, from: number, size: number): number {
  const buf = new Uint8Array(1 << 16);
  for (let at = from; at < size; at += buf.length) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - at), at);
    if (n === 0) break;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return at + nl + 1;
  }
  return size;
}

/** The worker's side: reads chunks from the back until none is left, posting each as it is done. */
export function runScanWorker(): void {
  const job = (workerData as { exechistScan: ScanJob }).exechistScan;
  try {
    // Deno keeps descriptors per thread: open the file again, by its path or through /proc.
    const fd = fs.openSync(job.path ?? `/proc/self/fd/${job.fd}`, "r");
    const read = (target: Uint8Array, offset: number, length: number, position: number) =>
      fs.readSync(fd, target, offset, length, position);
    for (let k; (k = takeChunk(job.queue, false)) >= 0;) {
      const range = chunkRange(fd, job, k);
      const reader = new LogReader();
      const part = reader.part(reader.read({ name: job.name, read, size: range.end }, range));
      const buffers = Object.values(part.columns).map((column: Uint8Array) => column.buffer as ArrayBuffer);
      parentPort!.postMessage({ chunk: k, part } satisfies WorkerMessage, buffers);
    }
    fs.closeSync(fd);
    parentPort!.postMessage({ done: true } satisfies WorkerMessage);
  } catch (error) {
    parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
}

/** Threads to use: EXECHIST_THREADS, else the cores this process may use. */
export function threadCount(env: (name: string) => string | undefined): number {
  const wanted = Number(env("EXECHIST_THREADS"));
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 16);
  return Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
}

/**
 * Reads one log into `reader`, sharing a large one with worker threads (see above).
 * Returns the threads that took part, and how many workers failed (their chunks are
 * then read here, the same way).
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
  const chunkBytes = Math.max(MIN_CHUNK_BYTES, Math.ceil(size / (threads * 8)), Math.ceil(size / MAX_CHUNKS));
  const chunks = Math.ceil(size / chunkBytes);
  const queue = new Int32Array(new SharedArrayBuffer(4));
  queue[0] = (1 << 16) | chunks; // chunk 0 is this thread's: it opens the source

  const job = { path: file.path, fd, name: source.name, size, chunkBytes, queue };
  const parts = new Map<number, ReaderPart>();
  const workers = Array.from({ length: threads - 1 }, () => scanInWorker(options.entry!, job, parts));

  let lines = reader.read(source, { ...chunkRange(fd, job, 0), sizeFor: size });
  let mine = 1; // this thread's chunks are 0..mine-1
  for (let k; (k = takeChunk(queue, true)) >= 0; mine++) {
    lines += reader.read(source, { ...chunkRange(fd, job, k), firstLine: lines + 1, continues: true });
  }
  const finished = await Promise.all(workers);
  for (let k = mine; k < chunks; k++) {
    const part = parts.get(k);
    if (part === undefined) {
      // A worker took this chunk and failed: read it here.
      lines += reader.read(source, { ...chunkRange(fd, job, k), firstLine: lines + 1, continues: true });
      continue;
    }
    parts.delete(k);
    reader.appendPart(part, lines);
    lines += part.lines;
  }
  return { threads, fellBack: finished.filter((ok) => !ok).length };
}

/** Runs one worker, collecting its parts into `parts`; true when it finished, false when it failed. */
function scanInWorker(entry: string, job: ScanJob, parts: Map<number, ReaderPart>): Promise<boolean> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL(entry), { workerData: { exechistScan: job } });
    } catch {
      resolve(false);
      return;
    }
    worker.on("message", (message: WorkerMessage) => {
      if ("chunk" in message) {
        parts.set(message.chunk, message.part);
        return;
      }
      resolve("done" in message);
      void worker.terminate();
    });
    worker.once("error", () => resolve(false));
    worker.once("exit", () => resolve(false));
  });
}
