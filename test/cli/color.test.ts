import assert from "node:assert/strict";
import { test } from "node:test";
import { decideColor } from "../../src/cli/context.ts";
import { FakeIo, fixture, runCli } from "../helpers/fake_io.ts";

const cases: Array<[string, { tty: boolean; env: Record<string, string> }, boolean | undefined, boolean]> = [
  // [name, terminal and environment, --color flag, colour on]
  ["terminal", { tty: true, env: {} }, undefined, true],
  ["pipe", { tty: false, env: {} }, undefined, false],
  ["NO_COLOR on a terminal", { tty: true, env: { NO_COLOR: "1" } }, undefined, false],
  ["FORCE_COLOR on a pipe", { tty: false, env: { FORCE_COLOR: "1" } }, undefined, true],
  ["FORCE_COLOR=0 on a terminal", { tty: true, env: { FORCE_COLOR: "0" } }, undefined, false],
  ["FORCE_COLOR wins over NO_COLOR", { tty: false, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }, undefined, true],
  ["--no-color wins over FORCE_COLOR", { tty: true, env: { FORCE_COLOR: "1" } }, false, false],
  ["--color wins over NO_COLOR", { tty: false, env: { NO_COLOR: "1" } }, true, true],
  ["TERM=dumb", { tty: true, env: { TERM: "dumb" } }, undefined, false],
  ["CI=true alone does not colour a pipe", { tty: false, env: { CI: "true" } }, undefined, false],
];

for (const [name, world, flag, expected] of cases) {
  test(`colour: ${name}`, () => {
    const io = new FakeIo({ stdoutIsTTY: world.tty, env: world.env });
    assert.equal(decideColor(io, { flag }), expected);
  });
}

const ESC = "\u001b[";
const SAMPLE = fixture("logs", "sample.jsonl");

test("the table is coloured with --color; machine formats never are", async () => {
  const table = await runCli(["summary", "--color", SAMPLE]);
  assert.ok(table.stdout.includes(ESC));
  for (const format of ["json", "ndjson", "csv", "markdown"]) {
    const run = await runCli(["summary", "--color", "-o", format, SAMPLE], { env: { FORCE_COLOR: "1" } });
    assert.ok(!run.stdout.includes(ESC), format);
  }
  const json = await runCli(["result", "3", "--color", "-o", "json", SAMPLE]);
  assert.ok(!json.stdout.includes(ESC));
  const text = await runCli(["result", "3", "--color", SAMPLE]);
  assert.ok(text.stdout.includes(ESC));
});
