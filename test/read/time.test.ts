import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyTimeNumber, CLOCK, parseTimeString, type TimeReading } from "../../src/read/time.ts";
import { formatIsoTime } from "../../src/render/time.ts";

const T = Date.UTC(2025, 5, 1, 9, 30, 0) * 1000; // 2025-06-01T09:30:00Z in micros

const numbers: Array<[string, number, number, number]> = [
  // [name, input, clock, micros]
  ["perf_counter reading is monotonic", 81234.5678125, CLOCK.monotonic, 81234567812.5],
  ["zero is monotonic", 0, CLOCK.monotonic, 0],
  ["just below 1e9 is monotonic", 999_999_999, CLOCK.monotonic, 999_999_999e6],
  ["epoch seconds", 1748770200, CLOCK.instant, T],
  ["epoch seconds with fraction", 1748770200.25, CLOCK.instant, T + 250000],
  ["epoch milliseconds", 1748770200123, CLOCK.instant, T + 123000],
  ["epoch microseconds", 1748770200123456, CLOCK.instant, T + 123456],
  ["epoch nanoseconds", 1748770200123456789, CLOCK.instant, T + 123456],
];

for (const [name, input, clock, micros] of numbers) {
  test(`time number: ${name}`, () => {
    const out: TimeReading = { clock: CLOCK.none, micros: 0 };
    assert.equal(classifyTimeNumber(input, out), true);
    assert.equal(out.clock, clock);
    assert.equal(out.micros, micros);
  });
}

const strings: Array<[string, string, number, number, string]> = [
  // [name, input, clock, micros, shown in UTC]
  [
    "naive ISO with microseconds (Python isoformat)",
    "2025-06-01T09:30:00.123456",
    CLOCK.naive,
    T + 123456,
    "2025-06-01T09:30:00.123456",
  ],
  ["naive ISO without fraction", "2025-06-01T09:30:00", CLOCK.naive, T, "2025-06-01T09:30:00"],
  ["naive with a space", "2025-06-01 09:30:00.5", CLOCK.naive, T + 500000, "2025-06-01T09:30:00.500"],
  ["date only", "2025-06-01", CLOCK.naive, T - 9.5 * 3600e6, "2025-06-01T00:00:00"],
  ["UTC Z", "2025-06-01T09:30:00Z", CLOCK.instant, T, "2025-06-01T09:30:00Z"],
  ["offset +02:00", "2025-06-01T11:30:00.250+02:00", CLOCK.instant, T + 250000, "2025-06-01T09:30:00.250Z"],
  ["offset -0530", "2025-06-01T04:00:00-0530", CLOCK.instant, T, "2025-06-01T09:30:00Z"],
  [
    "nanosecond fraction truncated to micros",
    "2025-06-01T09:30:00.123456789Z",
    CLOCK.instant,
    T + 123456,
    "2025-06-01T09:30:00.123456Z",
  ],
  ["OTLP nanoseconds as a string", "1748770200123456789", CLOCK.instant, T + 123456, "2025-06-01T09:30:00.123456Z"],
  ["epoch seconds as a string", "1748770200", CLOCK.instant, T, "2025-06-01T09:30:00Z"],
  [
    "the last nanosecond of 9999 stays in 9999",
    "9999-12-31T23:59:59.999999999Z",
    CLOCK.instant,
    Date.UTC(10000, 0, 1) * 1000, // the nearest double
    "9999-12-31T23:59:59.999968Z",
  ],
  [
    "the last nanosecond of 9999, naive",
    "9999-12-31T23:59:59.999999999",
    CLOCK.naive,
    Date.UTC(10000, 0, 1) * 1000,
    "9999-12-31T23:59:59.999968",
  ],
  [
    "the first day of year 1",
    "0001-01-01T00:00:00Z",
    CLOCK.instant,
    -62135596800e6,
    "0001-01-01T00:00:00Z",
  ],
];

for (const [name, input, clock, micros, shown] of strings) {
  test(`time string: ${name}`, () => {
    const out: TimeReading = { clock: CLOCK.none, micros: 0 };
    assert.equal(parseTimeString(input, out), true);
    assert.equal(out.clock, clock);
    assert.equal(out.micros, micros);
    assert.equal(formatIsoTime({ clock: out.clock, micros: out.micros }, null), shown);
  });
}

for (
  const bad of [
    "yesterday",
    "2025-13-01T00:00:00",
    "2025-02-30",
    "2025-06-01T25:00:00",
    "2025-06-01T09:30:00+2",
    "12/05/2025",
    "",
    "1.2.3",
    "0000-01-01T00:00:00Z",
    "1e30",
    "-1000000000000",
    "123456789012345678901234567",
  ]
) {
  test(`time string rejected: "${bad}"`, () => {
    assert.equal(parseTimeString(bad, { clock: CLOCK.none, micros: 0 }), false);
  });
}

for (
  const [name, input] of [
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["a negative epoch in milliseconds (was 1938)", -1e12],
    ["a negative epoch in seconds", -1e9],
    ["1e30 (was shown as 0NaN-NaN-NaN)", 1e30],
    ["nanoseconds past the year 9999", 2.6e20],
  ] as const
) {
  test(`time number rejected: ${name}`, () => {
    assert.equal(classifyTimeNumber(input, { clock: CLOCK.none, micros: 0 }), false);
  });
}

test("time number: a negative number below 1e9 in magnitude is a monotonic reading", () => {
  const out: TimeReading = { clock: CLOCK.none, micros: 0 };
  assert.equal(classifyTimeNumber(-5, out), true);
  assert.equal(out.clock, CLOCK.monotonic);
});

test("time number: nanoseconds in the year 9999 are an instant", () => {
  const out: TimeReading = { clock: CLOCK.none, micros: 0 };
  assert.equal(classifyTimeNumber(2.53e20, out), true);
  assert.equal(formatIsoTime({ clock: out.clock, micros: out.micros }, null), "9987-04-02T17:46:40Z");
});
