import * as fs from "node:fs";
import * as os from "node:os";
import { setImmediate } from "node:timers";
import { buffersOf, type Columns, columnsOn } from "../index/columns.ts";
import { type ByteRange, LogReader, type LogSource, type ReaderPart } from "../read/read_log.ts";
import { type ParentPort, startThread, type ThreadHandle } from "./threads.ts";

/**
 * A large log is cut into chunks at line starts and read by this thread and workers
 * together: this thread takes chunks from the front, workers from the back, through a
 * shared two-ended counter, so whoever is faster reads more and nobody waits long.
 * This thread's chunks land straight in its own columns; the workers' come back as
 * parts (their buffers moved, not copied), which this thread takes in between its own
 * chunks and places at the tail of the same columns, last chunk first, then joins to
 * the front: the records are exactly those one thread would have read, and no part
 * is kept longer than it takes to copy it.
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
  /** The module a worker runs (src/runtime/scan_worker.ts, or dist/scan_worker.mjs beside the bundle). */
  entry: string | undefined;
  threads: number;
  /** Inputs smaller than this are read on one thread: a worker costs more than it saves. */
  minBytes: number;
}

const MAX_CHUNKS = 0x7fff;
const MIN_CHUNK_BYTES = 1 << 16;

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

/**
 * The worker's side: reads chunks from the back until none is left, posting each as a
 * part as it is done. Its columns come back once copied and carry the next part, so
 * neither thread keeps making (and dropping) big buffers.
 */
export async function runScanWorker(data: unknown, parent: ParentPort): Promise<void> {
  const job = (data as { exechistScan?: ScanJob } | null)?.exechistScan;
  if (job === undefined) return; // not started by readParallel
  const returned: Columns[] = [];
  parent.onMessage((buffers) => returned.push(columnsOn(buffers as ArrayBuffer[])));
  try {
    // Deno keeps descriptors per thread: open the file again, by its path or through /proc.
    const fd = fs.openSync(job.path ?? `/proc/self/fd/${job.fd}`, "r");
    const read = (target: Uint8Array, offset: number, length: number, position: number) =>
      fs.readSync(fd, target, offset, length, position);
    const reader = new LogReader();
    for (let k; (k = takeChunk(job.queue, false)) >= 0;) {
      const range = chunkRange(fd, job, k);
      const lines = reader.read({ name: job.name, read, size: range.end }, range);
      const part = reader.takePart(lines, returned.pop());
      parent.post({ chunk: k, part } satisfies WorkerMessage, buffersOf(part.columns));
      await new Promise((resolve) => setImmediate(resolve)); // let returned columns in
    }
    fs.closeSync(fd);
    parent.post({ done: true } satisfies WorkerMessage);
  } catch (error) {
    parent.post({ failed: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
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
  const chunkBytes = Math.max(MIN_CHUNK_BYTES, Math.ceil(size / (threads * 16)), Math.ceil(size / MAX_CHUNKS));
  const chunks = Math.ceil(size / chunkBytes);
  const queue = new Int32Array(new SharedArrayBuffer(4));
  queue[0] = (1 << 16) | chunks; // chunk 0 is this thread's: it opens the source
  const shape: ScanJob = { path: file.path, fd, name: source.name, size, chunkBytes, queue };
  const lines = new Array<number>(chunks); // lines of each chunk, once read
  const tail = new TailPlacer(reader, lines);
  const news = new Signal();
  const workers = Array.from({ length: threads - 1 }, () => startWorker(options.entry!, shape, tail, news));

  lines[0] = reader.read(source, { ...chunkRange(fd, shape, 0), sizeFor: size });
  let mine = 1; // this thread's chunks are 0..mine-1
  let before = lines[0];
  for (let k; (k = takeChunk(queue, true)) >= 0; mine++) {
    lines[k] = reader.read(source, { ...chunkRange(fd, shape, k), firstLine: before + 1, continues: true });
    before += lines[k]!;
    await new Promise((resolve) => setImmediate(resolve)); // let the workers' parts in
    tail.place();
  }
  // The rest is the workers': wait for them, placing parts as they come.
  while (workers.some((worker) => worker.state === "reading")) {
    await news.wait();
    tail.place();
  }
  // Chunks a failed worker took and never sent are read here, as parts of their own.
  for (let k = chunks - 1; k >= mine; k--) {
    if (lines[k] === undefined && !tail.has(k)) {
      const part = new LogReader();
      const read = part.read({ name: source.name, read: source.read, size: shape.size }, chunkRange(fd, shape, k));
      tail.take(k, part.part(read));
    }
  }
  tail.place();
  await Promise.all(workers.map((worker) => worker.stop()));
  if (tail.next !== mine - 1) throw new Error(`readParallel: chunk ${tail.next} never arrived`);
  const bases: number[] = [];
  for (let k = mine; k < chunks; k++) {
    bases.push(before);
    before += lines[k]!;
  }
  reader.joinParts(bases);
  // Bun's collector leaves the workers' dead buffers resident for a long while; one full
  // collection here keeps them out of the peak (~8 MiB on 1M records), at no visible cost.
  (globalThis as { Bun?: { gc(full: boolean): void } }).Bun?.gc(true);
  return { threads, fellBack: workers.filter((worker) => worker.state === "failed").length };
}

/** Places workers' parts at the reader's tail in order, last chunk first, keeping only those that came early. */
class TailPlacer {
  private readonly waiting = new Map<number, { part: ReaderPart; from: ThreadHandle | undefined }>();
  private readonly reader: LogReader;
  private readonly lines: number[];
  /** The chunk to place next. */
  next: number;

  constructor(reader: LogReader, lines: number[]) {
    this.reader = reader;
    this.lines = lines;
    this.next = lines.length - 1;
  }

  has(chunk: number): boolean {
    return this.waiting.has(chunk);
  }

  /** Keeps a part until its turn; `from` gets its columns back once it is placed. */
  take(chunk: number, part: ReaderPart, from?: ThreadHandle): void {
    this.waiting.set(chunk, { part, from });
  }

  place(): void {
    for (let got; (got = this.waiting.get(this.next)) !== undefined; this.next--) {
      this.waiting.delete(this.next);
      this.reader.placePart(got.part);
      this.lines[this.next] = got.part.lines;
      const buffers = buffersOf(got.part.columns);
      got.from?.post(buffers, buffers);
    }
  }
}

/** Wakes one waiter, or the next one to wait when nobody waits yet. */
class Signal {
  private wake: (() => void) | undefined;
  private pending = false;

  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    if (wake) wake();
    else this.pending = true;
  }

  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.wake = resolve));
  }
}

/** A scan worker as this thread sees it. */
interface ScanWorker {
  state: "reading" | "done" | "failed";
  /** Ends the worker; resolves once its thread is gone (and its memory with it). */
  stop(): Promise<unknown>;
}

/** Starts one scan worker: its parts go to `tail` as they arrive; `news` hears of each message and of its end. */
function startWorker(entry: string, job: ScanJob, tail: TailPlacer, news: Signal): ScanWorker {
  const self: ScanWorker = { state: "reading", stop: () => Promise.resolve() };
  const end = (state: "done" | "failed") => {
    if (self.state === "reading") self.state = state;
    news.notify();
  };
  try {
    const thread = startThread(entry, { exechistScan: job }, {
      message: (message) => {
        const said = message as WorkerMessage;
        if ("chunk" in said) {
          tail.take(said.chunk, said.part, thread);
          news.notify();
        } else {
          end("done" in said ? "done" : "failed");
        }
      },
      ended: () => end("failed"),
    });
    self.stop = () => thread.terminate();
  } catch {
    self.state = "failed";
  }
  return self;
}
