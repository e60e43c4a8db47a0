import assert from "node:assert/strict";
import { test } from "node:test";
import { compileFieldMap, DEFAULT_FIELD_MAP, type FieldMapping } from "../../src/read/field_map.ts";
import { FIELD_KEYS, SLOT } from "../../src/read/fields.ts";
import type { ExecutionRegistry } from "../../src/query/registry.ts";
import { countingBatches } from "../helpers/batch_spy.ts";
import { prng } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

test("field map: the built-in keys by default; a mapped field's key replaces its aliases; a dotted path's first key defers", () => {
  assert.deepEqual(DEFAULT_FIELD_MAP.keyEntries, FIELD_KEYS.map((key, slot) => [key, slot]));
  assert.equal(DEFAULT_FIELD_MAP.fingerprint, "");
  const map = compileFieldMap({ name: ["task"], exception: ["err.message"], traceback: ["err.stack"] });
  const entries = new Map(map.keyEntries);
  assert.equal(entries.get("task"), SLOT.name);
  assert.equal(entries.get("err"), SLOT.path);
  for (const gone of ["name", "action", "action_name", "exception", "error"]) {
    assert.equal(entries.has(gone), false, gone);
  }
  assert.equal(entries.get("start_wall"), SLOT.start_wall); // fields not mapped keep their aliases
  assert.deepEqual(map.nested, [{ segments: ["err", "message"], slot: SLOT.exception }]);
  // Falyx's action object goes with the name alias `action`: its ignore_in_history is read when mapped so.
  assert.equal(entries.has("action"), false);
  assert.equal(map.nestedIgnoreKey, "");
  const nestedIgnore = compileFieldMap({ name: ["task"], ignore: ["action.ignore_in_history"] });
  assert.deepEqual(nestedIgnore.nested, [{ segments: ["action", "ignore_in_history"], slot: SLOT.ignore_in_history }]);
  assert.deepEqual([map.exception, map.traceback], [["err.message"], ["err.stack"]]);
  assert.notEqual(map.fingerprint, "");
  // A key mapped to one field is no longer another's alias; duration in s and ms are one field.
  const taken = new Map(compileFieldMap({ name: ["status"], duration_ms: ["ms"] }).keyEntries);
  assert.equal(taken.get("status"), SLOT.name);
  assert.deepEqual([taken.get("ms"), taken.has("duration"), taken.has("duration_ms")], [
    SLOT.duration_ms,
    false,
    false,
  ]);
  // Aliases: the first present wins, in the field's slots.
  const aliases = new Map(compileFieldMap({ run: ["trace", "span"] }).keyEntries);
  assert.deepEqual([aliases.get("trace"), aliases.get("span")], [SLOT.run_id, SLOT.session_id]);
});

const REFUSED: Array<[string, FieldMapping, string]> = [
  ["two keys for a one-key field", { status: ["a", "b"] }, "status takes at most 1 path"],
  ["one key for two fields", { name: ["msg"], exception: ["msg"] }, '"msg" is mapped to both name and exception'],
  ["an empty path", { name: [""] }, "name is mapped to an empty path"],
  ["an empty segment", { name: ["a..b"] }, '"a..b" is not a key or a dotted path (a.b.c)'],
  ["a key the scanner cannot hold", { run: ["r".repeat(32)] }, `"${"r".repeat(32)}" is longer than 31 bytes`],
];

for (const [what, mapping, message] of REFUSED) {
  test(`field map: refused: ${what}`, () => {
    assert.throws(() => compileFieldMap(mapping), (error: Error) => error.message.startsWith(message));
  });
}

test("field map: result and traceback are read back only: any length, and one path may serve both", () => {
  const map = compileFieldMap({ result: ["x".repeat(40)], exception: ["exc"], traceback: ["exc"] });
  assert.deepEqual([map.result, map.traceback, map.exception], [["x".repeat(40)], ["exc"], ["exc"]]);
});

/** A record's fields as [standard key, mapped key or dotted path, JSON value text]. */
type Field = [string, string, string];

const STANDARD_TO_MAPPED: Record<string, string> = {
  name: "task",
  index: "idx",
  start_wall: "began",
  end_wall: "ended",
  duration: "secs",
  status: "outcome",
  exception: "err.message",
  run_id: "ctx.run",
  ignore_in_history: "skip",
  traceback: "err.stack",
  result: "out",
};
const MAPPING: FieldMapping = {
  name: ["task"],
  index: ["idx"],
  start: ["began"],
  end: ["ended"],
  duration: ["secs"],
  status: ["outcome"],
  exception: ["err.message"],
  run: ["ctx.run"],
  ignore: ["skip"],
  traceback: ["err.stack"],
  result: ["out"],
};

/** Each field's values: good ones, then (picked now and then) ones that make a bad line or an odd record. */
const VALUES: Record<string, readonly [readonly string[], readonly string[]]> = {
  name: [['"build"', '"deploy"', '"t\\u00e9st"'], ['""', "7", "null"]],
  index: [["0", "3", "12"], ["-1", '"4"', "2.5"]],
  start_wall: [['"2025-06-01T10:00:00Z"', '"2025-06-01T10:00:01.5"', "1717236000"], ['"soon"', "null"]],
  end_wall: [['"2025-06-01T10:00:03Z"', "1717236004.25", "12.5"], ["null"]],
  duration: [["1.5", "0", "1e3"], ["NaN", '"2"']],
  status: [['"OK"', '"failed"', '"cancelled"', '"Crashed"'], ["null", "{}"]],
  exception: [["\"ValueError('x')\"", '""', '{"type":"E"}'], ["null", "[]", "false"]],
  run_id: [['"r1"', '"r2"', "42"], ["null", "[1]"]],
  ignore_in_history: [["true", "false"], ["null"]],
  traceback: [['"Traceback\\nE: x"'], ["null"]],
  result: [['{"n":1}', "[1,2]", '"ok"'], ["null"]],
};

/** Lines of random records, written with the standard keys and with the mapped ones (dotted paths nested). */
function twoLogs(seed: number, count: number): [string, string] {
  const r = prng(seed);
  const standard: string[] = [];
  const mapped: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields: Field[] = [];
    for (const [key, [good, odd]] of Object.entries(VALUES)) {
      if (r() > (key === "name" ? 0.97 : 0.6)) continue;
      const values = r() < 0.04 ? odd : good;
      fields.push([key, STANDARD_TO_MAPPED[key]!, values[Math.floor(r() * values.length)]!]);
    }
    standard.push(`{${fields.map(([key, , value]) => `"${key}":${value}`).join(",")}}`);
    // The mapped line: the logger's own `name`, `run_id` and `exception` are not the fields any more.
    const top = ['"name":"pipeline"', '"run_id":"not-this"', '"exception":"not this"'];
    const nested = new Map<string, string[]>();
    for (const [, path, value] of fields) {
      const [first, second] = path.split(".");
      if (second === undefined) top.push(`"${first}":${value}`);
      else nested.set(first!, [...nested.get(first!) ?? [], `"${second}":${value}`]);
    }
    if (r() < 0.1 && !nested.has("err")) nested.set("err", []); // an `err` without a message: no exception
    for (const [first, inner] of nested) top.push(`"${first}":{${inner.join(",")}}`);
    for (let k = top.length - 1; k > 0; k--) {
      const j = Math.floor(r() * (k + 1));
      [top[k], top[j]] = [top[j]!, top[k]!];
    }
    mapped.push(`{${top.join(", ")}}`);
  }
  return [standard.join("\n") + "\n", mapped.join("\n") + "\n"];
}

/** What a person reads of each record: everything but where it is in its file. */
function readable(registry: ExecutionRegistry): unknown {
  const rows: unknown[] = [];
  for (let i = 0; i < registry.size; i++) {
    const { fields: _fields, ...details } = registry.details(i);
    const { source: _source, ...record } = registry.record(i);
    rows.push([registry.lineOf(i), registry.columns.flags[i], record, details]);
  }
  return [rows, registry.diagnostics.badLines.map((bad) => bad.line), registry.diagnostics.badLineCount];
}

test("a mapped log reads as the same log with the standard keys, on the scanner and on the full parse", () => {
  const [standard, mapped] = twoLogs(19, 3000);
  const fieldMap = compileFieldMap(MAPPING);
  const expected = readable(registryOf([["std.jsonl", standard]]));
  const got = readable(registryOf([["mapped.jsonl", mapped]], { fieldMap }));
  assert.deepEqual(got, expected);
  assert.deepEqual(readable(registryOf([["mapped.jsonl", mapped]], { fieldMap, scanner: false })), expected);
  // Some of each: good records and bad lines, errors and successes.
  const [rows, , bad] = expected as [unknown[], number[], number];
  assert.ok(rows.length > 2000 && bad > 100, `${rows.length} records, ${bad} bad lines`);
});

test("a mapped key is read on the scanner's fast path; a dotted path's line goes to the full parse", () => {
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ task: `t${i % 3}`, secs: i / 8 })).join("\n");
  const fast = countingBatches((sizes) => {
    const registry = registryOf([["a.jsonl", lines + "\n"]], { fieldMap: compileFieldMap({ name: ["task"] }) });
    return { size: registry.size, name: registry.nameOf(4), staged: sizes.reduce((a, b) => a + b, 0) };
  });
  assert.deepEqual(fast, { size: 200, name: "t1", staged: 197 }); // all but the first of each name, new to the cache
  const nested = lines.replaceAll('"task"', '"ctx":{"task"').replaceAll(',"secs"', '},"secs"');
  const slow = countingBatches((sizes) => {
    const registry = registryOf([["b.jsonl", nested + "\n"]], { fieldMap: compileFieldMap({ name: ["ctx.task"] }) });
    return { size: registry.size, name: registry.nameOf(4), staged: sizes.reduce((a, b) => a + b, 0) };
  });
  assert.deepEqual(slow, { size: 200, name: "t1", staged: 0 });
});
