import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { loadColors } from "../../src/cli/context.ts";
import { loadPicocolors } from "../../src/runtime/picocolors.ts";

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "../..");

const HIDDEN = { loadPicocolors: () => loadPicocolors(true) };

test("colours: picocolors' escape codes, and a nested colour's close reopens the outer one", async () => {
  const before = globalThis.process;
  const c = await loadColors(true, HIDDEN);
  assert.equal(globalThis.process, before, "process is given back after picocolors is loaded");
  assert.equal(c.red("x"), "\x1b[31mx\x1b[39m");
  assert.equal(c.green("x"), "\x1b[32mx\x1b[39m");
  assert.equal(c.yellow("x"), "\x1b[33mx\x1b[39m");
  assert.equal(c.cyan("x"), "\x1b[36mx\x1b[39m");
  assert.equal(c.magenta("x"), "\x1b[35mx\x1b[39m");
  assert.equal(c.bold("x"), "\x1b[1mx\x1b[22m");
  assert.equal(c.dim("x"), "\x1b[2mx\x1b[22m");
  assert.equal(c.red(`a${c.green("b")}c${c.cyan("d")}e`), "\x1b[31ma\x1b[32mb\x1b[31mc\x1b[36md\x1b[31me\x1b[39m");
  assert.equal(c.bold(`a${c.dim("b")}c`), "\x1b[1ma\x1b[2mb\x1b[22m\x1b[1mc\x1b[22m");
  assert.equal(c.dim(`${c.bold("b")}`), "\x1b[2m\x1b[1mb\x1b[22m\x1b[2m\x1b[22m");
  assert.equal(c.red(""), "\x1b[31m\x1b[39m");
});

test("colours off: every function gives the text as it is", async () => {
  const c = await loadColors(false, HIDDEN);
  for (const paint of [c.red, c.green, c.yellow, c.cyan, c.magenta, c.bold, c.dim]) {
    assert.equal(paint("a\x1b[39mb"), "a\x1b[39mb");
  }
});

test("the bundle imports no node: module at its top (on Deno the first one starts its Node layer, ~45 ms)", () => {
  for (const file of ["dist/exechist.mjs", "dist/scan_worker.mjs"]) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    assert.ok(text.length > 10_000, `${file} is built`);
    assert.doesNotMatch(text, /^import [^;]*from\s*"node:/m, `${file} imports a node: module statically`);
    assert.doesNotMatch(text, /require\("node:/, `${file} requires a node: module`);
  }
});

test("the bundle holds yargs and picocolors, and cliui and picocolors load only when used", () => {
  const text = fs.readFileSync(path.join(ROOT, "dist/exechist.mjs"), "utf8");
  assert.match(text, /class YargsInstance\b/, "yargs");
  assert.match(text, /class YargsParser\b/, "yargs-parser");
  assert.match(text, /createColors/, "picocolors");
  // A bundled dynamic import runs the module's code only when it is reached.
  assert.match(text, /Promise\.resolve\(\)\.then\(\(\) => \(init_cliui\(\), exports_cliui\)\)/);
  assert.deepEqual(text.match(/.{40}require_picocolors\(\)/g)?.map((at) => at.includes("Promise.resolve().then")), [
    true,
  ]);
});
