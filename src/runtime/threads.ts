import { isMainThread, parentPort, Worker as NodeWorker, workerData } from "node:worker_threads";

/**
 * Worker threads on every runtime: `node:worker_threads` on Node and Bun, web Workers
 * on Deno, where a `node:worker_threads` worker bootstraps Deno's Node layer as well:
 * ~70 ms slower to start and ~6 MiB larger than a web Worker doing the same work.
 * Both ends must agree, so the choice is the runtime's, not a setting.
 */
const WEB_WORKERS = "Deno" in globalThis;

/** What a thread is started with: the data it is given, and where it posts. */
export interface ParentPort {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
}

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

interface WebWorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

interface WebWorker extends WebWorkerScope {
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
  const worker = new NodeWorker(new URL(entry), {
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

/**
 * In a thread started by {@link startThread}: calls `run` with the data it was
 * started with and the port to its starter. Does nothing on the main thread.
 */
export function whenStarted(run: (data: unknown, parent: ParentPort) => void): void {
  if (WEB_WORKERS) {
    const scope = globalThis as unknown as WebWorkerScope;
    if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "function") return;
    const listeners: Array<(message: unknown) => void> = [];
    scope.onmessage = (first) => {
      scope.onmessage = (event) => listeners.forEach((listener) => listener(event.data));
      run(first.data, {
        post: (message, transfer) => scope.postMessage(message, transfer),
        onMessage: (listener) => listeners.push(listener),
      });
    };
    return;
  }
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  run(workerData, {
    post: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on("message", listener),
  });
}
