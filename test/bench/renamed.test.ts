import assert from "node:assert/strict";
import { test } from "node:test";
import { RENAMED_MAP } from "../../bench/gen/renamed.ts";
import { generateLog } from "../../bench/gen/records.ts";
import { parseMapSpecs } from "../../src/cli/input_settings.ts";
import { compileFieldMap } from "../../src/read/field_map.ts";
import { columnsOf } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

test("generator --renamed: other keys, read with the bench's --map as the same log with Falyx's", () => {
  const plain = generateLog(500, 4);
  const renamed = generateLog(500, 4, { renamed: true });
  assert.ok(!renamed.includes('"name"') && renamed.includes('"task"'));
  const specs = RENAMED_MAP.filter((_, i) => i % 2 === 1);
  const fieldMap = compileFieldMap(parseMapSpecs(specs));
  const expected = registryOf([["log.jsonl", plain]]);
  const got = registryOf([["log.jsonl", renamed]], { fieldMap });
  // Every column but the byte offsets (the keys' lengths differ).
  const rows = (registry: typeof got) =>
    (columnsOf(registry) as { rows: unknown[][] }).rows.map((row) => row.filter((_, i) => i !== 9));
  assert.deepEqual(rows(got), rows(expected));
  assert.equal(got.size, 500);
  for (const pos of [0, 17, 499]) {
    const { fields: _a, ...mine } = got.details(pos);
    const { fields: _b, ...theirs } = expected.details(pos);
    assert.deepEqual(mine, theirs);
  }
});
