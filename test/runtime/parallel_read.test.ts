import assert from "node:assert/strict";
import { test } from "node:test";
import { LogReader } from "../../src/ingest/log_reader.ts";
import { ExecutionRegistry } from "../../src/query/registry.ts";
import { readParallel } from "../../src/runtime/parallel_read.ts";
import { readerOf } from "../helpers/read_bytes.ts";

/** Reads `text` as a log with two threads asked for; the worker's module does not exist, so a worker started is a worker failed. */
async function readTwo(
  text: string,
  sampleBytes?: number,
): Promise<{ report: { threads: number; fellBack: number }; registry: ExecutionRegistry }> {
  const bytes = new TextEncoder().encode(text);
  const source = { name: "d.jsonl", read: readerOf(bytes), size: bytes.length };
  const reader = new LogReader();
  const options = {
    entry: "/nonexistent/exechist-scan-worker.mjs",
    threads: 2,
    minBytes: 0,
    maxDistinct: 100,
    ...(sampleBytes === undefined ? {} : { sampleBytes }),
    nextTurn: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
  const report = await readParallel(reader, source, { fd: -1, size: bytes.length, path: undefined }, options);
  return { report, registry: new ExecutionRegistry(reader) };
}

function oneThread(text: string): ExecutionRegistry {
  const reader = new LogReader();
  const bytes = new TextEncoder().encode(text);
  reader.read({ name: "d.jsonl", read: readerOf(bytes), size: bytes.length });
  return new ExecutionRegistry(reader);
}

/** What a registry shows of every record. */
function shown(registry: ExecutionRegistry): string {
  return Array.from({ length: registry.size }, (_, pos) => JSON.stringify(registry.record(pos))).join("\n");
}

const log = (line: (i: number) => object) =>
  Array.from({ length: 20_000 }, (_, i) => JSON.stringify(line(i))).join("\n") + "\n";

test("threaded read: a first chunk with many distinct names, statuses or run ids is read on, alone, no worker started", async () => {
  const cases: Array<[string, (i: number) => object]> = [
    ["names", (i) => ({ name: `task-${i}`, status: "ok", run_id: "r" })],
    ["statuses", (i) => ({ name: "task", status: `s-${i}`, run_id: "r" })],
    ["run ids", (i) => ({ name: "task", status: "ok", run_id: `r-${i}` })],
  ];
  for (const [what, line] of cases) {
    const text = log(line);
    // The whole first chunk decides, or its first 20 KB (then this thread reads on from there).
    for (const sample of [undefined, 20_000]) {
      const { report, registry } = await readTwo(text, sample);
      assert.deepEqual([report.threads, report.fellBack], [1, 0], `${what}, ${sample}`);
      assert.equal(shown(registry), shown(oneThread(text)), `${what}, ${sample}`);
    }
  }
});

test("threaded read: few distinct values, and a worker is started (here it fails, and this thread reads its chunks)", async () => {
  const text = log((i) => ({ name: `task-${i % 20}`, status: "ok", run_id: `r-${i % 7}` }));
  for (const sample of [undefined, 20_000]) {
    const { report, registry } = await readTwo(text, sample);
    assert.deepEqual([report.threads, report.fellBack], [2, 1], String(sample));
    assert.equal(shown(registry), shown(oneThread(text)), String(sample));
  }
});
