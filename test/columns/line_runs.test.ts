import assert from "node:assert/strict";
import { test } from "node:test";
import { lineAt, LineRunsBuilder } from "../../src/columns/line_runs.ts";
import { prng } from "../helpers/gen_lines.ts";

/** Lines of records on consecutive lines, with `skip(i)` blank or bad lines before record i. */
function linesOf(count: number, skip: (i: number) => number, first = 1): number[] {
  const lines: number[] = [];
  let line = first - 1;
  for (let i = 0; i < count; i++) lines.push(line += 1 + skip(i));
  return lines;
}

test("runs: one for consecutive lines, a new one after each skipped line; lineAt reads every record back", () => {
  const random = prng(3);
  for (const gap of [0, 0.01, 0.3, 1]) {
    const lines = linesOf(2000, () => (random() < gap ? 1 + Math.floor(random() * 3) : 0));
    const builder = new LineRunsBuilder();
    lines.forEach((line, pos) => builder.add(pos, line));
    assert.deepEqual(lines.map((_, pos) => lineAt(builder.runs, pos)), lines, `gap ${gap}`);
    const breaks = lines.filter((line, pos) => pos === 0 || line !== lines[pos - 1]! + 1).length;
    assert.equal(builder.runs.starts.length, breaks);
  }
  const plain = new LineRunsBuilder();
  for (let pos = 0; pos < 5; pos++) plain.add(pos, pos + 1);
  assert.deepEqual(plain.runs, { starts: [0], lines: [1] });
});

test("append: parts read elsewhere join with their line base; a part that continues the last run merges into it", () => {
  const random = prng(9);
  for (let round = 0; round < 50; round++) {
    const sizes = Array.from({ length: 1 + Math.floor(random() * 5) }, () => Math.floor(random() * 40));
    const whole: number[] = [];
    const joined = new LineRunsBuilder();
    let lineBase = 0;
    for (const size of sizes) {
      // Each part counts its lines from 1, as a worker's range does.
      const own = linesOf(size, () => (random() < 0.2 ? 1 : 0), 1 + (random() < 0.3 ? 1 : 0));
      const part = new LineRunsBuilder();
      own.forEach((line, pos) => part.add(pos, line));
      joined.append(part.runs, whole.length, size, lineBase);
      whole.push(...own.map((line) => line + lineBase));
      lineBase = whole.length ? whole[whole.length - 1]! + Math.floor(random() * 2) : lineBase;
    }
    assert.deepEqual(whole.map((_, pos) => lineAt(joined.runs, pos)), whole, `sizes ${sizes}`);
    const breaks = whole.filter((line, pos) => pos === 0 || line !== whole[pos - 1]! + 1).length;
    assert.equal(joined.runs.starts.length, breaks, "runs as few as the breaks");
  }
  const front = new LineRunsBuilder();
  [1, 2, 3].forEach((line, pos) => front.add(pos, line));
  front.append({ starts: [0], lines: [1] }, 3, 4, 3); // lines 4..7 continue 1..3
  assert.deepEqual(front.runs, { starts: [0], lines: [1] });
  front.add(7, 8); // and so does the next record added
  assert.deepEqual(front.runs, { starts: [0], lines: [1] });
});
