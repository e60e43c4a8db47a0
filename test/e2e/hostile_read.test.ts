import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { BUNDLES, ENV, run, RUNTIMES } from "../helpers/runtimes.ts";

const SAMPLE = "fixtures/logs/sample.jsonl";

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

/** Runs a bash script with `$EXECHIST` set to the program under `runtime`; its status, stdout and stderr. */
function bash(runtime: (typeof RUNTIMES)[number], script: string, env: Record<string, string> = {}) {
  const [name, command, prefix] = runtime;
  // Under `bun test` and `deno test` the "node" runtime is the test's own executable, which their
  // child_process turns into Node (with permissions, on Deno) only when it spawns it itself: Node from PATH here.
  const program = [name === "node" ? "node" : command, ...prefix].map((arg) => `'${arg}'`).join(" ");
  const result = spawnSync("bash", ["-c", script.replaceAll("$EXECHIST", program)], {
    cwd: ROOT,
    env: { ...ENV, ...env },
    maxBuffer: 1 << 26,
  });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

test("a pipe, a FIFO or /dev/stdin given as a file is read as standard input is, on every runtime", () => {
  inTempDir((dir) => {
    const expected = run(RUNTIMES[0]!, ["summary", "-o", "json", SAMPLE]);
    const fromStdin = run(RUNTIMES[0]!, ["summary", "-o", "json"], fs.readFileSync(path.join(ROOT, SAMPLE)));
    const fifo = path.join(dir, "log.fifo");
    assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
    const scripts: Array<[string, string, string]> = [
      // [what, script, the name bad lines and records are reported under]
      ["process substitution", `$EXECHIST summary -o json <(cat ${SAMPLE})`, "/dev/fd/"],
      ["/dev/stdin a pipe", `cat ${SAMPLE} | $EXECHIST summary -o json /dev/stdin`, "/dev/stdin"],
      ["/dev/fd/0 a file", `$EXECHIST summary -o json /dev/fd/0 < ${SAMPLE}`, "/dev/fd/0"],
      ["a FIFO", `cat ${SAMPLE} > '${fifo}' & $EXECHIST summary -o json '${fifo}'; wait`, fifo],
      ["gzip through a pipe", `$EXECHIST summary -o json <(cat ${SAMPLE}.gz)`, "/dev/fd/"],
    ];
    for (const runtime of RUNTIMES) {
      for (const [what, script, name] of scripts) {
        const got = bash(runtime, script);
        assert.deepEqual([got.status, got.stderr], [0, ""], `${runtime[0]}, ${what}`);
        const records = JSON.parse(got.stdout).records as Array<{ source: string }>;
        assert.ok(records.every((record) => record.source.startsWith(name)), `${runtime[0]}, ${what}`);
        const sourceless = (text: string) => text.replace(/"source":"[^"]*"/g, '"source":""');
        assert.equal(sourceless(got.stdout), sourceless(expected.stdout), `${runtime[0]}, ${what}`);
        assert.equal(sourceless(got.stdout), sourceless(fromStdin.stdout), `${runtime[0]}, ${what}`);
      }
    }
  });
});

test("state reads a checkpoint from a pipe (process substitution, /dev/stdin) as from its file, on every runtime", () => {
  const checkpoint = "fixtures/checkpoint/completed.json";
  const expected = run(RUNTIMES[0]!, ["state", "-o", "json", checkpoint]);
  assert.equal(expected.status, 0, expected.stderr);
  for (const runtime of RUNTIMES) {
    const got = bash(runtime, `$EXECHIST state -o json <(cat ${checkpoint})`);
    const fileless = (text: string) => text.replace(/"file": "[^"]*"/, '"file": ""');
    assert.deepEqual([got.status, fileless(got.stdout), got.stderr], [0, fileless(expected.stdout), ""], runtime[0]);
    assert.match(got.stdout, /"file": "\/dev\/fd\/\d+"/, runtime[0]);
    const piped = bash(runtime, `cat ${checkpoint} | $EXECHIST state -o json /dev/stdin`);
    assert.deepEqual([piped.status, fileless(piped.stdout), piped.stderr], [0, fileless(expected.stdout), ""]);
  }
});

test("a stream copied to a temporary file (standard input, gzip) keeps no more of a long line than the limit, and reads as the file does", () => {
  inTempDir((dir) => {
    const log = path.join(dir, "zeros_then_records.jsonl");
    const sample = fs.readFileSync(path.join(ROOT, SAMPLE));
    fs.writeFileSync(log, Buffer.concat([Buffer.alloc(300_000), Buffer.from("\n"), sample]));
    spawnSync("bash", ["-c", `gzip -c '${log}' > '${log}.gz'`]);
    const limit = { EXECHIST_MAX_LINE_MIB: String(64 / 1024) }; // 64 KiB
    const expected = run(RUNTIMES[0]!, ["summary", "-o", "json", log], undefined, limit);
    assert.equal(expected.stderr, `${log}:1: line too long (more than 64 KiB)\n`);
    const sourceless = (text: string) => text.replace(/"source":"[^"]*:/g, '"source":"');
    for (const runtime of RUNTIMES) {
      const piped = run(runtime, ["summary", "-o", "json"], fs.readFileSync(log), limit);
      assert.deepEqual([piped.stdout, piped.stderr], [
        sourceless(expected.stdout).replaceAll('"source":"', '"source":"<stdin>:'),
        "<stdin>:1: line too long (more than 64 KiB)\n",
      ], runtime[0]);
      const gz = run(runtime, ["summary", "-o", "json", `${log}.gz`], undefined, limit);
      assert.equal(sourceless(gz.stdout), sourceless(expected.stdout), runtime[0]);
      assert.equal(gz.stderr, `${log}.gz:1: line too long (more than 64 KiB)\n`, runtime[0]);
    }
  });
});

test("300 logs read under a limit of 64 open files: one at a time, and read back later, on every runtime", () => {
  inTempDir((dir) => {
    const files: string[] = [];
    for (let i = 0; i < 300; i++) {
      const file = path.join(dir, `log-${String(i).padStart(3, "0")}.jsonl`);
      const failed = { name: `job-${i}`, status: "error", exception: `E${i}`, traceback: `traceback of ${i}` };
      fs.writeFileSync(file, `${JSON.stringify(failed)}\n${JSON.stringify({ name: "ok", result: i })}\n`);
      files.push(file);
    }
    const argv = ["report", "-o", "junit", ...files];
    const expected = run(RUNTIMES[0]!, argv);
    assert.equal(expected.status, 1, expected.stderr);
    assert.ok(expected.stdout.includes("traceback of 0") && expected.stdout.includes("traceback of 299"));
    for (const runtime of RUNTIMES) {
      const got = bash(runtime, `ulimit -n 64 && $EXECHIST ${argv.map((arg) => `'${arg}'`).join(" ")}`);
      assert.deepEqual([got.status, got.stdout, got.stderr], [expected.status, expected.stdout, ""], runtime[0]);
    }
  });
});

test("a log with a name, status or run id per record reads on two threads as on one, on every runtime", () => {
  inTempDir((dir) => {
    const log = path.join(dir, "distinct.jsonl");
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({
        index: i,
        name: i < 10_000 ? `task-${i}` : `task-${i % 7}`,
        status: i % 3 === 0 ? `status-${i}` : "success",
        run_id: i >= 5_000 ? `run-${i}` : "run",
        duration: i / 1000,
      }));
    fs.writeFileSync(log, lines.join("\n") + "\n");
    const argvs = [["summary", "-o", "json", "--group-by", "name", log], ["summary", "-o", "csv", "-s", "other", log]];
    for (const argv of argvs) {
      const expected = run(RUNTIMES[0]!, argv, undefined, ONE_THREAD);
      assert.equal(expected.status, 0, expected.stderr);
      for (const runtime of [...RUNTIMES, ...BUNDLES]) {
        const got = run(runtime, [...argv, "--debug"], undefined, TWO_THREADS);
        // Whether the worker stops depends on whether it read a chunk before this thread read them all (see
        // test/runtime/scan_worker.test.ts): either way the output is one thread's.
        assert.match(
          got.stderr,
          /: 20000 records on 2 threads( \(1 stopped early: many distinct names, statuses or run ids\))?\n/,
          `${runtime[0]}: ${got.stderr}`,
        );
        assert.deepEqual([got.status, got.stdout], [expected.status, expected.stdout], runtime[0]);
      }
    }
  });
});
