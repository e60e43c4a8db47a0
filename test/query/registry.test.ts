import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const sample = fs.readFileSync(path.join(ROOT, "fixtures", "logs", "sample.jsonl"));

test("registry lookups by index, name, status and run, in input order", () => {
  const registry = registryOf([["sample.jsonl", sample]]);
  assert.deepEqual(registry.positionsOfIndex(3), [3]);
  assert.deepEqual(Array.from(registry.positionsOfName("deploy")), [3, 4, 6]);
  assert.deepEqual(Array.from(registry.positionsOfStatus("error")), [3, 6]);
  assert.deepEqual(Array.from(registry.positionsOfRun("run-7f3a")), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(Array.from(registry.positionsOfRun("other")), []);
});

test("latestPosition skips ignore_in_history, over all records or the given ones", () => {
  const registry = registryOf([["sample.jsonl", sample]]);
  assert.equal(registry.isIgnored(8), true);
  assert.equal(registry.latestPosition(), 7);
  assert.equal(registry.latestPosition([2, 5, 8]), 5);
  assert.equal(registry.latestPosition([8]), -1);
});
