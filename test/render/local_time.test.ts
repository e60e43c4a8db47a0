import assert from "node:assert/strict";
import { test } from "node:test";
import { CLOCK } from "../../src/read/time.ts";
import { formatIsoTime, formatTableTime, type LocalZone } from "../../src/render/time.ts";

const at = (iso: string) => ({ clock: CLOCK.instant, micros: Date.parse(iso) * 1000 });

const cases: Array<[string, LocalZone, string]> = [
  // [zone, minutes east of UTC as the runtime gives them, the instant 1900-01-01T00:00:00Z shown]
  ["UTC under --local", () => 0, "1900-01-01T00:00:00Z"],
  ["whole hours", () => 120, "1900-01-01T02:00:00+02:00"],
  ["minutes", () => 345, "1900-01-01T05:45:00+05:45"],
  ["Kathmandu's local mean time, +05:41:16", () => 341 + 16 / 60, "1900-01-01T05:41:16+05:41:16"],
  ["Monrovia's, -00:44:30", () => -44.5, "1899-12-31T23:15:30-00:44:30"],
  ["west with minutes, -03:30", () => -210, "1899-12-31T20:30:00-03:30"],
];

for (const [name, local, expected] of cases) {
  test(`--local offsets keep their seconds: ${name}`, () => {
    assert.equal(formatIsoTime(at("1900-01-01T00:00:00Z"), local), expected);
  });
}

test("--local in the table: the offset with seconds after the milliseconds", () => {
  assert.equal(
    formatTableTime(at("1900-01-01T00:00:00.250Z"), () => 341 + 16 / 60),
    "1900-01-01 05:41:16.250+05:41:16",
  );
});
