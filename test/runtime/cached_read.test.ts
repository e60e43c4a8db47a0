import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeIndex } from "../../src/ingest/part_codec.ts";
import type { ReadReport } from "../../src/io.ts";
import { LogReader, type LogSource } from "../../src/ingest/log_reader.ts";
import { type CacheableLog, readThroughCache } from "../../src/runtime/cached_read.ts";
import type { CacheFiles, FileFacts } from "../../src/runtime/index_cache.ts";
import { compileFieldMap, type FieldMap } from "../../src/read/field_map.ts";
import { memoryFiles } from "../helpers/memory_cache_files.ts";
import { readerOf } from "../helpers/read_bytes.ts";

const TEXT =
  Array.from({ length: 40 }, (_, i) => JSON.stringify({ name: `job-${i % 3}`, index: i, duration: i / 4 })).join("\n") +
  "\n";
const BYTES = new TextEncoder().encode(TEXT);
const ENV: Record<string, string> = { EXECHIST_CACHE_DIR: "/cache", EXECHIST_CACHE_MIB: "0" };

/** One read of the log through the cache: what it reported, the records, and the notes of the write. */
async function readOnce(
  files: CacheFiles,
  facts: FileFacts,
  bytes = BYTES,
  after = facts,
  fieldMap?: FieldMap,
  maxLineBytes?: number,
): Promise<{ report: ReadReport; records: number; badLines: number; notes: string[]; names: readonly string[] }> {
  const read = readerOf(bytes);
  const source: LogSource = { name: "run.jsonl", read, size: bytes.length };
  let done = false;
  const log: CacheableLog = { path: "/logs/run.jsonl", size: bytes.length, read, facts: () => (done ? after : facts) };
  const reader = new LogReader({
    ...(fieldMap === undefined ? {} : { fieldMap }),
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
  });
  const saving: Promise<string>[] = [];
  const report = await readThroughCache(
    reader,
    source,
    log,
    undefined,
    { env: (name) => ENV[name], files, saving },
    () => {
      reader.read(source);
      done = true;
      return Promise.resolve({ threads: 1, fellBack: 0 });
    },
  );
  const badLines = reader.diagnostics.badLineCount;
  return {
    report,
    records: reader.builder.size,
    badLines,
    notes: await Promise.all(saving),
    names: reader.tables.names.values,
  };
}

test("index cache: no index for a log that grew after it was opened; an unchanged log's is stamped with the size read", async () => {
  const files = memoryFiles();
  const facts = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
  // Appended to between its opening and its stamp: the system already says 100 bytes more.
  const grew = { ...facts, size: BYTES.length + 100 };
  const first = await readOnce(files, grew, BYTES, grew);
  assert.deepEqual([first.report.cache, first.records, first.notes], [
    "index cache not written: the log grew while it was read",
    40,
    [],
  ]);
  assert.equal(files.written.size, 0);
  const unchanged = await readOnce(files, facts);
  assert.deepEqual([unchanged.report.cache, unchanged.records, unchanged.notes], ["writing the index cache", 40, [
    "index cache written",
  ]]);
  const indexes = [...files.written];
  assert.equal(indexes.length, 1);
  assert.match(indexes[0]![0], /^\/cache\/run\.jsonl-[0-9a-f]+\.idx$/);
  assert.equal(decodeIndex(indexes[0]![1])?.stamp.size, BYTES.length);
  // The same log again: from the index.
  const again = await readOnce(files, facts);
  assert.deepEqual([again.report.cache, again.records, again.notes], ["from the index cache", 40, []]);
  // The log as it is later, 100 bytes longer: read again, all of it.
  const longer = new Uint8Array(BYTES.length + 100).fill(32);
  longer.set(BYTES);
  longer.set(new TextEncoder().encode('{"name":"late"}\n'), BYTES.length);
  const grown = await readOnce(files, grew, longer);
  assert.deepEqual([grown.report.cache, grown.records], ["writing the index cache", 41]);
});

test("index cache: no index is written for a log that grew while it was read (it is being written to)", async () => {
  const files = memoryFiles();
  const facts = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
  const growing = await readOnce(files, facts, BYTES, { ...facts, size: BYTES.length + 50 });
  assert.deepEqual([growing.report.cache, growing.records, growing.notes], [
    "index cache not written: the log grew while it was read",
    40,
    [],
  ]);
  assert.equal(files.written.size, 0);
  const still = await readOnce(files, facts);
  assert.deepEqual([still.report.cache, still.notes], ["writing the index cache", ["index cache written"]]);
});

test("index cache: a log cut short or rewritten while it was read is said to be so (not to have grown), and gets no index", async () => {
  const facts = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
  const cases: Array<[string, FileFacts, string]> = [
    ["truncated", { ...facts, size: BYTES.length - 100, mtimeMs: facts.mtimeMs + 5 }, "was truncated"],
    ["rewritten in place", { ...facts, mtimeMs: facts.mtimeMs + 5 }, "changed"],
    ["appended to", { ...facts, size: BYTES.length + 1 }, "grew"],
  ];
  for (const [what, after, said] of cases) {
    const files = memoryFiles();
    const read = await readOnce(files, facts, BYTES, after);
    assert.equal(read.report.cache, `index cache not written: the log ${said} while it was read`, what);
    assert.equal(files.written.size, 0, what);
  }
});

test("index cache: a log read under another mapping of its fields is read again, and each mapping keeps its index", async () => {
  const files = memoryFiles();
  const facts = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
  // Named by `index` (as text, interned by its bytes) instead of `name`.
  const byIndex = compileFieldMap({ name: ["index"] });
  const caches = async (fieldMap?: FieldMap) => {
    const read = await readOnce(files, facts, BYTES, facts, fieldMap);
    return [read.report.cache, read.names.length];
  };
  assert.deepEqual(await caches(), ["writing the index cache", 3]);
  assert.deepEqual(await caches(byIndex), ["writing the index cache", 0]); // every line bad: a number is no name
  assert.deepEqual(await caches(compileFieldMap({ name: ["name"], duration_ms: ["duration"] })), [
    "writing the index cache",
    3,
  ]);
  assert.deepEqual(await caches(), ["from the index cache", 3]);
  assert.deepEqual(await caches(byIndex), ["from the index cache", 0]);
  assert.equal(files.written.size, 3);
});

test("index cache: an index read under one longest line (EXECHIST_MAX_LINE_MIB) is not used under another", async () => {
  const files = memoryFiles();
  const facts = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
  const longest = Math.max(...TEXT.split("\n").map((line) => line.length));
  // Under a limit below the longest line, some lines are too long: bad lines, fewer records.
  const strict = await readOnce(files, facts, BYTES, facts, undefined, longest - 1);
  assert.ok(strict.badLines > 0 && strict.records === 40 - strict.badLines);
  assert.equal(strict.report.cache, "writing the index cache");
  // The default limit: the log is read again, not taken from the index written under the other.
  const wide = await readOnce(files, facts);
  assert.deepEqual([wide.report.cache, wide.records, wide.badLines], ["writing the index cache", 40, 0]);
  const again = await readOnce(files, facts);
  assert.deepEqual([again.report.cache, again.records, again.badLines], ["from the index cache", 40, 0]);
  const strictAgain = await readOnce(files, facts, BYTES, facts, undefined, longest - 1);
  assert.deepEqual([strictAgain.report.cache, strictAgain.records], ["writing the index cache", strict.records]);
});
