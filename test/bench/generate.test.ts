import assert from "node:assert/strict";
import { test } from "node:test";
import { ACTION_COUNT, generateLog, LogGenerator } from "../../bench/gen/records.ts";
import { ExecutionRegistry } from "../../src/query/registry.ts";
import { parseJson } from "../../src/json/parse.ts";
import { JsonNumber, type JsonObject } from "../../src/json/value.ts";
import { LogReader } from "../../src/ingest/log_reader.ts";
import { readerOf } from "../helpers/read_bytes.ts";

const SAMPLE = 5000;
const lines = generateLog(SAMPLE, 7).split("\n").slice(0, -1);
const records = lines.map((line) => parseJson(line) as JsonObject);

test("generator: the same seed gives the same bytes", () => {
  assert.equal(generateLog(300, 42), generateLog(300, 42));
  const streamed = new LogGenerator(42);
  const oneByOne = Array.from({ length: 300 }, () => streamed.nextLine() + "\n").join("");
  assert.equal(oneByOne, generateLog(300, 42));
});

test("generator: another seed gives another log", () => {
  assert.notEqual(generateLog(50, 1), generateLog(50, 2));
});

test("generator: every line is one JSON object with a name, an index and the Falyx fields", () => {
  assert.equal(lines.length, SAMPLE);
  records.forEach((record, i) => {
    assert.ok(record instanceof Map, `line ${i + 1} is an object`);
    assert.equal(typeof record.get("name"), "string", `line ${i + 1} has a name`);
    assert.equal(record.get("index"), i);
    for (
      const key of ["run_id", "args", "kwargs", "start_time", "end_time", "start_wall", "duration", "status", "result"]
    ) {
      assert.ok(record.has(key), `line ${i + 1} has ${key}`);
    }
  });
});

test("generator: about 310 bytes a line, 450 with --wide (every Falyx field on every line)", () => {
  const average = (text: string): number => new TextEncoder().encode(text).length / SAMPLE;
  const compact = average(lines.join("\n") + "\n");
  assert.ok(compact > 280 && compact < 340, `${compact} bytes a line`);
  const wide = generateLog(SAMPLE, 7, { wide: true });
  assert.ok(average(wide) > 400 && average(wide) < 500, `${average(wide)} bytes a line with --wide`);
  for (const line of wide.split("\n").slice(0, -1)) {
    const record = parseJson(line) as JsonObject;
    for (const key of ["signature", "end_wall", "action"]) assert.ok(record.has(key), `wide lines have ${key}`);
  }
  const ignored = records.filter((r) => r.has("action")).map((r) =>
    (r.get("action") as JsonObject).get("ignore_in_history")
  );
  assert.ok(
    ignored.length > 10 && ignored.every((v) => v === true),
    "compact lines carry the action object only when it is ignored",
  );
});

test("generator: about 5% failures, each with an exception and a multi-line traceback", () => {
  const failed = records.filter((r) => r.get("status") === "ERROR");
  const share = failed.length / SAMPLE;
  assert.ok(share > 0.035 && share < 0.065, `failure share ${share}`);
  for (const r of failed) {
    assert.equal(typeof r.get("exception"), "string");
    const traceback = r.get("traceback");
    assert.ok(typeof traceback === "string" && traceback.startsWith("Traceback (most recent call last):\n"));
    assert.ok(traceback.split("\n").length >= 4);
  }
  assert.ok(records.some((r) => r.get("status") === "cancelled"), "a few are cancelled");
});

test("generator: names are uneven, with a popular head and a long tail", () => {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.get("name") as string, (counts.get(r.get("name") as string) ?? 0) + 1);
  const sorted = [...counts.values()].sort((a, b) => b - a);
  assert.ok(counts.size > ACTION_COUNT / 2, `${counts.size} names`);
  assert.ok(sorted[0]! > 20 * sorted[sorted.length - 1]!, "the head is far more popular than the tail");
});

test("generator: results of every JSON type, big integers, NaN, escapes and raw unicode", () => {
  const results = records.map((r) => r.get("result"));
  assert.ok(results.includes(null));
  assert.ok(results.some((v) => typeof v === "boolean"));
  assert.ok(results.some((v) => typeof v === "number" && Number.isInteger(v)));
  assert.ok(results.some((v) => typeof v === "number" && !Number.isInteger(v)));
  assert.ok(results.some((v) => typeof v === "string"));
  assert.ok(results.some((v) => Array.isArray(v)));
  assert.ok(results.some((v) => v instanceof Map && v.get("meta") instanceof Map), "nested objects");
  assert.ok(results.some((v) => v instanceof JsonNumber && /^\d{16,}$/.test(v.raw)), "integers beyond 2^53");
  assert.ok(results.some((v) => v instanceof JsonNumber && v.raw === "NaN"), "NaN as Python writes it");
  assert.ok(lines.some((l) => /\\u[0-9a-f]{4}/.test(l)), "\\u escapes");
  assert.ok(lines.some((l) => [...l].some((ch) => ch.charCodeAt(0) > 0x7f)), "raw UTF-8");
});

test("generator: perf_counter floats, naive ISO wall times, duration = end_time - start_time", () => {
  for (const r of records.slice(0, 500)) {
    // Short durations come out in exponent form (7.7e-05), which parseJson keeps as a JsonNumber.
    const start = Number(r.get("start_time"));
    const end = Number(r.get("end_time"));
    assert.ok(start > 0 && start < 1e9 && end >= start);
    assert.equal(Number(r.get("duration")), end - start);
    assert.match(r.get("start_wall") as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
  }
});

test("generator: exechist reads the whole log with no bad line and no fallback to the full parser", () => {
  const text = new TextEncoder().encode(lines.join("\n") + "\n");
  const reader = new LogReader();
  reader.read({ name: "generated.jsonl", read: readerOf(text) });
  const registry = new ExecutionRegistry(reader);
  assert.equal(registry.size, SAMPLE);
  assert.equal(registry.diagnostics.badLineCount, 0);
  assert.equal(registry.diagnostics.fallbacks, 0);
});
