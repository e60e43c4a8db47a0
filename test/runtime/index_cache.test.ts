import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { test } from "node:test";
import { nodeCacheFiles, writeAll, type WriteV } from "../../src/runtime/cache_files.ts";
import { type DenoCacheApi, denoCacheFiles } from "../../src/runtime/deno_cache_files.ts";
import { cacheDir, type CacheFiles, indexesToDrop, sameTime } from "../../src/runtime/index_cache.ts";

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

test("index cache directory: on by default under XDG_CACHE_HOME or HOME; EXECHIST_CACHE_DIR chooses; EXECHIST_CACHE=0 turns it off", () => {
  const dirOf = (vars: Record<string, string>) => cacheDir((name) => vars[name]);
  assert.equal(dirOf({ HOME: "/home/ada" }), "/home/ada/.cache/exechist");
  assert.equal(dirOf({ HOME: "/home/ada/" }), "/home/ada/.cache/exechist");
  assert.equal(dirOf({ HOME: "/home/ada", XDG_CACHE_HOME: "/var/cache/ada//" }), "/var/cache/ada/exechist");
  assert.equal(dirOf({ HOME: "/home/ada", EXECHIST_CACHE_DIR: "/tmp/idx" }), "/tmp/idx");
  assert.equal(dirOf({ HOME: "/home/ada", EXECHIST_CACHE: "1" }), "/home/ada/.cache/exechist");
  for (const off of ["0", "off", "No", "FALSE"]) {
    assert.equal(dirOf({ HOME: "/home/ada", EXECHIST_CACHE: off, EXECHIST_CACHE_DIR: "/tmp/idx" }), undefined, off);
  }
});

test("index cache pruning: the newest files are kept while there are at most so many and their bytes fit", () => {
  const files = [
    { name: "a", at: 5, bytes: 40 },
    { name: "b", at: 9, bytes: 30 },
    { name: "c", at: 1, bytes: 10 },
    { name: "d", at: 7, bytes: 20 },
  ];
  const dropped = (count: number, bytes: number) => indexesToDrop(files, count, bytes).map((f) => f.name).join("");
  assert.equal(dropped(16, 1000), "");
  assert.equal(dropped(2, 1000), "ac", "the two oldest beyond two files");
  assert.equal(dropped(16, 90), "c", "b, d and a make 90 bytes");
  assert.equal(dropped(16, 89), "ac", "a would pass 89 bytes: it and everything older go");
  assert.equal(dropped(16, 29), "bdac", "not even the newest fits");
  assert.equal(dropped(0, 1000), "bdac");
  assert.deepEqual(files.map((f) => f.name).join(""), "abcd", "the list given is left as it was");
});

test("index cache writing: pieces written in full, in order, however little each writev takes", async () => {
  const pieces = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9], [10, 11]].map((bytes) => new Uint8Array(bytes));
  for (const most of [1, 2, 3, 4, 7, 100]) {
    const file: number[] = [];
    const calls: number[] = [];
    const writev: WriteV = (rest, position, done) => {
      if (calls.push(position) > 50) return done(new Error("writes without end"), 0);
      const bytes = rest.flatMap((piece) => [...piece]).slice(0, most);
      bytes.forEach((byte, k) => (file[position + k] = byte));
      queueMicrotask(() => done(null, bytes.length));
    };
    await writeAll(writev, pieces);
    assert.deepEqual(file, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], `at most ${most} a call`);
    assert.equal(calls.length, Math.ceil(11 / most));
    assert.deepEqual(pieces.map((piece) => piece.length), [3, 0, 1, 5, 2], "the pieces given are left whole");
  }
  await assert.rejects(writeAll((_rest, _position, done) => done(new Error("disk full"), 0), pieces), /disk full/);
  await assert.rejects(writeAll((_rest, _position, done) => done(null, 0), pieces), /nothing written/);
  await writeAll(() => assert.fail("nothing to write"), [new Uint8Array(0)]);
});

/** The cache's files on this runtime: Node's `fs` (Node, Bun), and on Deno its own API as well. */
function runtimeFiles(): Array<[string, CacheFiles]> {
  const deno = (globalThis as { Deno?: DenoCacheApi }).Deno;
  return [
    ["node:fs", nodeCacheFiles],
    ...(deno === undefined ? [] : [["Deno", denoCacheFiles(deno)] as [string, CacheFiles]]),
  ];
}

test("index files are created owner-only and never through anything already there (a file, a link to one)", {
  skip: process.platform === "win32",
}, async () => {
  for (const [name, files] of runtimeFiles()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-cache-files-"));
    try {
      const cache = path.join(dir, "a", "cache");
      files.makeDir(cache, false);
      assert.equal(fs.statSync(cache).mode & 0o777, 0o700, `${name}: directory 0700`);
      const file = path.join(cache, "x.idx.1-00.tmp");
      await files.write(file, [new Uint8Array([1, 2, 3])]);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, `${name}: file 0600`);
      await assert.rejects(files.write(file, [new Uint8Array([9])]), Error, `${name}: a file already there`);
      assert.deepEqual([...fs.readFileSync(file)], [1, 2, 3]);
      const victim = path.join(dir, "victim");
      fs.writeFileSync(victim, "keep");
      const trap = path.join(cache, "y.idx.2-00.tmp");
      fs.symlinkSync(victim, trap);
      await assert.rejects(files.write(trap, [new Uint8Array([9])]), Error, `${name}: a link already there`);
      assert.equal(fs.readFileSync(victim, "utf8"), "keep", `${name}: not written through the link`);
      const dangling = path.join(cache, "z.idx.3-00.tmp");
      fs.symlinkSync(path.join(dir, "created-through-a-link"), dangling);
      await assert.rejects(files.write(dangling, [new Uint8Array([9])]), Error, `${name}: a dangling link`);
      assert.equal(fs.existsSync(path.join(dir, "created-through-a-link")), false);
      fs.chmodSync(cache, 0o755);
      files.makeDir(cache, false);
      assert.equal(fs.statSync(cache).mode & 0o777, 0o755, `${name}: left as it is`);
      files.makeDir(cache, true);
      assert.equal(fs.statSync(cache).mode & 0o777, 0o700, `${name}: tightened`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
