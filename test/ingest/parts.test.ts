import assert from "node:assert/strict";
import { test } from "node:test";
import { ExecutionRegistry } from "../../src/query/registry.ts";
import { LogReader, type LogSource } from "../../src/ingest/log_reader.ts";
import { PartIds, type ReaderPart } from "../../src/ingest/reader_part.ts";
import { FIRST_OTHER_STATUS } from "../../src/read/status.ts";
import { countingBatches } from "../helpers/batch_spy.ts";
import { columnsOf, generateLine, prng } from "../helpers/gen_lines.ts";
import { readerOf, registryOf } from "../helpers/read_bytes.ts";

function sourceOf(name: string, bytes: Uint8Array): LogSource {
  return {
    name,
    size: bytes.length,
    read: readerOf(bytes),
  };
}

/** Reads `bytes` as two ranges split after the newline nearest `at`, the second by another reader. */
function readInTwo(name: string, bytes: Uint8Array, at: number, before = ""): ExecutionRegistry {
  const split = bytes.indexOf(10, at) + 1;
  const main = new LogReader({ chunkSize: 4096 });
  if (before) main.read(sourceOf("before.jsonl", new TextEncoder().encode(before)));
  const lines = main.read(sourceOf(name, bytes), { start: 0, end: split });
  const worker = new LogReader({ chunkSize: 4096 });
  const workerLines = worker.read(sourceOf(name, bytes), { start: split, end: bytes.length });
  main.parts.place(worker.parts.all(workerLines));
  main.parts.join([lines]);
  return new ExecutionRegistry(main);
}

for (const seed of [11, 12, 13]) {
  test(`two ranges merged equal one read: generated lines, seed ${seed}`, () => {
    const r = prng(seed);
    const bytes = new TextEncoder().encode(Array.from({ length: 3000 }, () => generateLine(r)).join("\n") + "\n");
    const whole = registryOf([["gen.jsonl", bytes]], { chunkSize: 4096 });
    for (const at of [0, 1000, Math.floor(bytes.length / 2), bytes.length - 50]) {
      assert.deepEqual(columnsOf(readInTwo("gen.jsonl", bytes, at)), columnsOf(whole), `split near ${at}`);
    }
  });
}

test("bad lines of the second range keep their line numbers in the file", () => {
  const good = Array.from({ length: 50 }, (_, i) => `{"name":"n${i}"}`);
  const bytes = new TextEncoder().encode([...good, "junk", ...good, '{"name":""}'].join("\n") + "\n");
  const merged = readInTwo("log.jsonl", bytes, 300);
  assert.deepEqual(merged.diagnostics.badLines.map((b) => b.line), [51, 102]);
  assert.equal(merged.size, 100);
});

test("positional indexes continue across the split, after an earlier file", () => {
  const text =
    Array.from({ length: 40 }, (_, i) => (i % 3 ? `{"name":"n${i % 5}"}` : `{"name":"x","index":${100 + i}}`)).join(
      "\n",
    ) + "\n";
  const bytes = new TextEncoder().encode(text);
  const before = '{"name":"first"}\n{"name":"second","status":"cancelled","run_id":"r1"}\n';
  const merged = readInTwo("log.jsonl", bytes, 200, before);
  const whole = registryOf([["before.jsonl", before], ["log.jsonl", bytes]]);
  assert.deepEqual(columnsOf(merged), columnsOf(whole));
  assert.deepEqual([merged.sourceOf(40), merged.columns.index[40]], ["log.jsonl:39", 40]);
  assert.deepEqual([merged.sourceOf(41), merged.columns.index[41]], ["log.jsonl:40", 139]);
});

test("ids beyond 16 bits, read in one range or in two, in either range", () => {
  // 70,000 distinct names, statuses and runs: ids past 65,535 in the first range, the second, or both.
  const text =
    Array.from({ length: 70000 }, (_, i) => `{"name":"n${i}","status":"s${i}","run_id":"r${i}","index":${i * 70000}}`)
      .join("\n") + "\n";
  const bytes = new TextEncoder().encode(text);
  const whole = registryOf([["ids.jsonl", bytes]], { chunkSize: 1 << 16 });
  assert.deepEqual([whole.nameOf(69999), whole.statusOf(69999), whole.runOf(69999), whole.columns.index[69999]], [
    "n69999",
    "s69999",
    "r69999",
    69999 * 70000,
  ]);
  for (const at of [bytes.length * 0.3, bytes.length * 0.99]) {
    assert.deepEqual(columnsOf(readInTwo("ids.jsonl", bytes, Math.floor(at))), columnsOf(whole), `split near ${at}`);
  }
});

test("parts of one worker placed in turn (its tables growing) equal one read, with its ids remembered between parts", () => {
  // Later ranges bring new names, statuses and runs; the worker's reader keeps its tables.
  const line = (i: number) =>
    `{"name":"n${i % (3 + Math.floor(i / 20))}","status":"${i % 7 ? "OK" : `s${i % 4}`}","run_id":"r${
      Math.floor(i / 15)
    }"}`;
  const bytes = new TextEncoder().encode(Array.from({ length: 100 }, (_, i) => line(i)).join("\n") + "\n");
  const whole = registryOf([["w.jsonl", bytes]]);
  const cut = (
    k: number,
  ) => (k === 0 ? 0 : k === 4 ? bytes.length : bytes.indexOf(10, Math.floor((bytes.length * k) / 4)) + 1);
  const main = new LogReader();
  const lines = main.read(sourceOf("w.jsonl", bytes), { start: 0, end: cut(1) });
  const worker = new LogReader();
  const parts = [3, 2, 1].map((k) => { // a worker reads from the back
    const read = worker.read(sourceOf("w.jsonl", bytes), { start: cut(k), end: cut(k + 1) });
    return { part: worker.parts.take(read), lines: read };
  });
  const known = new PartIds();
  for (const { part } of parts) main.parts.place(part, known);
  const sent = (pick: (part: ReaderPart) => readonly unknown[]) =>
    parts.reduce((sum, { part }) => sum + pick(part).length, 0);
  assert.equal(known.name.length, sent((part) => part.names), "every name the worker met is sent and mapped once");
  assert.equal(known.status.length - FIRST_OTHER_STATUS, sent((part) => part.otherStatuses), "and every status");
  assert.equal(known.run.length - 1, sent((part) => part.runs), "and every run");
  main.parts.join([lines, lines + parts[2]!.lines, lines + parts[2]!.lines + parts[1]!.lines]);
  assert.deepEqual(columnsOf(new ExecutionRegistry(main)), columnsOf(whole));
});

test("records without an index read in batches get their positions across the split; a part with none keeps every index", () => {
  const line = (i: number, withIndex: (i: number) => boolean) =>
    `{"name":"n${i % 4}",${
      withIndex(i) ? `"index":${5000 + i},` : ""
    }"start_wall":"2025-03-01T08:04:16","duration":0.5,"status":"OK"}`;
  countingBatches((staged) => {
    // Without an index: one in 50, never the first of a name in a range (those go through JavaScript).
    for (const withIndex of [(i: number) => i % 50 !== 25, () => true]) {
      const bytes = new TextEncoder().encode(
        Array.from({ length: 600 }, (_, i) => line(i, withIndex)).join("\n") + "\n",
      );
      const whole = registryOf([["p.jsonl", bytes]], { chunkSize: 4096 });
      for (const at of [100, Math.floor(bytes.length / 2)]) {
        staged.length = 0;
        const merged = readInTwo("p.jsonl", bytes, at);
        assert.deepEqual(columnsOf(merged), columnsOf(whole), `split near ${at}`);
        assert.ok(staged.reduce((a, b) => a + b, 0) > 500, "most records were staged in batches");
      }
    }
  });
});
