import assert from "node:assert/strict";
import { test } from "node:test";
import { generateLog } from "../../bench/gen/records.ts";
import { type Shape, SHAPES } from "../../bench/gen/shapes.ts";
import { countingBatches } from "../helpers/batch_spy.ts";
import { columnsOf } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

for (const shape of Object.keys(SHAPES) as Shape[]) {
  test(`the benchmark's ${shape} shape: the fast path agrees with the full parse and stages the records`, () => {
    const text = generateLog(1500, 5, { shape });
    countingBatches((sizes) => {
      const scanned = registryOf([[`${shape}.jsonl`, text]], { chunkSize: 1 << 16 });
      const parsed = registryOf([[`${shape}.jsonl`, text]], { scanner: false });
      assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
      assert.equal(scanned.size, 1500);
      const staged = sizes.reduce((sum, n) => sum + n, 0);
      // A record whose name (200 of them), status or run is not in the intern cache yet goes to TypeScript.
      assert.ok(staged > scanned.size * 0.75, `${staged} of ${scanned.size} records staged`);
    });
  });
}
