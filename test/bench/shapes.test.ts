import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { generateLog } from "../../bench/gen/records.ts";
import { type Shape, shapeNamed, SHAPES } from "../../bench/gen/shapes.ts";
import { CLOCK } from "../../src/read/time.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const RECORDS = 400;
const falyx = registryOf([["falyx.jsonl", generateLog(RECORDS, 3)]]);

for (const shape of Object.keys(SHAPES) as Shape[]) {
  test(`generator --shape ${shape}: the same executions, their times written another way`, () => {
    const text = generateLog(RECORDS, 3, { shape });
    const registry = registryOf([[`${shape}.jsonl`, text]]);
    assert.equal(registry.size, RECORDS);
    assert.equal(registry.diagnostics.badLineCount, 0);
    for (let i = 0; i < RECORDS; i++) {
      const name = registry.nameOf(i);
      assert.equal(shape === "escapes" ? name.split(" \u2014 ")[0] : name, falyx.nameOf(i), `record ${i}`);
      assert.equal(registry.statusOf(i), falyx.statusOf(i));
      // Falyx's start_wall is zone-less; the epoch and zoned shapes are instants of the same wall time.
      const start = registry.columns.start[i]!;
      assert.ok(Math.abs(start - falyx.columns.start[i]!) < 1000, `${shape} record ${i}: ${start}`);
      const duration = registry.columns.duration[i]!;
      assert.ok(Math.abs(duration - falyx.columns.duration[i]!) < 0.002, `${shape} record ${i}: ${duration} s`);
    }
    const clock = registry.columns.flags[0]! & 3;
    const zoneless = ["falyx", "iso-space", "wide", "escapes", "spaced"].includes(shape);
    assert.equal(clock, zoneless ? CLOCK.naive : CLOCK.instant);
  });
}

test("generator: an unknown shape is an error that lists the shapes", () => {
  assert.throws(() => shapeNamed("csv"), /unknown shape "csv" \(falyx, epoch-s, .*spaced\)/);
});

test("bench/run.mjs knows every shape of the generator", () => {
  const text = readFileSync(new URL("../../bench/run.mjs", import.meta.url), "utf8");
  const listed = /const SHAPE_NAMES = \[([^\]]*)\]/.exec(text)?.[1]?.match(/"[^"]+"/g)?.map((s) => JSON.parse(s));
  assert.deepEqual(listed, Object.keys(SHAPES));
});
