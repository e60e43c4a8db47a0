import assert from "node:assert/strict";
import { test } from "node:test";
import { registryOf } from "../helpers/read_bytes.ts";

const A = '{"name":"a","result":1}';
const B = '{"name":"b","status":"failed"}';

const framing: Array<[string, string | Uint8Array, number]> = [
  // [name, input, records]
  ["LF", `${A}\n${B}\n`, 2],
  ["CRLF", `${A}\r\n${B}\r\n`, 2],
  ["BOM at the start", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${A}\n${B}\n`)]), 2],
  ["blank and whitespace lines skipped", `\n${A}\n   \n\t\r\n${B}\n\n`, 2],
  ["complete last line without newline", `${A}\n${B}`, 2],
  ["no lines at all", "", 0],
];

for (const [name, input, records] of framing) {
  test(`framing: ${name}`, () => {
    const registry = registryOf([["log.jsonl", input]]);
    assert.equal(registry.size, records);
    assert.equal(registry.diagnostics.badLineCount, 0);
  });
}

test("lines longer than the read chunk, and records across chunk edges", () => {
  const long = JSON.stringify({ name: "long", result: "x".repeat(10_000) });
  const text = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? long : `{"name":"n${i}"}`)).join("\n") + "\n";
  const registry = registryOf([["log.jsonl", text]], { chunkSize: 64 });
  assert.equal(registry.size, 50);
  assert.equal(registry.nameOf(0), "long");
  assert.equal((registry.details(0).result as string).length, 10_000);
  assert.equal(registry.lineOf(49), 50);
});

const bad: Array<[string, string, string]> = [
  // [name, line, reason]
  ["not JSON", "hello", "not JSON: unexpected character 'h' at column 1"],
  ["an array", "[1,2]", "not an object (an array)"],
  ["a string", '"x"', "not an object (a string)"],
  ["no name", '{"result":1}', "no name (none of name, action, action_name)"],
  ["empty name", '{"name":""}', "name is empty"],
  ["name not a string", '{"name":5}', "name is not a string: 5"],
  ["negative index", '{"name":"a","index":-1}', "index must be an integer >= 0, got -1"],
  ["fractional index", '{"name":"a","index":1.5}', "index must be an integer >= 0, got 1.5"],
  [
    "unreadable time",
    '{"name":"a","start_wall":"yesterday"}',
    'start_wall is not a time (ISO-8601 or a number): "yesterday"',
  ],
  ["duration not a number", '{"name":"a","duration":"fast"}', 'duration is not a number: "fast"'],
  ["status not a string", '{"name":"a","status":0}', "status is not a string: 0"],
  ["JSON error column", '{"name":"a",,}', "not JSON: expected a string key at column 13"],
];

for (const [name, line, reason] of bad) {
  test(`bad line: ${name}`, () => {
    const registry = registryOf([["run.jsonl", `${A}\n${line}\n${B}\n`]]);
    assert.equal(registry.size, 2, "the good records around it are kept");
    assert.deepEqual(registry.diagnostics.badLines, [{ source: "run.jsonl", line: 2, reason }]);
  });
}

test("a truncated last line is reported as truncated", () => {
  const registry = registryOf([["run.jsonl", `${A}\n{"name":"b","resu`]]);
  assert.equal(registry.size, 1);
  assert.deepEqual(registry.diagnostics.badLines, [{
    source: "run.jsonl",
    line: 2,
    reason: "truncated: the last line has no newline and is not complete JSON",
  }]);
});

test("a pretty-printed JSON array gets the one-object-per-line hint", () => {
  // json.dumps(records, indent=2): every line is bad.
  const text = '[\n  {\n    "name": "a"\n  },\n  {\n    "name": "b"\n  }\n]\n';
  const registry = registryOf([["runs.json", text]]);
  assert.equal(registry.size, 0);
  assert.equal(registry.diagnostics.badLineCount, 8);
  assert.match(
    registry.diagnostics.hints[0]!,
    /^runs\.json: this looks like a JSON array; exechist reads one object per line/,
  );
});

test("bad lines: first 10 shown, then a count", () => {
  const text = Array.from({ length: 25 }, (_, i) => (i % 2 ? A : `junk ${i}`)).join("\n") + "\n";
  const lines = registryOf([["x.jsonl", text]]).diagnostics.formatBadLines();
  assert.equal(lines.length, 11);
  assert.equal(lines[0], "x.jsonl:1: not JSON: unexpected character 'j' at column 1");
  assert.equal(lines[10], "… and 3 more bad lines (13 in all)");
});

test("records keep input order across files; index defaults to the position", () => {
  const registry = registryOf([["one.jsonl", `${A}\n{"name":"c","index":7}\n`], ["two.jsonl", `${B}\n`]]);
  assert.deepEqual(Array.from(registry.columns.index), [0, 7, 2]);
  assert.deepEqual([0, 1, 2].map((i) => registry.sourceOf(i)), ["one.jsonl:1", "one.jsonl:2", "two.jsonl:1"]);
});

const semantics: Array<[string, string, Record<string, unknown>]> = [
  // [name, line, expected record fields]
  ["no status, no exception: success", '{"name":"a"}', { status: "success" }],
  ["no status, an exception: error", '{"name":"a","exception":"ValueError()"}', { status: "error" }],
  ["no status, empty exception: success", '{"name":"a","exception":"","error":null}', { status: "success" }],
  ["error alias as an object", '{"name":"a","error":{"type":"X"}}', { status: "error" }],
  ["status OK is success", '{"name":"a","status":"OK","exception":"x"}', { status: "success" }],
  ["status failed is error", '{"name":"a","status":"failed"}', { status: "error" }],
  ["other status kept as written", '{"name":"a","status":"cancelled"}', { status: "cancelled", statusClass: "other" }],
  ["action string is a name", '{"action":"deploy"}', { name: "deploy" }],
  ["action object is not a name", '{"action":{"name":"x"},"action_name":"real"}', { name: "real" }],
  ["nested ignore_in_history", '{"name":"h","action":{"ignore_in_history":true}}', { ignored: true }],
  ["dotted ignore_in_history", '{"name":"h","action.ignore_in_history":true}', { ignored: true }],
  ["duration_ms", '{"name":"a","duration_ms":1500}', { duration: 1.5 }],
  ["zero duration kept", '{"name":"a","duration":0.0}', { duration: 0 }],
  [
    "duration from naive wall times",
    '{"name":"a","start_wall":"2025-06-01T09:30:00","end_wall":"2025-06-01T09:30:02.5"}',
    { duration: 2.5 },
  ],
  ["duration from perf_counter when walls are absent", '{"name":"a","start_time":100.25,"end_time":101.5}', {
    duration: 1.25,
    start: null,
  }],
  [
    "wall start wins, perf pair gives the duration",
    '{"name":"a","start_wall":"2025-06-01T09:30:00","start_time":100.0,"end_time":100.5}',
    { duration: 0.5 },
  ],
  ["run_id", '{"name":"a","run_id":"r1"}', { runId: "r1" }],
  ["session_id when no run_id", '{"name":"a","session_id":"s9"}', { runId: "s9" }],
];

for (const [name, line, expected] of semantics) {
  test(`record semantics: ${name}`, () => {
    const registry = registryOf([["r.jsonl", line + "\n"]]);
    assert.equal(registry.diagnostics.badLineCount, 0, registry.diagnostics.badLines[0]?.reason);
    const record = registry.record(0) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(record[key], value, key);
  });
}

test("an end beside a duration: monotonic ends are not shown, wall-clock ends are, bad ends still rejected", () => {
  const ends: Array<[string, number | null]> = [
    // [end_time as written, the end shown (epoch seconds) or null]
    ["57456.98698835166", null],
    ["999999999.999", null],
    ["-5", null],
    ["0", null],
    ["1000000000.5", 1000000000.5],
    ["1.5e9", 1.5e9],
    ["1700000000123", 1700000000.123], // milliseconds
  ];
  const text = ends.map(([end]) => `{"name":"a","end_time":${end},"duration":0.25}`).join("\n") + "\n" +
    '{"name":"a","end_time":NaN,"duration":0.25}\n' + '{"name":"a","end_time":"soon","duration":0.25}\n';
  const registry = registryOf([["log.jsonl", text]]);
  assert.equal(registry.size, ends.length);
  ends.forEach(([written, shown], pos) => {
    const end = registry.endOf(pos);
    assert.equal(end === null ? null : end.micros / 1e6, shown, written);
    assert.equal(registry.columns.duration[pos], 0.25);
  });
  assert.deepEqual(registry.diagnostics.badLines.map((bad) => bad.reason.slice(0, 37)), [
    "end_time is not a time (ISO-8601 or a",
    "end_time is not a time (ISO-8601 or a",
  ]);
});
