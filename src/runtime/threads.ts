import { workerThreads } from "./node_builtins.ts";

/**
 * Starting worker threads on every runtime: `node:worker_threads` on Node and Bun, web
 * Workers on Deno, where a `node:worker_threads` worker bootstraps Deno's Node layer
 * as well: ~70 ms slower to start and ~6 MiB larger. The worker's side
 * (scan_worker.ts) makes the same choice, so it is the runtime's, not a setting.
 */
const WEB_WORKERS = "Deno" in globalThis;

/** A started thread as its starter sees it. */
export interface ThreadHandle {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Ends the thread; resolves once it is gone (and its memory with it). */
  terminate(): Promise<unknown>;
}

/** What a starter hears from a thread: its messages, and its end when it fails or exits. */
export interface ThreadEvents {
  message(message: unknown): void;
  ended(): void;
}

interface WebWorker {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onerror: ((event: { preventDefault(): void }) => void) | null;
  terminate(): void;
}

/** Starts `entry` (a module URL) in a thread of its own, given `data`. Throws when threads are unavailable. */
export function startThread(entry: string, data: unknown, events: ThreadEvents): ThreadHandle {
  if (WEB_WORKERS) {
    const WorkerClass = (globalThis as unknown as { Worker: new (url: URL, options: object) => WebWorker }).Worker;
    const worker = new WorkerClass(new URL(entry), { type: "module" });
    worker.onmessage = (event) => events.message(event.data);
    worker.onerror = (event) => {
      event.preventDefault(); // the starter reads the rest itself: not an error of the process
      events.ended();
    };
    worker.postMessage(data);
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      terminate: () => Promise.resolve(worker.terminate()),
    };
  }
  const worker = new (workerThreads().Worker)(new URL(entry), {
    workerData: data,
    // The scanner makes little garbage: a small young generation keeps the worker small.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  worker.on("message", (message: unknown) => events.message(message));
  // A worker that dies without a word: the starter reads what it had not sent.
  worker.once("error", () => events.ended());
  worker.once("exit", () => events.ended());
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
}
