import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { ENV, run, RUNTIMES } from "../helpers/runtimes.ts";

const SAMPLE = "fixtures/logs/sample.jsonl";

function withDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-test-"));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A log of `n` records, every `failEvery`-th one failed (0: none), with long results: a report of it is well over 64 KiB. */
function bigLog(n: number, failEvery: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const failed = failEvery > 0 && i % failEvery === 0;
    lines.push(JSON.stringify({
      index: i,
      name: `task-${i % 17}`,
      duration: i / 1000,
      status: failed ? "error" : "ok",
      exception: failed ? `ValueError('item ${i}')` : null,
      result: "x".repeat(200),
    }));
  }
  return lines.join("\n") + "\n";
}

function shellWords(runtime: (typeof RUNTIMES)[number], argv: string[]): string {
  const [, command, prefix] = runtime;
  return [command, ...prefix, ...argv].map((a) => `'${a}'`).join(" ");
}

test("a reader gone (| head) keeps the report's own status on every runtime: 1 with failures, 0 without", () => {
  withDir((dir) => {
    const failing = path.join(dir, "failing.jsonl");
    const clean = path.join(dir, "clean.jsonl");
    fs.writeFileSync(failing, bigLog(5000, 50));
    fs.writeFileSync(clean, bigLog(5000, 0));
    for (const runtime of RUNTIMES) {
      for (const [log, format, expected] of [[failing, "junit", 1], [failing, "markdown", 1], [clean, "junit", 0]]) {
        const shell = shellWords(runtime, ["report", "-o", String(format), String(log)]);
        const result = spawnSync("bash", ["-c", `${shell} | head -n 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
          cwd: ROOT,
          env: ENV,
        });
        const where = `${runtime[0]} report -o ${format} ${path.basename(String(log))}`;
        assert.equal(result.stdout.toString().trim(), `status=${expected}`, `${where}: ${result.stderr.toString()}`);
        assert.equal(result.stderr.toString(), "", `${where} stays quiet`);
      }
    }
  });
});

test("standard output on a full disk (/dev/full): the write error in words, status 2, alike on every runtime", {
  skip: !fs.existsSync("/dev/full"),
}, () => {
  for (const argv of [["summary", SAMPLE], ["report", "-o", "junit", SAMPLE], ["state", "fixtures/checkpoint/runs"]]) {
    for (const [name, command, prefix] of RUNTIMES) {
      const full = fs.openSync("/dev/full", "w");
      try {
        const result = spawnSync(command, [...prefix, ...argv], {
          cwd: ROOT,
          env: ENV,
          stdio: ["ignore", full, "pipe"],
        });
        assert.equal(
          result.stderr.toString(),
          "exechist: Cannot write standard output: no space left on device\n",
          `${name} ${argv[0]}`,
        );
        assert.equal(result.status, 2, `${name} ${argv[0]}`);
      } finally {
        fs.closeSync(full);
      }
    }
  }
});

test("a temporary file that cannot be written (a file size limit) is named as such, not as damaged gzip, on every runtime", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    fs.writeFileSync(log, bigLog(20000, 0)); // ~4.6 MB
    const gz = log + ".gz";
    const zipped = spawnSync("gzip", ["-k", log]);
    assert.equal(zipped.status, 0, zipped.stderr?.toString());
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    const cases: Array<[string, string[], string | undefined, string]> = [
      ["a gzip file", ["summary", gz], undefined, `the decompressed "${gz}"`],
      ["gzip on standard input", ["summary"], gz, 'the decompressed "<stdin>"'],
      ["standard input", ["summary"], log, "<stdin>"],
    ];
    for (const runtime of RUNTIMES) {
      for (const [what, argv, stdin, purpose] of cases) {
        // Files may grow to 1 MiB; SIGXFSZ ignored, so a write past it fails with EFBIG.
        const shell = `trap '' XFSZ; ulimit -f 1024; exec ${shellWords(runtime, argv)}${stdin ? ` < '${stdin}'` : ""}`;
        const result = spawnSync("bash", ["-c", shell], { cwd: ROOT, env: { ...ENV, TMPDIR: tmp } });
        assert.equal(
          result.stderr.toString(),
          `exechist: Cannot write a temporary file in "${tmp}" to hold ${purpose}: file too large\n`,
          `${runtime[0]}, ${what}`,
        );
        assert.equal(result.status, 2, `${runtime[0]}, ${what}`);
        assert.deepEqual(fs.readdirSync(tmp), [], `${runtime[0]}, ${what}: nothing left behind`);
      }
    }
  });
});

test("--local shows the seconds of historical offsets (Kathmandu 1900: +05:41:16), alike on every runtime", () => {
  withDir((dir) => {
    const log = path.join(dir, "old.jsonl");
    fs.writeFileSync(
      log,
      [
        { name: "lmt", start_wall: "1900-01-01T00:00:00Z", end_wall: "1900-01-01T00:00:01.5Z" },
        { name: "today", start_wall: "2025-06-01T00:00:00Z" },
        { name: "monrovia", start_wall: "1950-06-01T12:00:00Z" },
      ].map((r) => JSON.stringify(r)).join("\n") + "\n",
    );
    const zones: Array<[string, string[]]> = [
      ["Asia/Kathmandu", ["1900-01-01T05:41:16+05:41:16", "2025-06-01T05:45:00+05:45", "1950-06-01T17:30:00+05:30"]],
      ["Africa/Monrovia", ["1899-12-31T23:16:52-00:43:08", "2025-06-01T00:00:00Z", "1950-06-01T11:15:30-00:44:30"]],
    ];
    for (const [zone, starts] of zones) {
      const argv = ["summary", "--local", "-o", "json", log];
      const [first, ...rest] = RUNTIMES.map((runtime) => run(runtime, argv, undefined, { TZ: zone }));
      const shown = JSON.parse(first!.stdout).records.map((r: { start: string }) => r.start);
      assert.deepEqual(shown, starts, zone);
      for (const [i, other] of rest.entries()) {
        assert.equal(other.stdout, first!.stdout, `${RUNTIMES[i + 1]![0]}, ${zone}`);
      }
      const table = run(RUNTIMES[0]!, ["summary", "--local", log], undefined, { TZ: zone }).stdout;
      assert.ok(table.includes(starts[0]!.replace("T", " ").replace(/(:\d\d)([+-])/, "$1.000$2")), table);
    }
  });
});
