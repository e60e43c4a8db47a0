import assert from "node:assert/strict";
import { test } from "node:test";
import { sameTime } from "../../src/runtime/index_cache.ts";

test("index stamps: file times match at the coarser clock's precision, and only there", () => {
  const node = 1796165360271.4897; // Node and Bun: fractions of a millisecond
  assert.equal(sameTime(node, node), true);
  assert.equal(sameTime(node, 1796165360271), true, "Deno's modification time: whole milliseconds");
  assert.equal(sameTime(1796165360000, node), true, "Deno's change time: whole seconds");
  assert.equal(sameTime(1796165360271, 1796165360000), true, "a whole millisecond against a whole second");
  assert.equal(sameTime(node, 1796165360272), false);
  assert.equal(sameTime(node, 1796165361000), false);
  assert.equal(sameTime(node, node + 0.1), false, "two fine clocks must agree exactly");
  assert.equal(sameTime(1796165360271, 1796165360272), false);
  assert.equal(sameTime(1796165361000, 1796165360000), false);
});
