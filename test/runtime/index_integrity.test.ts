import assert from "node:assert/strict";
import { test } from "node:test";
import { xxh32 } from "../../src/ingest/checksum.ts";
import { KEYS } from "../../src/columns/columns.ts";
import { headerProblem } from "../../src/ingest/index_header.ts";
import { DamagedIndex, decodeIndex, type IndexedLog } from "../../src/ingest/part_codec.ts";
import type { OnlyIndex, ReadReport } from "../../src/io.ts";
import { LogReader, type LogSource } from "../../src/ingest/log_reader.ts";
import { type CacheableLog, readThroughCache } from "../../src/runtime/cached_read.ts";
import { loadIndexMatches, prune, STALE_TEMP_MS } from "../../src/runtime/index_cache.ts";
import type { ReaderPart } from "../../src/ingest/reader_part.ts";
import { withColumnZeroed, withHeader } from "../helpers/index_files.ts";
import { memoryFiles } from "../helpers/memory_cache_files.ts";
import { readerOf } from "../helpers/read_bytes.ts";

// A cached index trusted its bytes: 137 of 150 random byte flips changed `summary -o json`
// silently, zeroed status bytes made `report` say 0 errors, and `"runs":null` in the header
// made every command fail. Now every byte is covered by a checksum, the header's fields are
// checked, and an index that does not check out is ignored and written again.

/** A log with what an index keeps: errors, other statuses, runs, bad lines, repeated indexes, ends. */
function logText(records: number): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    if (i % 500 === 7) lines.push(`not json ${i}`);
    else {
      lines.push(JSON.stringify({
        index: i % 9 === 0 ? undefined : i % 400,
        name: `task-${i % 13}`,
        status: i % 11 === 0 ? "error" : i % 17 === 0 ? "cancelled" : "success",
        run_id: `r${i % 3}`,
        duration: i / 7,
        start_wall: 1_700_000_000 + i,
        end_wall: i % 2 ? 1_700_000_001 + i : undefined,
      }));
    }
  }
  return lines.join("\n") + "\n";
}

const RECORDS = 20_000; // 8-byte columns of three 64 KiB blocks
const BYTES = new TextEncoder().encode(logText(RECORDS));
const FACTS = { isFile: true, size: BYTES.length, mtimeMs: 1700000000000, ctimeMs: 1700000000000, ino: 9, dev: 1 };
const ENV: Record<string, string> = { EXECHIST_CACHE_DIR: "/cache", EXECHIST_CACHE_MIB: "0" };

/** One read of the log through the cache (the files given): what it reported, what the reader holds, the write's notes. */
async function readOnce(files: ReturnType<typeof memoryFiles>, only?: OnlyIndex) {
  const read = readerOf(BYTES);
  const source: LogSource = { name: "run.jsonl", read, size: BYTES.length };
  const log: CacheableLog = { path: "/logs/run.jsonl", size: BYTES.length, read, facts: () => FACTS };
  const reader = new LogReader();
  const saving: Promise<string>[] = [];
  const report: ReadReport = await readThroughCache(reader, source, log, only, {
    env: (name) => ENV[name],
    files,
    saving,
  }, () => {
    reader.read(source);
    return Promise.resolve({ threads: 1, fellBack: 0 });
  });
  return { report, reader, notes: await Promise.all(saving) };
}

/** What a part holds, every column and table, as one comparable text. */
function partText(part: ReaderPart, hints: readonly string[]): string {
  const columns = KEYS.map((key) => Array.from(part.columns[key].subarray(0, key === "end" ? 0 : part.size)));
  const { size, names, otherStatuses, runs, badLines, badLineCount, lineRuns } = part;
  return JSON.stringify({ columns, size, names, otherStatuses, runs, badLines, badLineCount, lineRuns, hints });
}

/** What a reader holds, as one comparable text. */
const contents = (reader: LogReader): string => partText(reader.parts.all(0), reader.diagnostics.hints);

/** The files with a freshly written index, and that index's path and bytes. */
async function cached() {
  const files = memoryFiles();
  const first = await readOnce(files);
  assert.deepEqual(first.notes, ["index cache written"]);
  const [path, bytes] = [...files.written].find(([name]) => name.endsWith(".idx"))!;
  return { files, path, bytes };
}

/** A seeded generator (mulberry32): the same positions on every run and runtime. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

test("XXH32 gives the reference values", () => {
  const text = (s: string) => new TextEncoder().encode(s);
  assert.equal(xxh32(text("")), 0x02cc5d05);
  assert.equal(xxh32(text("a")), 0x550d7456);
  assert.equal(xxh32(text("abc")), 0x32d153ff);
  assert.equal(xxh32(text("Nobody inspects the spammish repetition")), 0xe2293b2f);
  const unaligned = new Uint8Array(41);
  unaligned.set(text("Nobody inspects the spammish repetition"), 1);
  assert.equal(xxh32(unaligned.subarray(1, 40)), 0xe2293b2f, "a view at an odd offset");
});

test("a cached index read back whole is the log as read", async () => {
  const { files, bytes } = await cached();
  assert.ok(bytes.length > 3 * 65536, "columns of several 64 KiB blocks");
  const truth = contents((await readOnce(memoryFiles())).reader);
  const again = await readOnce(files);
  assert.equal(again.report.cache, "from the index cache");
  assert.deepEqual(contents(again.reader), truth);
});

/** `bytes` with the byte at a random position changed, and that position. */
function flipped(bytes: Uint8Array, random: () => number): [Uint8Array, number] {
  const at = Math.floor(random() * bytes.length);
  const out = bytes.slice();
  out[at]! ^= 1 + Math.floor(random() * 255);
  return [out, at];
}

test("every one of 300 random byte flips in a cached index is caught: the log is read again, the index written anew", async () => {
  const { files, path, bytes } = await cached();
  const random = seeded(18);
  for (let n = 0; n < 300; n++) {
    const [bad, at] = flipped(bytes, random);
    assert.throws(() => decodeIndex(bad), DamagedIndex, `byte ${at}`);
  }
  const truth = contents((await readOnce(memoryFiles())).reader);
  for (let n = 0; n < 5; n++) {
    const [bad, at] = flipped(bytes, random);
    files.written.set(path, bad);
    const got = await readOnce(files);
    assert.match(got.report.cache!, /^the cached index was ignored \(.+\); writing the index cache$/, `byte ${at}`);
    assert.deepEqual(contents(got.reader), truth, `byte ${at}`);
    assert.deepEqual(got.notes, ["index cache written"]);
    assert.deepEqual(files.written.get(path), bytes, "the damaged file replaced by a good one");
  }
});

test("result N from a cached index: a flip in what it reads is caught, and nothing it shows is ever wrong", async () => {
  const { files, path, bytes } = await cached();
  const stamp = decodeIndex(bytes.slice()).stamp;
  const matches = () => loadIndexMatches(files, "/cache", stamp, 5, 11);
  const found = matches();
  assert.ok(found !== undefined && "found" in found);
  const text = ({ log, selected }: { log: IndexedLog; selected: unknown }) =>
    partText(log.part, log.hints) + JSON.stringify(selected);
  const truth = text(found.found);
  const random = seeded(5);
  let caught = 0;
  for (let n = 0; n < 300; n++) {
    const [bad, at] = flipped(bytes, random);
    files.written.set(path, bad);
    const got = matches();
    assert.ok(got !== undefined, `byte ${at}: a stamp it cannot read is damage, not another log`);
    // Only the index column and the blocks of the rows shown are read (and checked).
    if ("found" in got) assert.equal(text(got.found), truth, `byte ${at}`);
    else caught++;
  }
  assert.ok(caught > 0, "flips in the header and the index column are caught");
  files.written.set(path, withColumnZeroed(bytes, "index"));
  assert.match(
    (await readOnce(files, { index: 5, keep: 11 })).report.cache!,
    /^the cached index was ignored \(the checksum of the index column does not match\); writing the index cache$/,
  );
});

test("zeroed status bytes are caught (they made report say 0 errors)", async () => {
  const { files, path, bytes } = await cached();
  assert.ok(Array.from(decodeIndex(bytes.slice()).part.columns.status).includes(1), "the log has errors");
  const zeroed = withColumnZeroed(bytes, "status");
  assert.throws(() => decodeIndex(zeroed), (e) => e instanceof DamagedIndex && /status column/.test(e.message));
  files.written.set(path, zeroed);
  const got = await readOnce(files);
  assert.equal(
    got.report.cache,
    "the cached index was ignored (the checksum of the status column does not match); writing the index cache",
  );
  const errors = (reader: LogReader) =>
    Array.from(reader.parts.all(0).columns.status.subarray(0, reader.builder.size)).filter((s) => s === 1).length;
  assert.equal(errors(got.reader), (logText(RECORDS).match(/"status":"error"/g) ?? []).length);
  assert.ok(errors(got.reader) > 500);
});

test('header fields of the wrong type are caught, checksum or not (`"runs":null` made every command fail)', async () => {
  const { files, path, bytes } = await cached();
  assert.equal(
    decodeIndex(withHeader(bytes, () => {})).part.size,
    RECORDS - 40,
    "a header rewritten as it was still reads",
  );
  // deno-lint-ignore no-explicit-any -- a header as parsed JSON, edited field by field
  const cases: Array<[string, (h: Record<string, any>) => void, RegExp]> = [
    ["runs null", (h) => (h.runs = null), /its runs/],
    ["a name that is a number", (h) => (h.names[0] = 7), /its names/],
    ["no stamp", (h) => delete h.stamp, /its stamp/],
    ["a stamp size that is text", (h) => (h.stamp.size = "big"), /its stamp/],
    ["a size that is text", (h) => (h.size = "RECORDS - 40"), /its size/],
    ["a negative bad line count", (h) => (h.badLineCount = -1), /its badLineCount/],
    ["a bad line without a reason", (h) => delete h.badLines[0].reason, /its badLines/],
    ["hints null", (h) => (h.hints = null), /its hints/],
    ["line runs null", (h) => (h.lineRuns = null), /its lineRuns/],
    ["line runs not ascending", (h) => h.lineRuns.starts.push(0) && h.lineRuns.lines.push(1), /its lineRuns/],
    ["a column of the wrong size", (h) => (h.bytes[0] += 4), /its column sizes/],
    ["a sum missing", (h) => h.sums[1].pop(), /its sums/],
    ["a sum that is not a 32-bit number", (h) => (h.sums[1][0] = -1), /its sums/],
    ["column sizes that are text", (h) => (h.bytes = "all"), /its column sizes/],
  ];
  for (const [name, edit, why] of cases) {
    const bad = withHeader(bytes, edit);
    assert.throws(() => decodeIndex(bad), (e) => e instanceof DamagedIndex && why.test(e.message), name);
    files.written.set(path, bad);
    const got = await readOnce(files);
    assert.match(got.report.cache!, /^the cached index was ignored \(the header is not one of an index: .+\)/, name);
    assert.equal(got.reader.builder.size, RECORDS - 40, name);
  }
  assert.equal(headerProblem(null), "the header is not an object");
  assert.equal(headerProblem([]), "the header is not an object");
});

test("an index of another format version, or cut short, is ignored", async () => {
  const { files, path, bytes } = await cached();
  const older = bytes.slice();
  older.set(new TextEncoder().encode("EXHIDX05"));
  files.written.set(path, older);
  assert.equal(
    (await readOnce(files)).report.cache,
    "the cached index was ignored (not an index of this version (EXHIDX06)); writing the index cache",
  );
  for (const length of [0, 10, 200, bytes.length - 1]) {
    files.written.set(path, bytes.subarray(0, length).slice());
    assert.match((await readOnce(files)).report.cache!, /^the cached index was ignored \(.*(cut short|bytes where)/);
  }
  const longer = new Uint8Array(bytes.length + 8);
  longer.set(bytes);
  files.written.set(path, longer);
  assert.match((await readOnce(files)).report.cache!, /ignored \(the file has \d+ bytes where its header says \d+\)/);
});

test("stale temporary files (untouched for 10 minutes: a killed writer's) are removed and counted; a live writer's are kept", async () => {
  const files = memoryFiles();
  const now = 1_800_000_000_000;
  for (
    const [name, age] of [["a.idx.1-aa.tmp", STALE_TEMP_MS + 1], ["b.idx.2-bb.tmp", 60_000], ["c.idx", 3e9]] as const
  ) {
    files.written.set(`/cache/${name}`, new Uint8Array(8));
    files.times.set(`/cache/${name}`, now - age);
  }
  assert.equal(prune(files, "/cache", now), 1);
  assert.deepEqual([...files.written.keys()].sort(), ["/cache/b.idx.2-bb.tmp", "/cache/c.idx"]);
  // Through a write: the note says so.
  files.written.set("/cache/old.idx.3-cc.tmp", new Uint8Array(8));
  files.times.set("/cache/old.idx.3-cc.tmp", Date.now() - STALE_TEMP_MS - 60_000);
  assert.deepEqual((await readOnce(files)).notes, ["index cache written; 1 stale temporary file removed"]);
  assert.equal(files.written.has("/cache/old.idx.3-cc.tmp"), false);
});
