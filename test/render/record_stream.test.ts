import assert from "node:assert/strict";
import { test } from "node:test";
import type { Output } from "../../src/io.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import { ByteSink } from "../../src/render/byte_sink.ts";
import { csvRow, csvText } from "../../src/render/csv.ts";
import { RecordBytes } from "../../src/render/record_bytes.ts";
import { RECORD_FIELDS, recordJson } from "../../src/render/record_json.ts";
import { type RecordItems, writeRecordItems } from "../../src/render/record_stream.ts";
import type { LocalZone } from "../../src/render/time.ts";
import type { ExecutionRegistry } from "../../src/query/registry.ts";
import { LineWindow } from "../../src/query/line_window.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const FIELDS = RECORD_FIELDS;

/** A seeded generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of JSON text as a logger may write them, odd ones above all.
const STRINGS = [
  '""',
  '"plain"',
  '"it\'s"',
  '"say \\"hi\\""',
  '"both \' and \\""',
  '"tab\\tnew\\nline\\r\\b\\f"',
  '"\\u0001\\u001f\\u007f ctl"',
  '"\\/slash\\\\back"',
  '"\\u00e9t\\u00c9 \\u4e2d \\u2028"',
  '"lone \\ud800 high"',
  '"lone \\udc00 low"',
  '"pair \\ud83d\\ude00"',
  '"raw é 中 😀 \u0085 \u202e"',
  '"comma, and \\"quote\\""',
  '"csv\\r\\nbreak"',
  '"\\u0022\\u005c"',
];
const NUMBERS = [
  "0",
  "-0",
  "1.0",
  "1E5",
  "1e-07",
  "-12.5e+3",
  "1e400",
  "-1e400",
  "123456789012345678901234567890",
  "-98765432109876543210",
  "NaN",
  "Infinity",
  "-Infinity",
  "3.141592653589793",
  "0.1",
  "9007199254740993",
];
const WORDS = ["true", "false", "null"];

function scalar(next: () => number): string {
  const r = next();
  if (r < 0.45) return STRINGS[Math.floor(next() * STRINGS.length)]!;
  if (r < 0.85) return NUMBERS[Math.floor(next() * NUMBERS.length)]!;
  return WORDS[Math.floor(next() * WORDS.length)]!;
}

function value(next: () => number, depth: number): string {
  const r = next();
  if (depth > 3 || r < 0.5) return scalar(next);
  const n = Math.floor(next() * 4);
  const space = next() < 0.2 ? " " : "";
  if (r < 0.75) return `[${space}${Array.from({ length: n }, () => value(next, depth + 1)).join(`,${space}`)}]`;
  const keys = ["a", "b", "ok", "é", "k k", "a"]; // "a" twice now and then: a repeated key
  return `{${
    Array.from({ length: n }, (_, i) =>
      `${space}"${keys[(i * 3 + Math.floor(next() * 6)) % 6]}"${space}:${space}${value(next, depth + 1)}`)
      .join(",")
  }}`;
}

const NAMES = ['"fetch"', '"caf\\u00e9"', '"we\\"ird, name"', '"tab\\there"', '"x\\u001b]0;t\\u0007"', '"名前"'];
const TIMES = [
  '"start_wall":"2025-06-01T09:30:00.125"',
  '"start_wall":"2025-06-01T09:30:00Z"',
  '"started_at":"2025-06-01T09:30:00.123456+02:00"',
  '"start":1700000000.5',
  '"start":1700000000123',
  '"start_time":57436.654',
  '"timestamp":"0001-01-01T00:00:00Z"',
  '"start_wall":"9999-12-31T23:59:59.999999999Z"',
  "",
];
const ENDS = [
  '"end_wall":"2025-06-01T09:30:01.5"',
  '"finished_at":"2025-06-01T09:30:00.000001Z"',
  '"end":1700000001',
  "",
];

/** One record's line: every shown field now there, now absent, now odd; a few not JSON at all (bad lines). */
function line(next: () => number, i: number): string {
  const parts: string[] = [`"name":${NAMES[Math.floor(next() * NAMES.length)]}`];
  const maybe = (p: number, text: string) => (next() < p ? parts.push(text) : 0);
  maybe(0.7, `"index":${i}`);
  maybe(0.8, TIMES[Math.floor(next() * TIMES.length)]!);
  maybe(0.5, ENDS[Math.floor(next() * ENDS.length)]!);
  maybe(0.5, `"duration":${["0.25", "1e-9", "12345.678", "-1", "0", "1e400", "NaN"][Math.floor(next() * 7)]}`);
  maybe(0.2, `"duration_ms":${["250", "0.5"][Math.floor(next() * 2)]}`);
  maybe(
    0.7,
    `"status":${['"OK"', '"error"', '"failed"', '"cancelled"', '"we,ird"', "null", "3"][Math.floor(next() * 7)]}`,
  );
  maybe(0.7, `"result":${value(next, 0)}`);
  maybe(0.3, `"exception":${next() < 0.3 ? "null" : value(next, 1)}`);
  maybe(0.2, `"error":${value(next, 1)}`);
  maybe(0.2, `"traceback":${next() < 0.5 ? scalar(next) : '""'}`);
  maybe(0.2, `"stack":${scalar(next)}`);
  maybe(0.1, `"stacktrace":${scalar(next)}`);
  maybe(0.15, `"signature":${next() < 0.3 ? '""' : scalar(next)}`);
  maybe(
    0.6,
    `"args":${next() < 0.7 ? `[${Array.from({ length: 3 }, () => value(next, 2)).join(",")}]` : value(next, 1)}`,
  );
  maybe(0.5, `"kwargs":${value(next, 1)}`);
  maybe(0.5, `"run_id":${['"run-1"', '"r\\u00e9, \\"2\\""', "null", '""'][Math.floor(next() * 4)]}`);
  maybe(0.1, `"result":${scalar(next)}`); // a repeated key: the last one counts
  for (let k = parts.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [parts[k], parts[j]] = [parts[j]!, parts[k]!];
  }
  const space = next() < 0.1 ? " " : "";
  return `${space}{${parts.join(next() < 0.1 ? ", " : ",")}}${space}${next() < 0.05 ? "\r" : ""}`;
}

/** A log of `count` odd records, with raw bytes that are not UTF-8 in a few. */
function oddLog(count: number, seed: number): Uint8Array {
  const next = random(seed);
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const text = line(next, i);
    if (next() < 0.02) {
      // Bytes that are not UTF-8 inside the result string: shown as U+FFFD.
      chunks.push(
        encoder.encode(`{"name":"bad-utf8","result":"a`),
        new Uint8Array([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      );
      chunks.push(encoder.encode(`b"}\n`));
    }
    chunks.push(encoder.encode(text + "\n"));
  }
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The records as the string-building writer wrote them before: the reference. */
function reference(registry: ExecutionRegistry, format: RecordItems, local: LocalZone): string {
  let out = format === "csv" ? csvRow(FIELDS) : "";
  for (let pos = 0; pos < registry.size; pos++) {
    const object = recordJson(registry, pos, registry.details(pos), local);
    if (format === "csv") out += csvRow(FIELDS.map((field) => csvText(object.get(field) ?? null)));
    else {out += (format === "json" ? (pos === 0 ? "\n" : ",\n") : "") + stringifyJson(object) +
        (format === "ndjson" ? "\n" : "");}
  }
  return out;
}

/** What {@link writeRecordItems} writes, through writeBytes (as the real outputs take it) or through write. */
function streamed(registry: ExecutionRegistry, format: RecordItems, local: LocalZone, bytes: boolean): string {
  const pieces: Uint8Array[] = [];
  let text = "";
  const out: Output = {
    isTTY: false,
    columns: undefined,
    write: (t) => void (text += t),
    flush: () => {},
    ...(bytes ? { writeBytes: (b: Uint8Array) => void pieces.push(b.slice()) } : {}),
  };
  writeRecordItems(out, registry, Uint32Array.from({ length: registry.size }, (_, i) => i), format, FIELDS, local);
  return bytes ? new TextDecoder().decode(Buffer.concat(pieces)) : utf8(text);
}

/** Text as the real outputs write it, in UTF-8 (a lone surrogate as U+FFFD), read back. */
function utf8(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

const LOG = oddLog(3000, 20);
const REGISTRY = registryOf([['odd, "log".jsonl', LOG]]);
const ZONE: LocalZone = (ms) => (ms < 0 ? 341.2666666666667 : 120);

test("streamed records: the odd log has records of every kind, and bad lines", () => {
  assert.ok(REGISTRY.size > 2000, String(REGISTRY.size));
  assert.ok(REGISTRY.diagnostics.badLineCount > 0);
});

for (const format of ["json", "ndjson", "csv"] as const) {
  for (const [zone, local] of [["UTC", null], ["--local", ZONE]] as const) {
    test(`streamed records, ${format}, ${zone}: byte for byte what the string-building writer wrote`, () => {
      const expected = utf8(reference(REGISTRY, format, local));
      assert.equal(streamed(REGISTRY, format, local, true), expected);
      assert.equal(streamed(REGISTRY, format, local, false), expected);
    });
  }
}

test("streamed records: both paths are taken, the fast one for a good part of even the odd records", () => {
  for (const format of ["json", "csv"] as const) {
    const sink = new ByteSink(() => {});
    const fast = new RecordBytes(sink, REGISTRY, format, null);
    const window = new LineWindow(REGISTRY);
    let taken = 0;
    for (let pos = 0; pos < REGISTRY.size; pos++) if (fast.write(pos, window.line(pos)!)) taken++;
    assert.ok(taken > REGISTRY.size * 0.3 && taken < REGISTRY.size, `${format}: ${taken} of ${REGISTRY.size}`);
  }
});
