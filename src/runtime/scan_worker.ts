/**
 * The module a scan worker thread runs (bundled as dist/scan_worker.mjs): only the
 * reader, so that a worker starts in a fraction of the CLI's time and memory. On Deno
 * it is a web Worker that reads through `Deno` itself (see scan_chunks.ts); elsewhere
 * a `node:worker_threads` worker. Either way it reopens the log: by its path, or
 * through /proc when it was spooled (Deno keeps descriptors per thread).
 */
import { type DenoFile, readAt } from "./deno_files.ts";
import { type OpenFile, type ParentPort, runScanWorker, type ScanJob } from "./scan_chunks.ts";

interface WebWorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  close(): void;
}

const deno = (globalThis as { Deno?: { openSync(path: string, options: { read: true }): DenoFile } }).Deno;
const jobOf = (data: unknown): ScanJob | undefined => (data as { exechistScan?: ScanJob } | null)?.exechistScan;
const pathOf = (job: ScanJob): string => job.path ?? `/proc/self/fd/${job.fd}`;

if (deno !== undefined) {
  // The job comes with the first message; later ones return columns.
  const scope = globalThis as unknown as WebWorkerScope;
  scope.onmessage = (first) => {
    const job = jobOf(first.data);
    if (job === undefined) return;
    const listeners: Array<(buffers: ArrayBuffer[]) => void> = [];
    scope.onmessage = (event) => listeners.forEach((listener) => listener(event.data as ArrayBuffer[]));
    const parent: ParentPort = {
      post: (message, transfer) => scope.postMessage(message, transfer),
      onReturned: (listener) => listeners.push(listener),
    };
    const open = (): OpenFile => {
      const file = deno.openSync(pathOf(job), { read: true });
      return {
        read: (target, offset, length, position) => readAt(file, target, offset, length, position),
        close: () => file.close(),
      };
    };
    // Its last word said, the worker ends itself: its memory goes at once, not when the
    // starter next looks up from its own chunk (the read's peak is at its very end).
    void runScanWorker(job, parent, open, () => new Promise((resolve) => setTimeout(resolve, 0))).then(() =>
      scope.close()
    );
  };
} else {
  const { isMainThread, parentPort, workerData } = await import("node:worker_threads");
  const job = jobOf(workerData);
  if (!isMainThread && parentPort !== null && job !== undefined) {
    const fs = await import("node:fs");
    const port = parentPort;
    const parent: ParentPort = {
      post: (message, transfer) => port.postMessage(message, transfer),
      onReturned: (listener) => port.on("message", listener),
    };
    const open = (): OpenFile => {
      const fd = fs.openSync(pathOf(job), "r");
      return {
        read: (target, offset, length, position) => fs.readSync(fd, target, offset, length, position),
        close: () => fs.closeSync(fd),
      };
    };
    void runScanWorker(job, parent, open, () => new Promise((resolve) => setImmediate(resolve)));
  }
}
