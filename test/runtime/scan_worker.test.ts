import assert from "node:assert/strict";
import { test } from "node:test";
import { chunkBounds, runScanWorker, type ScanJob, type WorkerMessage } from "../../src/runtime/scan_chunks.ts";
import { readerOf } from "../helpers/read_bytes.ts";

/** Runs a scan worker in this thread over `lines`, cut in chunks of 16 KiB; what it said, and the chunks it left. */
async function runWorker(lines: string[]): Promise<{ said: WorkerMessage[]; left: number }> {
  const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
  const read = readerOf(bytes);
  const bounds = chunkBounds(read, bytes.length, 1 << 14);
  const chunks = bounds.length - 1;
  const queue = new Int32Array(new SharedArrayBuffer(4));
  queue[0] = chunks; // none taken from the front
  const job: ScanJob = {
    path: undefined,
    fd: -1,
    name: "w.jsonl",
    size: bytes.length,
    bounds,
    queue,
    maxLineBytes: 1 << 20,
    maxDistinct: 4096,
  };
  const said: WorkerMessage[] = [];
  const parent = { post: (message: WorkerMessage) => said.push(message), onReturned: () => {} };
  await runScanWorker(job, parent, () => ({ read, close: () => {} }), () => Promise.resolve());
  return { said, left: queue[0]! & 0xffff };
}

test("a worker that meets a distinct name (or status, or run) every few records stops, leaving the rest", async () => {
  const line = (i: number) => JSON.stringify({ name: `task-${i}`, status: `s-${i % 9}`, run_id: `run-${i % 5}` });
  const { said, left } = await runWorker(Array.from({ length: 20_000 }, (_, i) => line(i)));
  const parts = said.filter((message) => "chunk" in message);
  assert.ok(parts.length >= 1 && left > 10, `${parts.length} parts sent, ${left} chunks left`);
  assert.deepEqual(said.at(-1), { done: true, stopped: true });
});

test("a worker over few distinct names reads every chunk", async () => {
  const line = (i: number) => JSON.stringify({ name: `task-${i % 50}`, status: "ok", run_id: `run-${i % 3000}` });
  const { said, left } = await runWorker(Array.from({ length: 20_000 }, (_, i) => line(i)));
  assert.equal(left, 0);
  assert.deepEqual(said.at(-1), { done: true, stopped: false });
});
