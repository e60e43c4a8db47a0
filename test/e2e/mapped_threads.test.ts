import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { BUNDLES, run, RUNTIMES } from "../helpers/runtimes.ts";

/** One record, with the standard keys or renamed (the run id and the error under objects of their own). */
function line(i: number, mapped: boolean): string {
  const start = `2025-06-01T10:${String(i % 60).padStart(2, "0")}:00Z`;
  const failed = i % 7 === 0;
  if (!mapped) {
    return JSON.stringify({
      name: `job-${i % 11}`,
      start_wall: start,
      duration_ms: i % 500,
      status: i % 13 === 0 ? "cancelled" : undefined,
      exception: failed ? `E${i}` : undefined,
      run_id: `r${i % 3}`,
      result: { n: i },
    });
  }
  return JSON.stringify({
    logger: "svc",
    name: "svc", // the logger's: not the action's any more
    task: `job-${i % 11}`,
    at: start,
    ms: i % 500,
    outcome: i % 13 === 0 ? "cancelled" : undefined,
    err: failed ? { message: `E${i}` } : undefined,
    ctx: { run: `r${i % 3}` },
    out: { n: i },
  });
}

const MAP = [
  "--map",
  "name=task",
  "--map",
  "start=at",
  "--map",
  "duration_ms=ms",
  "--map",
  "status=outcome",
  "--map",
  "exception=err.message",
  "--map",
  "run=ctx.run",
  "--map",
  "result=out",
];

test("a mapped log reads as the same log with the standard keys, on one thread and two, on every runtime", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-map-"));
  const [standard, mapped] = ["standard", "mapped"].map((name) => path.join(dir, name, "run.jsonl"));
  for (const [file, isMapped] of [[standard!, false], [mapped!, true]] as const) {
    fs.mkdirSync(path.dirname(file));
    const lines = Array.from({ length: 12000 }, (_, i) => (i % 3001 === 5 ? `broken ${i}` : line(i, isMapped)));
    fs.writeFileSync(file, lines.join("\n") + "\n");
  }
  const one = { EXECHIST_THREADS: "1" };
  const two = { EXECHIST_THREADS: "2", EXECHIST_PARALLEL_MIB: "0.5" };
  try {
    for (const argv of [["summary", "-o", "json"], ["report", "-o", "ctrf"], ["result", "7"]]) {
      const expected = run(RUNTIMES[0]!, [...argv, standard!], undefined, one);
      assert.equal(expected.status, argv[0] === "report" ? 1 : 0, expected.stderr);
      const alone = run(RUNTIMES[0]!, [...argv, ...MAP, mapped!], undefined, one);
      const same = (text: string) => text.replaceAll(mapped!, standard!);
      assert.deepEqual([alone.status, same(alone.stdout), same(alone.stderr)], [
        expected.status,
        expected.stdout,
        expected.stderr,
      ]);
      for (const runtime of [...RUNTIMES, ...BUNDLES]) {
        const got = run(runtime, [...argv, ...MAP, mapped!], undefined, two);
        assert.deepEqual([got.status, got.stdout, got.stderr], [alone.status, alone.stdout, alone.stderr], runtime[0]);
      }
    }
    for (const runtime of [...RUNTIMES, ...BUNDLES]) {
      const debug = run(runtime, ["summary", "--debug", ...MAP, mapped!], undefined, two);
      assert.match(debug.stderr, /: 11996 records on 2 threads\n/, `${runtime[0]}: ${debug.stderr}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
