import assert from "node:assert/strict";
import { test } from "node:test";
import { buffersOf, type Columns, ColumnsBuilder, columnsOn, KEYS } from "../../src/index/columns.ts";
import { lineAt, type LineRuns } from "../../src/index/line_runs.ts";
import { decodeIndex, encodeIndex } from "../../src/index/part_codec.ts";
import type { ReaderPart } from "../../src/read/read_log.ts";
import { RecordFields } from "../../src/read/normalize.ts";
import { CLOCK } from "../../src/read/time.ts";

interface Row {
  index: number;
  status: number;
  name: number;
  run: number;
  line: number;
  offset: number;
}

function fieldsOf(row: Row): RecordFields {
  const fields = new RecordFields();
  Object.assign(fields, { index: row.index, status: row.status, nameId: row.name, runId: row.run, duration: row.line / 4 });
  return fields;
}

function rowsOf(columns: Columns, size: number, lines: LineRuns): Row[] {
  return Array.from({ length: size }, (_, i) => ({
    index: columns.index[i]!,
    status: columns.status[i]!,
    name: columns.name[i]!,
    run: columns.run[i]!,
    line: lineAt(lines, i),
    offset: columns.offset[i]!,
  }));
}

function build(rows: readonly Row[], capacity = 4): ColumnsBuilder {
  const builder = new ColumnsBuilder(capacity);
  for (const row of rows) builder.add(fieldsOf(row), row.line, row.offset);
  return builder;
}

const small = (i: number): Row => ({ index: i, status: i % 3, name: i % 7, run: i % 2, line: i + 1, offset: i * 100 });
const BIG = { index: 2 ** 40 + 3, status: 70001, name: 65536, run: 123456, offset: 5 * 2 ** 30 + 17 };

test("columns start narrow: 31 bytes a record; consecutive lines take one run", () => {
  const builder = build(Array.from({ length: 100 }, (_, i) => small(i)));
  const columns = builder.finish();
  const used = KEYS.filter((key) => key !== "end").reduce((sum, key) => sum + columns[key].BYTES_PER_ELEMENT, 0);
  assert.equal(used, 31);
  assert.deepEqual(rowsOf(columns, 100, builder.lineRuns()), Array.from({ length: 100 }, (_, i) => small(i)));
  assert.deepEqual(builder.lineRuns(), { starts: [0], lines: [1] });
});

for (const [key, value] of Object.entries(BIG)) {
  test(`a ${key} too large for its narrow column widens that column and keeps every value`, () => {
    const rows = Array.from({ length: 300 }, (_, i) => small(i));
    rows[150] = { ...rows[150]!, [key]: value };
    rows[299] = { ...rows[299]!, [key]: value + 1 };
    const builder = build(rows);
    const columns = builder.finish();
    assert.deepEqual(rowsOf(columns, rows.length, builder.lineRuns()), rows);
    const narrow = build([small(0)]).finish();
    assert.deepEqual(KEYS.filter((k) => columns[k].BYTES_PER_ELEMENT !== narrow[k].BYTES_PER_ELEMENT), [key]);
  });
}

test("parts placed at the tail widen the columns they need, before and after records at the front", () => {
  const front = Array.from({ length: 50 }, (_, i) => small(i));
  const partA = Array.from({ length: 40 }, (_, i) => small(1000 + i));
  const partB = Array.from({ length: 40 }, (_, i) => small(2000 + i));
  partA[5] = { ...partA[5]!, index: BIG.index, offset: BIG.offset }; // wide in the part itself
  partB[30] = { ...partB[30]!, name: 7 }; // mapped beyond 16 bits below, after 30 narrow rows
  const main = new ColumnsBuilder(8);
  for (const row of front.slice(0, 20)) main.add(fieldsOf(row), row.line, row.offset);
  const mapName = (id: number) => (id === 7 ? BIG.name : id);
  const identity = (n: number) => Uint32Array.from({ length: n }, (_, id) => id);
  const maps = { name: Uint32Array.from({ length: 8 }, (_, id) => mapName(id)), status: identity(3), run: identity(2) };
  const [builtA, builtB] = [build(partA), build(partB)];
  main.placeAtTail(builtB.finish(), partB.length, maps); // the last part first
  main.placeAtTail(builtA.finish(), partA.length, maps);
  for (const row of front.slice(20)) main.add(fieldsOf(row), row.line, row.offset);
  main.joinTail([{ size: partA.length, lineRuns: builtA.lineRuns(), lineBase: 0 }, { size: partB.length, lineRuns: builtB.lineRuns(), lineBase: 7 }]);
  const columns = main.finish();
  const expected = [...front, ...partA, ...partB.map((row) => ({ ...row, name: mapName(row.name), line: row.line + 7 }))];
  assert.deepEqual(rowsOf(columns, main.size, main.lineRuns()), expected);
  assert.deepEqual(main.lineRuns(), { starts: [0, 50, 90], lines: [1, 1001, 2008] });
  assert.deepEqual([columns.index, columns.offset, columns.name, columns.run].map((c) => c.BYTES_PER_ELEMENT), [8, 8, 4, 2]);
});

test("an end column in use is handed over and placed; one no record uses is handed over empty and left alone", () => {
  const withEnd = (row: Row): RecordFields => Object.assign(fieldsOf(row), { end: row.offset + 0.5, endClock: CLOCK.instant });
  const part = new ColumnsBuilder(4);
  const rows = Array.from({ length: 30 }, (_, i) => small(100 + i));
  rows.forEach((row, i) => part.add(i === 29 ? withEnd(row) : fieldsOf(row), row.line, row.offset)); // only the last has one
  const plain = build(rows);
  assert.equal(plain.finish().end.length, 0);
  assert.equal(part.finish().end.length, 30);
  const identity = (n: number) => Uint32Array.from({ length: n }, (_, id) => id);
  const maps = { name: identity(7), status: identity(3), run: identity(2) };
  for (const [other, expected] of [[plain, 0], [part, 30]] as const) {
    const main = build([small(0)], 64);
    main.placeAtTail(other.finish(), rows.length, maps);
    main.joinTail([{ size: rows.length, lineRuns: other.lineRuns(), lineBase: 0 }]);
    const columns = main.finish();
    assert.equal(columns.end.length, expected ? 31 : 0);
    if (expected) assert.equal(columns.end[30], rows[29]!.offset + 0.5);
    assert.deepEqual(rowsOf(columns, main.size, main.lineRuns()), [small(0), ...rows]);
  }
});

test("an index file keeps narrow and wide columns as they were, and no unused end column", () => {
  const rows = Array.from({ length: 20 }, (_, i) => small(i));
  rows[3] = { ...rows[3]!, ...BIG };
  for (const kept of [rows, rows.map((row, i) => (i === 3 ? small(3) : row))]) {
    const builder = build(kept);
    const part: ReaderPart = {
      columns: builder.finish(),
      size: builder.size,
      lineRuns: builder.lineRuns(),
      names: [],
      otherStatuses: [],
      runs: [],
      badLines: [],
      badLineCount: 0,
      fallbacks: 0,
      lines: 0,
    };
    const stamp = { path: "x", size: 1, mtimeMs: 0, ctimeMs: 0, ino: 0, dev: 0, ends: "" };
    const pieces = encodeIndex({ stamp, part, hints: [] });
    const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const decoded = decodeIndex(bytes)!;
    assert.deepEqual(rowsOf(decoded.part.columns, decoded.part.size, decoded.part.lineRuns), kept);
    for (const key of KEYS) assert.equal(decoded.part.columns[key].constructor, part.columns[key].constructor, key);
    assert.equal(decoded.part.columns.end.length, 0, "no record has a wall-clock end: none is kept");
  }
});

test("restart: what was handed over stays as it was; the builder goes on empty, narrow, in the storage given", () => {
  const first = Array.from({ length: 10 }, (_, i) => small(i));
  first[4] = { ...first[4]!, ...BIG };
  const builder = build(first);
  const [handed, handedRuns] = [builder.finish(), builder.lineRuns()];
  const storage = columnsOn(buffersOf(new ColumnsBuilder(32).finish()));
  builder.restart(storage);
  assert.equal(builder.size, 0);
  const second = Array.from({ length: 20 }, (_, i) => small(500 + i));
  for (const row of second) builder.add(fieldsOf(row), row.line, row.offset);
  const columns = builder.finish();
  assert.deepEqual(rowsOf(columns, builder.size, builder.lineRuns()), second);
  assert.deepEqual(builder.lineRuns(), { starts: [0], lines: [501] });
  assert.equal(columns.index.buffer, storage.index.buffer, "the records went into the storage given");
  assert.deepEqual(KEYS.map((key) => columns[key].BYTES_PER_ELEMENT), KEYS.map((key) => storage[key].BYTES_PER_ELEMENT));
  assert.deepEqual(rowsOf(handed, first.length, handedRuns), first);
  assert.deepEqual(handedRuns, { starts: [0], lines: [1] });
});

test("reserve grows to the records asked for, times the headroom, and never shrinks; records stay", () => {
  const builder = new ColumnsBuilder(16);
  const capacity = () => builder.finish().index.buffer.byteLength / Uint32Array.BYTES_PER_ELEMENT;
  const rows = Array.from({ length: 10 }, (_, i) => ({ index: i, status: 0, name: i % 3, run: 0, line: i + 1, offset: i * 100 }));
  for (const row of rows) builder.add(fieldsOf(row), row.line, row.offset);
  builder.reserve(100, 1.5);
  assert.equal(capacity(), 150);
  builder.reserve(140, 1.5); // fits: no growth, no headroom
  assert.equal(capacity(), 150);
  builder.reserve(200);
  assert.equal(capacity(), 200);
  builder.reserve(50);
  assert.equal(capacity(), 200);
  assert.deepEqual(rowsOf(builder.finish(), builder.size, builder.lineRuns()), rows);
});
