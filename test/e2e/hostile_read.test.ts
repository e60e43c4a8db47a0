import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { BUNDLES, run, RUNTIMES } from "../helpers/runtimes.ts";

/** A fresh temporary directory for one test, removed after it. */
function inTempDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-test-"));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ONE_THREAD = { EXECHIST_THREADS: "1" };
const TWO_THREADS = { EXECHIST_THREADS: "2", EXECHIST_PARALLEL_MIB: "0.25" };

test("lines over EXECHIST_MAX_LINE_MIB are bad lines, read past on one thread and two alike, on every runtime", () => {
  inTempDir((dir) => {
    const log = path.join(dir, "long_lines.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i === 1500) lines.push("\0".repeat(300_000)); // longer than a chunk: chunk bounds fall inside it
      else if (i % 400 === 3) lines.push(JSON.stringify({ name: `long-${i}`, result: "x".repeat(2000 + i) }));
      else lines.push(JSON.stringify({ index: i, name: `job-${i % 7}`, result: "y".repeat(i % 500) }));
    }
    fs.writeFileSync(log, lines.join("\n") + "\n");
    const limit = { EXECHIST_MAX_LINE_MIB: String(1 / 1024) }; // 1 KiB
    const argvs = [["summary", "-o", "json", log], ["result", "2999", log]];
    for (const argv of argvs) {
      const expected = run(RUNTIMES[0]!, argv, undefined, { ...ONE_THREAD, ...limit });
      assert.equal(expected.status, 0, expected.stderr);
      const bad = expected.stderr.split("\n").filter((line) => line.endsWith(": line too long (more than 1 KiB)"));
      assert.equal(bad.length, 9, expected.stderr); // 8 long records and the line of NULs (the first 10 are shown)
      assert.ok(bad.includes(`${log}:1501: line too long (more than 1 KiB)`), expected.stderr);
      for (const runtime of [...RUNTIMES, ...BUNDLES]) {
        const got = run(runtime, [...argv, "--debug"], undefined, { ...TWO_THREADS, ...limit });
        assert.match(got.stderr, /: 2991 records on 2 threads\n/, `${runtime[0]}: ${got.stderr}`);
        const stderr = got.stderr.split("\n").filter((line) => !line.startsWith("exechist: ")).join("\n");
        assert.deepEqual([got.status, got.stdout, stderr], [expected.status, expected.stdout, expected.stderr]);
      }
    }
  });
});
