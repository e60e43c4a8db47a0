import { buffersOf } from "../columns/columns.ts";
import { LogReader, type LogSource } from "../ingest/log_reader.ts";
import { PartIds, type ReaderPart } from "../ingest/reader_part.ts";
import { scannerModule } from "../read/scanner.ts";
import {
  chunkBounds,
  chunkRange,
  detachOnce,
  lineStartAfter,
  manyDistinct,
  type ScanJob,
  takeChunk,
  type WorkerMessage,
} from "./scan_chunks.ts";
import { startThread, type ThreadHandle } from "./threads.ts";

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

/** How a large log is split across threads. */
export interface ParallelOptions {
  /** The module a worker runs (src/runtime/scan_worker.ts, or dist/scan_worker.mjs beside the bundle). */
  entry: string | undefined;
  threads: number;
  /** Inputs smaller than this are read on one thread: a worker costs more than it saves. */
  minBytes: number;
  /** Distinct names, statuses and run ids a worker may meet before it stops (default {@link MAX_DISTINCT}). */
  maxDistinct?: number;
  /** The first bytes this thread reads alone, which decide whether workers start (default {@link SAMPLE_BYTES}). */
  sampleBytes?: number;
  /** Resolves on a later turn of the event loop, after messages that came meanwhile. */
  nextTurn(): Promise<unknown>;
}

const MAX_CHUNKS = 0x7fff;

/**
 * Distinct names, statuses and run ids a worker may meet before it stops, when they are
 * also more than one in 8 records (`DISTINCT_SHARE`): each is interned twice (by the
 * worker, then by this thread), so a log with many more than usual (a name or a run
 * per record) is read faster, and in less memory, by this thread alone.
 */
export const MAX_DISTINCT = 4096;
const MIN_CHUNK_BYTES = 1 << 16;
/** The first bytes this thread reads before it starts any worker (see {@link MAX_DISTINCT}). */
const SAMPLE_BYTES = 2 << 20;

/**
 * How logs are split, from the environment: EXECHIST_THREADS threads, else one for each
 * of the `cores` this process may use; one thread below EXECHIST_PARALLEL_MIB (32 MiB).
 */
export function parallelOptions(
  env: (name: string) => string | undefined,
  cores: number,
  entry: string | undefined,
  nextTurn: () => Promise<unknown>,
): ParallelOptions {
  const wanted = Number(env("EXECHIST_THREADS"));
  const threads = Number.isInteger(wanted) && wanted >= 1 ? Math.min(wanted, 16) : Math.max(1, cores);
  return { entry, threads, minBytes: mib(env, "EXECHIST_PARALLEL_MIB", 32), nextTurn };
}

/** A size in MiB from the environment, else `fallback`, in bytes. */
export function mib(env: (name: string) => string | undefined, name: string, fallback: number): number {
  const text = env(name);
  const value = text === undefined || text === "" ? NaN : Number(text);
  return (Number.isFinite(value) && value >= 0 ? value : fallback) * (1 << 20);
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
): Promise<{ threads: number; fellBack: number; stopped: number }> {
  const { fd, size } = file;
  const threads = Math.min(options.threads, Math.floor(size / Math.max(1, options.minBytes)));
  if (options.entry === undefined || threads < 2) {
    reader.read(source);
    return { threads: 1, fellBack: 0, stopped: 0 };
  }
  detachOnce();
  const chunkBytes = Math.max(MIN_CHUNK_BYTES, Math.ceil(size / (threads * 16)), Math.ceil(size / MAX_CHUNKS));
  const bounds = chunkBounds(source.read, size, chunkBytes);
  const chunks = bounds.length - 1;
  const queue = new Int32Array(new SharedArrayBuffer(4));
  queue[0] = (1 << 16) | chunks; // chunk 0 is this thread's: it opens the source
  const { maxLineBytes, fieldMap } = reader;
  const shape: ScanJob = {
    path: file.path,
    fd,
    name: source.name,
    size,
    bounds,
    queue,
    maxLineBytes,
    fields: { mapping: fieldMap.mapping, options: fieldMap.options },
    maxDistinct: options.maxDistinct ?? MAX_DISTINCT,
    scanner: scannerModule(),
  };
  const lines = new Array<number>(chunks); // lines of each chunk, once read
  const tail = new TailPlacer(reader, lines);
  const news = new Signal();
  const met = () => reader.tables.names.size + reader.tables.statuses.size + reader.tables.runs.size;
  const [recordsBefore, metBefore] = [reader.builder.size, met()];
  // The first records (2 MiB of chunk 0) decide: with many distinct names, statuses or run
  // ids this thread reads the rest alone, faster and in less memory than with workers (see
  // MAX_DISTINCT), none started; else the workers start, and this thread reads on.
  const first = chunkRange(shape, 0);
  const sample = options.sampleBytes ?? SAMPLE_BYTES;
  const sampled = first.end > sample ? lineStartAfter(source.read, sample - 1, first.end) : first.end;
  lines[0] = reader.read(source, { start: 0, end: sampled, sizeFor: size });
  if (manyDistinct(met() - metBefore, reader.builder.size - recordsBefore, shape.maxDistinct)) {
    if (sampled < size) reader.read(source, { start: sampled, end: size, firstLine: lines[0] + 1, continues: true });
    return { threads: 1, fellBack: 0, stopped: 0 };
  }
  const workers = Array.from({ length: threads - 1 }, () => startWorker(options.entry!, shape, tail, news));
  if (sampled < first.end) {
    lines[0] += reader.read(source, { start: sampled, end: first.end, firstLine: lines[0] + 1, continues: true });
  }
  let mine = 1; // this thread's chunks are 0..mine-1
  let before = lines[0];
  for (let k; (k = takeChunk(queue, true)) >= 0; mine++) {
    lines[k] = reader.read(source, { ...chunkRange(shape, k), firstLine: before + 1, continues: true });
    before += lines[k]!;
    await options.nextTurn(); // let the workers' parts in
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
      const part = new LogReader({ maxLineBytes, fieldMap });
      const read = part.read(
        { name: source.name, read: source.read, size: shape.size },
        chunkRange(shape, k),
      );
      tail.take(k, part.parts.all(read));
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
  reader.parts.join(bases);
  // Bun's collector leaves the workers' dead buffers resident for a long while; one full
  // collection here keeps them out of the peak (~8 MiB on 1M records), at no visible cost.
  (globalThis as { Bun?: { gc(full: boolean): void } }).Bun?.gc(true);
  const count = (state: ScanWorker["state"]) => workers.filter((worker) => worker.state === state).length;
  return { threads, fellBack: count("failed"), stopped: count("stopped") };
}

/** Places workers' parts at the reader's tail in order, last chunk first, keeping only those that came early. */
class TailPlacer {
  private readonly waiting = new Map<number, { part: ReaderPart; from: ThreadHandle | undefined }>();
  /** Each worker's ids in the reader's tables, so far. */
  private readonly ids = new Map<ThreadHandle, PartIds>();
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

  /** What a worker's ids became so far; none for a part read here (a reader of its own each). */
  private idsOf(from: ThreadHandle | undefined): PartIds | undefined {
    if (from === undefined) return undefined;
    let ids = this.ids.get(from);
    if (ids === undefined) this.ids.set(from, ids = new PartIds());
    return ids;
  }

  place(): void {
    for (let got; (got = this.waiting.get(this.next)) !== undefined; this.next--) {
      this.waiting.delete(this.next);
      this.reader.parts.place(got.part, this.idsOf(got.from));
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
  /** Stopped: it met too many distinct texts (see {@link MAX_DISTINCT}) and left the rest to this thread. */
  state: "reading" | "done" | "stopped" | "failed";
  /** Ends the worker; resolves once its thread is gone (and its memory with it). */
  stop(): Promise<unknown>;
}

/** Starts one scan worker: its parts go to `tail` as they arrive; `news` hears of each message and of its end. */
function startWorker(entry: string, job: ScanJob, tail: TailPlacer, news: Signal): ScanWorker {
  const self: ScanWorker = { state: "reading", stop: () => Promise.resolve() };
  const end = (state: "done" | "stopped" | "failed") => {
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
        } else if ("done" in said) {
          // Gone at once: its memory is not held while this thread reads its last chunk.
          const gone = thread.terminate();
          self.stop = () => gone;
          end(said.stopped ? "stopped" : "done");
        } else {
          end("failed");
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
