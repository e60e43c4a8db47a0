import { buffersOf, type Columns, columnsOn } from "../columns/columns.ts";
import { type ByteRange, type ByteReader, LogReader } from "../ingest/log_reader.ts";
import type { ReaderPart } from "../ingest/reader_part.ts";
import { compileFieldMap, type FieldMapping, type MappingOptions } from "../read/field_map.ts";
import { adoptScannerModule } from "../read/scanner.ts";

/**
 * What both sides of a threaded read share: the job, the chunk queue, chunk ranges,
 * and the worker's loop. No `node:` module is imported here: on Deno a worker that
 * imports one bootstraps Deno's whole Node layer (~10 MiB, ~60 ms).
 */

/** What a scan worker is asked to read: chunks of a file, by path (or of an open descriptor). */
export interface ScanJob {
  path: string | undefined;
  fd: number;
  name: string;
  size: number;
  /** Where each chunk starts, and the end (see {@link chunkBounds}). */
  bounds: Float64Array;
  /** [front << 16 | back]: chunks front..back-1 are not taken yet. */
  queue: Int32Array;
  /** The longest line read (the reader's): a longer one is a bad line. */
  maxLineBytes: number;
  /** Where the fields are (the reader's field map, as data: the worker makes its own); the built-in keys when absent. */
  fields?: { mapping: FieldMapping; options: MappingOptions };
  /**
   * A worker that met more distinct names, statuses and run ids than this, and more than
   * one for every {@link DISTINCT_SHARE} records, stops, leaving the rest to the starter.
   */
  maxDistinct: number;
  /** The scanner's compiled module, shared with the thread that sends it (when the runtime can post one). */
  scanner?: WebAssembly.Module;
}

/** A worker that meets a distinct text every this many records or more often stops (see {@link ScanJob.maxDistinct}). */
export const DISTINCT_SHARE = 8;

/** Whether `distinct` names, statuses and run ids met in `records` records are many: more than `maxDistinct`, and one every {@link DISTINCT_SHARE} records or more often. */
export function manyDistinct(distinct: number, records: number, maxDistinct: number): boolean {
  return distinct > maxDistinct && distinct > records / DISTINCT_SHARE;
}

/** What a worker tells the thread that started it. */
export type WorkerMessage = { chunk: number; part: ReaderPart } | { done: true; stopped: boolean } | {
  failed: string;
};

/** A worker's end of the channel to the thread that started it. */
export interface ParentPort {
  post(message: WorkerMessage, transfer?: ArrayBuffer[]): void;
  /** Columns the starter is done with, for the worker's next part. */
  onReturned(listener: (buffers: ArrayBuffer[]) => void): void;
}

/** A file a worker opened: its bytes by position, and how to close it. */
export interface OpenFile {
  read: ByteReader;
  close(): void;
}

/**
 * Detaches a throwaway buffer: called by each thread of a threaded read before it reads.
 * V8 compiles typed-array code on the promise that no buffer was ever detached, and
 * throws all of it away the first time one is; the first part a worker sends (its
 * buffers transferred, so detached) would cost each thread its optimized reading
 * loop, compiled again moments later (~2-5% of a 1M-record read on Node).
 */
export function detachOnce(): void {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
}

/** Takes the next chunk from the front (the main thread) or the back (workers); -1 when none is left. */
export function takeChunk(queue: Int32Array, fromFront: boolean): number {
  for (;;) {
    const state = Atomics.load(queue, 0);
    const front = state >>> 16;
    const back = state & 0xffff;
    if (front >= back) return -1;
    const next = fromFront ? ((front + 1) << 16) | back : (front << 16) | (back - 1);
    if (Atomics.compareExchange(queue, 0, state, next) === state) return fromFront ? front : back - 1;
  }
}

/**
 * Where each chunk of `chunkBytes` starts: the first line start at or after its first
 * byte (the end, `size`, last). Found once, by the starter, each search going on from
 * the last: a line longer than many chunks is read through once, not once a chunk.
 */
export function chunkBounds(read: ByteReader, size: number, chunkBytes: number): Float64Array {
  const chunks = Math.ceil(size / chunkBytes);
  const bounds = new Float64Array(chunks + 1);
  for (let k = 1; k < chunks; k++) {
    const from = k * chunkBytes - 1;
    bounds[k] = bounds[k - 1]! > from ? bounds[k - 1]! : lineStartAfter(read, from, size);
  }
  bounds[chunks] = size;
  return bounds;
}

/** The byte range of chunk k: from its start to the next chunk's (see {@link chunkBounds}). */
export function chunkRange(job: { bounds: Float64Array }, k: number): ByteRange {
  return { start: job.bounds[k]!, end: job.bounds[k + 1]! };
}

/** The position just after the first newline at or after `from`, or `size` when there is none. */
export function lineStartAfter(read: ByteReader, from: number, size: number): number {
  const buf = new Uint8Array(1 << 16);
  for (let at = from; at < size;) {
    const n = read(buf, 0, Math.min(buf.length, size - at), at);
    if (n === 0) break;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return at + nl + 1;
    at += n;
  }
  return size;
}

/**
 * The worker's side: reads chunks from the back until none is left (or it has met too
 * many distinct texts: see {@link ScanJob.maxDistinct}), posting each as a part as it is done. Its columns come back once copied and carry the next part, so
 * neither thread keeps making (and dropping) big buffers. `open` opens the log in this
 * thread; `nextTurn` lets messages in.
 */
export async function runScanWorker(
  job: ScanJob,
  parent: ParentPort,
  open: () => OpenFile,
  nextTurn: () => Promise<unknown>,
): Promise<void> {
  detachOnce();
  const returned: Columns[] = [];
  parent.onReturned((buffers) => returned.push(columnsOn(buffers)));
  try {
    if (job.scanner instanceof WebAssembly.Module) adoptScannerModule(job.scanner);
    const file = open();
    const fieldMap = job.fields && compileFieldMap(job.fields.mapping, job.fields.options);
    const reader = new LogReader({ maxLineBytes: job.maxLineBytes, ...(fieldMap && { fieldMap }) });
    const { names, statuses, runs } = reader.tables;
    let stopped = false;
    let records = 0;
    for (let k; !stopped && (k = takeChunk(job.queue, false)) >= 0;) {
      const range = { ...chunkRange(job, k), headroom: 1.1 };
      const lines = reader.read({ name: job.name, read: file.read, size: range.end }, range);
      const part = reader.parts.take(lines, returned.pop());
      parent.post({ chunk: k, part }, buffersOf(part.columns));
      records += part.size;
      // Each distinct text is interned here and again by the starter: with many, one thread is faster.
      const distinct = names.size + statuses.size + runs.size;
      stopped = manyDistinct(distinct, records, job.maxDistinct);
      await nextTurn(); // let returned columns in
    }
    file.close();
    parent.post({ done: true, stopped });
  } catch (error) {
    parent.post({ failed: error instanceof Error ? error.message : String(error) });
  }
}
