import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { exactExp, twoSidedP } from "../../src/compare/normal.ts";
import { assertGolden } from "../helpers/golden.ts";

test("exactExp: within a few units in the last place of Math.exp, and its edges", () => {
  let worst = 0;
  for (let i = 0; i <= 100_000; i++) {
    const x = -708 + i * 0.01417;
    worst = Math.max(worst, Math.abs(exactExp(x) - Math.exp(x)) / Math.exp(x));
  }
  assert.ok(worst < 1e-15, `worst relative error ${worst}`);
  assert.deepEqual([exactExp(0), exactExp(-1e-20), exactExp(-709), exactExp(710)], [1, 1, 0, Infinity]);
  assert.ok(Number.isNaN(exactExp(NaN)));
});

test("p-values are the same bits on Node, Bun and Deno (Math.exp's last bit is not)", () => {
  // One golden for every runtime: with Math.exp, each of the three wrote a different digest.
  const digest = createHash("sha256");
  for (let i = 0; i < 50_000; i++) digest.update(`${twoSidedP(i * 0.000173)}\n`);
  for (let i = 0; i < 50_000; i++) digest.update(`${exactExp(-50 + i * 0.001037)}\n`);
  assertGolden("compare/p_value_digest.txt", digest.digest("hex") + "\n");
});
