import assert from "node:assert/strict";
import { test } from "node:test";
import { countingBatches } from "../helpers/batch_spy.ts";
import { columnsOf, prng } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

/** Times in every form the README documents, each as a JSON value. */
const GOOD_TIMES = [
  // Epoch seconds, milliseconds, microseconds, nanoseconds as numbers: integers, floats, exponents.
  "1717234200",
  "1717234200.0224144",
  "1717234200.5",
  "1717234199.9999995",
  "1.7172342001234e9",
  "17172342001234567e-7",
  "1717234200123",
  "1717234200123.5",
  "1.717234200123e12",
  "1717234200123456",
  "1717234200123456.7",
  "1717234200123456789",
  "1.717234200123456789e18",
  // The same as decimal strings (OTLP writes nanoseconds so).
  '"1717234200"',
  '"1717234200.123456"',
  '"+1717234200.5"',
  '"1717234200123"',
  '"1717234200123456"',
  '"1717234200123456789"',
  '"001717234200123456789"',
  '"1.7172342e9"',
  '"1717234200E+0"',
  '"1717234200."',
  // Monotonic readings.
  "57436.65465293452",
  "0.5",
  "-3.25",
  "1e-3",
  '"57436.65"',
  '".5"',
  // ISO-8601 with and without zone, T or space, fractions to the nanosecond.
  '"2025-03-01T08:03:56Z"',
  '"2025-03-01T08:03:56.123456789Z"',
  '"2025-03-01 08:03:56.1234567"',
  '"2025-03-01T08:03:56.5+05:30"',
  '"2025-03-01T08:03:56-0800"',
  '"2025-03-01T08:03:56+01"',
  '"2025-03-01t08:03z"',
  '"2025-03-01 08:03"',
  '"2025-03-01"',
  '"2024-02-29T23:59:60,25"',
];

/** Values that are not times, or that the fast path leaves to TypeScript. */
const OTHER_TIMES = [
  "null",
  "NaN",
  "Infinity",
  "1e400",
  // Negative epochs and instants past the year 9999 are not times.
  "-1717234200.25",
  '"-1717234200123"',
  "3e20",
  "253402300800000000000",
  '"253402300800000000000"',
  '"2.534023008e20"',
  "true",
  '""',
  '"."',
  '"+"',
  '"1e"',
  '"e5"',
  '"1.2.3"',
  '"1e5.5"',
  '"1e00005"',
  '"12345678901234567890123"',
  '"12345678901234567890.5"',
  '"1717234200 "',
  '"Infinity"',
  '"2025-02-30T00:00:00"',
  '"0000-01-01T00:00:00"',
  '"2025-03-01T25:00:00"',
  '"2025-03-01T08:03:56+5"',
  '"171723420\\u0030"',
  "{}",
];

const START_KEYS = ["start_wall", "started_at", "start", "start_time", "timestamp"];
const END_KEYS = ["end_wall", "finished_at", "end", "end_time"];

/** A record with times in some of every key, of good forms mostly. */
function timeLine(r: () => number, i: number, good: boolean): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const time = () => (!good && r() < 0.15 ? pick(OTHER_TIMES) : pick(GOOD_TIMES));
  const fields = [`"name":"task-${i % 7}"`, `"index":${i}`, `"status":"${pick(["ok", "ERROR", "skipped"])}"`];
  for (const key of START_KEYS) if (r() < 0.35) fields.push(`"${key}":${time()}`);
  for (const key of END_KEYS) if (r() < 0.35) fields.push(`"${key}":${time()}`);
  const duration = r();
  if (duration < 0.3) fields.push(`"duration":${pick(["1.5", "0", "2.5e-3", "120"])}`);
  else if (duration < 0.4) fields.push(`"duration_ms":${pick(["1500", "2.5", "0"])}`);
  if (r() < 0.5) fields.push(`"run_id":"run-${i % 3}"`);
  for (let k = fields.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [fields[k], fields[j]] = [fields[j]!, fields[k]!];
  }
  return `{${fields.join(r() < 0.3 ? ", " : ",")}}`;
}

for (const seed of [1, 2, 3]) {
  test(`times of every form: the scanner agrees with the full parse (seed ${seed})`, () => {
    const r = prng(seed);
    const text = Array.from({ length: 3000 }, (_, i) => timeLine(r, i, false)).join("\n") + "\n";
    const scanned = registryOf([["times.jsonl", text]], { chunkSize: 4096 });
    const parsed = registryOf([["times.jsonl", text]], { scanner: false, chunkSize: 4096 });
    assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
    assert.ok(scanned.diagnostics.badLineCount > 100, `only ${scanned.diagnostics.badLineCount} bad lines`);
  });
}

test("times of every documented form take the fast path: records are staged, not normalised in TypeScript", () => {
  const r = prng(9);
  const text = Array.from({ length: 3000 }, (_, i) => timeLine(r, i, true)).join("\n") + "\n";
  countingBatches((sizes) => {
    const scanned = registryOf([["times.jsonl", text]]);
    const parsed = registryOf([["times.jsonl", text]], { scanner: false });
    assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
    assert.equal(scanned.diagnostics.badLineCount, 0);
    const staged = sizes.reduce((sum, n) => sum + n, 0);
    // Only a record with a name, status or run not yet in the intern cache goes to TypeScript.
    assert.ok(staged >= scanned.size - 20, `${staged} of ${scanned.size} records staged`);
  });
});
