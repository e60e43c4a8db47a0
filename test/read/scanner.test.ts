import assert from "node:assert/strict";
import { test } from "node:test";
import { KIND, SLOT } from "../../src/read/fields.ts";
import { RecordScanner } from "../../src/read/scanner.ts";
import { prng } from "../helpers/gen_lines.ts";

const encoder = new TextEncoder();

/** Scans one line (bytes after its newline are junk, as in a reused buffer): the scanner's result. */
function scanLine(scanner: RecordScanner, line: string): number {
  const bytes = encoder.encode(line + "\n");
  scanner.data.fill(97); // 'a': whatever a stride reads past the newline must not matter
  scanner.data.set(bytes);
  return scanner.scan(0);
}

/** A random string body: plain bytes, escapes (good and bad), raw control bytes, non-ASCII. */
function stringBody(r: () => number): string {
  const pieces = [
    "a",
    "b",
    "é",
    "日",
    "😀",
    " ",
    "\\n",
    '\\"',
    "\\\\",
    "\\/",
    "\\u00e9",
    "\\uD83D\\uDE00",
    "\\x",
    "\\ug234",
    "\\u1g34",
    "\\u12g4",
    "\\u123g",
    "\t",
    "\u0001",
  ];
  const weights = [8, 8, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2];
  const total = weights.reduce((a, b) => a + b, 0);
  let text = "";
  const length = Math.floor(r() * 40);
  for (let i = 0; i < length; i++) {
    let pick = r() * total;
    let k = 0;
    while (pick >= weights[k]!) pick -= weights[k++]!;
    text += pieces[k];
  }
  return text;
}

test("strings of every length, with escapes anywhere: the scanner ends them where JSON.parse does", () => {
  const scanner = new RecordScanner(4096);
  const r = prng(11);
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < 3000; i++) {
    const body = stringBody(r);
    const line = `{"name":"${body}","index":1}`;
    let parses = true;
    try {
      JSON.parse(line);
    } catch {
      parses = false;
    }
    const end = scanLine(scanner, line);
    if (!parses) {
      assert.equal(end, -1, line);
      invalid++;
      continue;
    }
    valid++;
    assert.equal(end, encoder.encode(line).length, line);
    const { kind, start, end: valueEnd, flag } = scanner.slots;
    assert.equal(kind[SLOT.name], KIND.string, line);
    assert.equal(start[SLOT.name], 9, line);
    assert.equal(valueEnd[SLOT.name], 9 + encoder.encode(body).length, line);
    assert.equal(flag[SLOT.name], body.includes("\\") ? 1 : 0, line);
  }
  assert.ok(valid > 1000 && invalid > 200, `${valid} valid, ${invalid} invalid: both must be exercised`);
});

/** A random decimal: up to 21 digits, a point anywhere, zeros after a leading point, a sign. */
function decimal(r: () => number): string {
  const digits = 1 + Math.floor(r() * 21);
  let text = String(1 + Math.floor(r() * 9));
  for (let i = 1; i < digits; i++) text += String(Math.floor(r() * 10));
  const point = Math.floor(r() * (digits + 1));
  if (point < digits) text = text.slice(0, point) + "." + text.slice(point);
  if (text.startsWith(".")) text = "0." + (r() < 0.5 ? "000" : "") + text.slice(1);
  if (r() < 0.3) text += `${r() < 0.5 ? "e" : "E"}${["", "+", "-"][Math.floor(r() * 3)]}${Math.floor(r() * 30)}`;
  return (r() < 0.3 ? "-" : "") + text;
}

test("numbers: an index's and a duration's value is Number()'s, read by the scanner for most", () => {
  const scanner = new RecordScanner(4096);
  const r = prng(12);
  let read = 0;
  const count = 20000;
  for (let i = 0; i < count; i++) {
    const text = decimal(r);
    assert.ok(scanLine(scanner, `{"name":"a","duration":${text},"index":${i}}`) > 0, text);
    assert.equal(scanner.slots.kind[SLOT.duration], KIND.number);
    assert.equal(scanner.slots.flag[SLOT.index], 0);
    assert.equal(scanner.slots.value[SLOT.index], i);
    if (scanner.slots.flag[SLOT.duration] === 0) {
      assert.ok(
        Object.is(scanner.slots.value[SLOT.duration], Number(text)),
        `${text}: ${scanner.slots.value[SLOT.duration]} is not ${Number(text)}`,
      );
      read++;
    }
  }
  // More than 19 digits, powers beyond 10^22, and a hair from a midpoint, are left to number.ts: a few.
  assert.ok(read > count * 0.8, `only ${read} of ${count} read by the scanner`);
  for (const text of ["1.5e3", "1E-7", "3.3384072594344616e-05", "-0e0", "12e+0004"]) {
    scanLine(scanner, `{"name":"a","duration":${text}}`);
    assert.equal(scanner.slots.flag[SLOT.duration], 0, `${text} is read by the scanner`);
    assert.ok(Object.is(scanner.slots.value[SLOT.duration], Number(text)), text);
  }
  for (const text of ["NaN", "-Infinity", "1e23", "1e-23", "12e00004"]) {
    scanLine(scanner, `{"name":"a","duration":${text}}`);
    assert.equal(scanner.slots.flag[SLOT.duration], 1, `${text} is left to number.ts`);
  }
  scanLine(scanner, `{"name":"a","start_time":12.5}`);
  assert.equal(scanner.slots.flag[SLOT.start_time], 1, "times are read when a record needs them");
});

test("intern cache: a string's id comes back once the reader gave it, per table", () => {
  const scanner = new RecordScanner(4096);
  const { slots } = scanner;
  scanLine(scanner, `{"name":"fetch_users","status":"OK","run_id":"fetch_users"}`);
  assert.deepEqual([slots.id[SLOT.name], slots.id[SLOT.status], slots.id[SLOT.run_id]], [-1, -1, -1]);
  slots.cacheId(SLOT.name, 7);
  slots.cacheId(SLOT.status, 1);
  scanLine(scanner, `{"run_id":"fetch_users","name":"fetch_users","status":"OK"}`);
  assert.equal(slots.id[SLOT.name], 7);
  assert.equal(slots.id[SLOT.status], 1);
  assert.equal(slots.id[SLOT.run_id], -1, "a run id is not a name");
  slots.cacheId(SLOT.run_id, 3);
  scanLine(scanner, `{"action":"fetch_users","session_id":"fetch_users"}`);
  assert.deepEqual([slots.id[SLOT.action], slots.id[SLOT.session_id]], [7, 3], "aliases share their table");
  // Alike in length, first and last 8 bytes: told apart by the comparison.
  scanLine(scanner, `{"name":"abcdefgh_X_12345678"}`);
  slots.cacheId(SLOT.name, 20);
  scanLine(scanner, `{"name":"abcdefgh_Y_12345678"}`);
  assert.equal(slots.id[SLOT.name], -1);
  slots.cacheId(SLOT.name, 21);
  scanLine(scanner, `{"name":"abcdefgh_X_12345678"}`);
  assert.equal(slots.id[SLOT.name], 20);
  scanLine(scanner, `{"name":"fetch"}`); // a prefix of a cached name
  assert.equal(slots.id[SLOT.name], -1);
  // Strings with escapes are cached by their bytes as written: each spelling once.
  scanLine(scanner, `{"name":"caf\\u00e9","status":"O\\u004b"}`);
  assert.deepEqual([slots.flag[SLOT.name], slots.id[SLOT.name], slots.id[SLOT.status]], [1, -1, -1]);
  slots.cacheId(SLOT.name, 30);
  slots.cacheId(SLOT.status, 0);
  scanLine(scanner, `{"status":"O\\u004b","name":"caf\\u00e9"}`);
  assert.deepEqual([slots.id[SLOT.name], slots.id[SLOT.status]], [30, 0]);
  scanLine(scanner, `{"name":"caf\\u00E9"}`);
  assert.equal(slots.id[SLOT.name], -1, "another spelling");
});

test("intern cache: once full, strings are left to the reader (id and entry -1)", () => {
  const scanner = new RecordScanner(4096);
  const { slots } = scanner;
  let kept = 0;
  for (let i = 0; i < 3000; i++) {
    scanLine(scanner, `{"name":"action_number_${i}"}`);
    assert.equal(slots.id[SLOT.name], -1);
    if (slots.entry[SLOT.name]! >= 0) {
      kept++;
      slots.cacheId(SLOT.name, i);
    }
  }
  assert.ok(kept >= 1000 && kept < 3000, `${kept} kept`);
  scanLine(scanner, `{"name":"action_number_5"}`);
  assert.equal(slots.id[SLOT.name], 5);
  scanLine(scanner, `{"name":"action_number_2999"}`);
  assert.deepEqual([slots.id[SLOT.name], slots.entry[SLOT.name]], [-1, -1]);
});

test("grow keeps the bytes read and the slots' views", () => {
  const scanner = new RecordScanner(64);
  const line = `{"name":"x","index":5}`;
  scanLine(scanner, line);
  const data = scanner.grow(1 << 20);
  assert.equal(data, scanner.data);
  assert.equal(data.length, 1 << 20);
  assert.equal(new TextDecoder().decode(data.subarray(0, line.length)), line);
  const long = `{"name":"${"y".repeat(500_000)}","index":6}`;
  assert.equal(scanLine(scanner, long), long.length);
  assert.equal(scanner.slots.end[SLOT.name], 9 + 500_000);
  assert.equal(scanner.slots.value[SLOT.index], 6);
});

/** A random time string: mostly valid ISO-8601 of every shape, some near-misses. */
function isoTime(r: () => number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const year = pick([0, 1, 1900, 1970, 2000, 2024, 2025, 2100, 9999]);
  const month = 1 + Math.floor(r() * 13); // 13: not a month
  const day = 1 + Math.floor(r() * 31); // past the month's end now and then
  let text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (r() < 0.9) {
    text += pick(["T", "t", " ", "x"]) + `${pad(Math.floor(r() * 25))}:${pad(Math.floor(r() * 61))}`;
    if (r() < 0.8) {
      text += `:${pad(Math.floor(r() * 62))}`;
      if (r() < 0.7) text += pick([".", ","]) + "0123456789987654321".slice(0, Math.floor(r() * 10));
    }
  }
  return text + pick(["", "", "Z", "z", "+02:00", "-05:30", "+0530", "-11", "+24:00", "+01:60", "+1", "Zx", "+01:0"]);
}

test("ISO times: the scanner's reading is time.ts's, and the rest is left to it", async () => {
  const { parseTimeBytes } = await import("../../src/read/time.ts");
  const scanner = new RecordScanner(4096);
  const r = prng(13);
  let read = 0;
  let valid = 0;
  for (let i = 0; i < 20000; i++) {
    const text = isoTime(r);
    const slot = [SLOT.start_wall, SLOT.end_wall, SLOT.timestamp, SLOT.start, SLOT.finished_at][i % 5]!;
    const key = ["start_wall", "end_wall", "timestamp", "start", "finished_at"][i % 5];
    scanLine(scanner, `{"name":"a","${key}":"${text}"}`);
    const bytes = encoder.encode(text);
    const expected = { clock: 0, micros: NaN };
    const ok = parseTimeBytes(bytes, 0, bytes.length, expected as Parameters<typeof parseTimeBytes>[3]);
    if (ok) valid++;
    if (scanner.slots.clock[slot] === 0) continue;
    read++;
    assert.ok(ok, `${text}: read by the scanner, not by time.ts`);
    assert.deepEqual([scanner.slots.clock[slot], scanner.slots.value[slot]], [expected.clock, expected.micros], text);
  }
  assert.ok(valid > 4000 && read > valid * 0.8, `${read} read by the scanner of ${valid} valid`);
  scanLine(scanner, `{"name":"a","start_wall":"caf\\u00e9"}`);
  assert.equal(scanner.slots.clock[SLOT.start_wall], 0);
  scanLine(scanner, `{"name":"a","status":"2025-03-01T08:03:56"}`);
  assert.equal(scanner.slots.clock[SLOT.status], 0, "only time slots");
});

test("slots of their own (no scanner): every view, and no cache to write to", async () => {
  const { Slots } = await import("../../src/read/scanner.ts");
  const slots = new Slots();
  slots.kind[SLOT.name] = KIND.string;
  slots.entry[SLOT.name] = -1;
  slots.cacheId(SLOT.name, 5); // nowhere to go: no effect, no error
  assert.equal(slots.cache.length, 0);
  slots.clear();
  assert.equal(slots.kind[SLOT.name], KIND.absent);
});
