import assert from "node:assert/strict";
import { test } from "node:test";
import { buffersOf, type Columns, columnsOn, KEYS } from "../../src/columns/columns.ts";
import { ColumnsBuilder } from "../../src/columns/columns_builder.ts";
import { lineAt, type LineRuns } from "../../src/columns/line_runs.ts";
import { decodeIndex, encodeIndex } from "../../src/ingest/part_codec.ts";
import type { ReaderPart } from "../../src/ingest/reader_part.ts";
import { RecordFields } from "../../src/read/normalize.ts";
import type { StagedRecords } from "../../src/read/scanner.ts";
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
  Object.assign(fields, {
    index: row.index,
    status: row.status,
    nameId: row.name,
    runId: row.run,
    duration: row.line / 4,
  });
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

test("columns start narrow: 28 bytes a record; consecutive lines take one run", () => {
  const builder = build(Array.from({ length: 100 }, (_, i) => small(i)));
  const columns = builder.finish();
  const used = KEYS.filter((key) => key !== "end").reduce((sum, key) => sum + columns[key].BYTES_PER_ELEMENT, 0);
  assert.equal(used, 28);
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

test("an id column widens to the narrowest type that holds the id: 8 bits, then 16 or 32", () => {
  for (const [value, bytes] of [[255, 1], [256, 2], [65535, 2], [65536, 4]] as const) {
    const rows = Array.from({ length: 20 }, (_, i) => small(i));
    rows[12] = { ...rows[12]!, name: value, status: value, run: value };
    const oneByOne = build(rows).finish();
    const batched = new ColumnsBuilder(4);
    batched.addBatch(staged(rows, false), rows.length, 1);
    const placed = new ColumnsBuilder(64);
    const identity = Uint32Array.from({ length: value + 1 }, (_, id) => id);
    placed.placeAtTail(build(rows).finish(), rows.length, { name: identity, status: identity, run: identity });
    placed.joinTail([{ size: rows.length, lineRuns: { starts: [0], lines: [1] }, lineBase: 0 }]);
    for (const columns of [oneByOne, batched.finish(), placed.finish()]) {
      assert.deepEqual([columns.name, columns.status, columns.run].map((c) => c.BYTES_PER_ELEMENT), [
        bytes,
        bytes,
        bytes,
      ], `${value}`);
      assert.deepEqual([columns.name[12], columns.status[12], columns.run[12], columns.name[13]], [
        value,
        value,
        value,
        13 % 7,
      ]);
    }
  }
});

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
  main.joinTail([{ size: partA.length, lineRuns: builtA.lineRuns(), lineBase: 0 }, {
    size: partB.length,
    lineRuns: builtB.lineRuns(),
    lineBase: 7,
  }]);
  const columns = main.finish();
  const expected = [
    ...front,
    ...partA,
    ...partB.map((row) => ({ ...row, name: mapName(row.name), line: row.line + 7 })),
  ];
  assert.deepEqual(rowsOf(columns, main.size, main.lineRuns()), expected);
  assert.deepEqual(main.lineRuns(), { starts: [0, 50, 90], lines: [1, 1001, 2008] });
  assert.deepEqual([columns.index, columns.offset, columns.name, columns.run].map((c) => c.BYTES_PER_ELEMENT), [
    8,
    8,
    4,
    1,
  ]);
});

test("an end column in use is handed over and placed; one no record uses is handed over empty and left alone", () => {
  const withEnd = (row: Row): RecordFields =>
    Object.assign(fieldsOf(row), { end: row.offset + 0.5, endClock: CLOCK.instant });
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

/** What the scanner would stage for `rows` (see wasm/batch.ts), the first being row `first`: ends on even rows when `ends`. */
function staged(rows: readonly Row[], ends: boolean, first = 0): StagedRecords {
  const hasEnd = (i: number) => ends && (first + i) % 2 === 0;
  const or = (key: "name" | "status" | "run") => rows.reduce((bits, row) => bits | row[key], 0);
  return {
    index: Float64Array.from(rows, (row) => row.index),
    start: Float64Array.from(rows, (row) => row.offset * 10),
    end: Float64Array.from(rows, (row, i) => (hasEnd(i) ? row.offset * 10 + 5 : NaN)),
    duration: Float64Array.from(rows, (row) => row.offset / 4),
    offset: Float64Array.from(rows, (row) => row.offset),
    name: Int32Array.from(rows, (row) => row.name),
    status: Int32Array.from(rows, (row) => row.status),
    run: Int32Array.from(rows, (row) => row.run),
    flags: Uint8Array.from(rows, (_, i) => (hasEnd(i) ? CLOCK.instant << 2 : 0)),
    word: Int32Array.from([0, ends ? 1 : 0, or("name"), or("status"), or("run")]),
    maxIndex: Float64Array.of(Math.max(...rows.map((row) => row.index))),
  };
}

for (const [key, value] of [["none", 0], ...Object.entries(BIG)] as const) {
  test(`a batch of staged records is added as record by record would be (too large: ${key})`, () => {
    // Offsets ascend in a batch (the scanner stages lines in order): from row 25 on, beyond 32 bits.
    const rows = Array.from(
      { length: 40 },
      (_, i) => (key === "offset" && i >= 25 ? { ...small(i), offset: value + i } : small(i)),
    );
    if (key !== "none" && key !== "offset") rows[25] = { ...rows[25]!, [key]: value };
    for (const ends of [false, true]) {
      const oneByOne = new ColumnsBuilder(4);
      const batched = new ColumnsBuilder(4);
      const stage = staged(rows, ends);
      rows.forEach((row, i) => {
        const fields = Object.assign(fieldsOf(row), {
          start: stage.start[i],
          end: stage.end[i],
          duration: stage.duration[i],
        });
        oneByOne.add(Object.assign(fields, { endClock: stage.flags[i]! >> 2 }), row.line, row.offset);
      });
      // Three batches, the second one line after a gap: its records start a run of lines.
      const parts = [[0, 10], [10, 25], [25, 40]] as const;
      const moved = rows.map((row, i) => (i >= 10 ? { ...row, line: row.line + 1 } : row));
      for (const [from, to] of parts) {
        batched.addBatch(staged(moved.slice(from, to), ends, from), to - from, moved[from]!.line);
      }
      const [a, b] = [oneByOne.finish(), batched.finish()];
      assert.deepEqual(rowsOf(b, 40, batched.lineRuns()), moved);
      assert.deepEqual(batched.lineRuns(), { starts: [0, 10], lines: [1, 12] });
      for (const column of KEYS) {
        if (column === "end" && ends) {
          assert.deepEqual(
            Array.from(b.end).filter((_, i) => i % 2 === 0),
            Array.from(a.end).filter((_, i) => i % 2 === 0),
          );
        } else if (
          column !== "index" && column !== "offset" && column !== "name" && column !== "status" && column !== "run"
        ) {
          assert.deepEqual(b[column], a[column], `${column}, ends: ${ends}`);
        }
        assert.equal(b[column].constructor, a[column].constructor, `${column} is as wide`);
      }
    }
  });
}

test("an index file keeps narrow and wide columns as they were, and no unused end column", () => {
  const rows = Array.from({ length: 20 }, (_, i) => small(i));
  rows[3] = { ...rows[3]!, ...BIG };
  const middling = rows.map((row, i) => (i === 3 ? { ...small(3), name: 300 } : row)); // a name id of 300: a 16-bit name column
  for (const kept of [rows, rows.map((row, i) => (i === 3 ? small(3) : row)), middling]) {
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
    const stamp = { path: "x", size: 1, mtimeMs: 0, ctimeMs: 0, ino: 0, dev: 0, ends: "", maxLineBytes: 1 };
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
  assert.deepEqual(
    KEYS.map((key) => columns[key].BYTES_PER_ELEMENT),
    KEYS.map((key) => storage[key].BYTES_PER_ELEMENT),
  );
  assert.deepEqual(rowsOf(handed, first.length, handedRuns), first);
  assert.deepEqual(handedRuns, { starts: [0], lines: [1] });
});

test("reserve grows to the records asked for, times the headroom, and never shrinks; records stay", () => {
  const builder = new ColumnsBuilder(16);
  const capacity = () => builder.finish().index.buffer.byteLength / Uint32Array.BYTES_PER_ELEMENT;
  const rows = Array.from(
    { length: 10 },
    (_, i) => ({ index: i, status: 0, name: i % 3, run: 0, line: i + 1, offset: i * 100 }),
  );
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
