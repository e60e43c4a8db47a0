import assert from "node:assert/strict";
import { test } from "node:test";
import { columnsOf, generateLine, prng } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

for (const seed of [1, 2, 3, 4, 5]) {
  test(`scanner agrees with the full parse on 2,000 generated lines (seed ${seed})`, () => {
    const r = prng(seed);
    const text = Array.from({ length: 2000 }, () => generateLine(r)).join("\n") + "\n";
    const scanned = registryOf([["gen.jsonl", text]], { chunkSize: 4096 });
    const parsed = registryOf([["gen.jsonl", text]], { scanner: false, chunkSize: 4096 });
    assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
    // The generator must exercise both outcomes, or the comparison proves little.
    assert.ok(scanned.size > 200, `only ${scanned.size} good records`);
    assert.ok(scanned.diagnostics.badLineCount > 100, `only ${scanned.diagnostics.badLineCount} bad lines`);
    // The scanner decides most lines itself; the fallback is for the rare ones.
    assert.ok(scanned.diagnostics.fallbacks < 2000 * 0.5, `${scanned.diagnostics.fallbacks} fallbacks`);
  });
}

test("scanner agrees with the full parse on every fixture log", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { ROOT } = await import("../helpers/fake_io.ts");
  const dir = path.join(ROOT, "fixtures", "logs");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
  assert.ok(files.length >= 1);
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    assert.deepEqual(columnsOf(registryOf([[file, bytes]])), columnsOf(registryOf([[file, bytes]], { scanner: false })), file);
  }
});
