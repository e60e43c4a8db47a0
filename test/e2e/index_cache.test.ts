import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { withColumnZeroed, withHeader } from "../helpers/index_files.ts";
import { run, RUNTIMES } from "../helpers/runtimes.ts";

/** A log with what an index must keep: bad lines, positional and repeated indexes, statuses, runs, wall-clock ends. */
function writeLog(file: string, records: number): void {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    if (i % 700 === 3) lines.push(`not json ${i}`);
    else if (i % 3 === 0) {
      lines.push(JSON.stringify({ name: `job-${i % 7}`, status: "cancelled", duration: i / 9, run_id: `r${i % 4}` }));
    } else {
      lines.push(JSON.stringify({
        index: i % 5 ? undefined : i % 50, // some repeated, most positional
        name: `task-${i % 11}`,
        exception: i % 13 ? null : { type: "ValueError", message: `bad ${i}` },
        start_wall: `2025-06-01T10:${String(i % 60).padStart(2, "0")}:00Z`,
        end_wall: i % 2 ? `2025-06-01T10:${String(i % 60).padStart(2, "0")}:30Z` : undefined,
        result: { n: i },
      }));
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

const COMMANDS = (log: string): string[][] => [
  ["summary", "-o", "json", log],
  ["summary", "--group-by", "name", "-o", "json", log],
  ["result", "20", "-o", "json", log],
  ["result", "5", log], // more than 11 records have index 5: "and N more"
  ["result", "999999", log], // none has it
  ["report", "-o", "json", log],
];

/** Output and status without the --debug lines, which say how the log was read and what the cache did. */
function outcome(result: { status: number | null; stdout: string; stderr: string }) {
  return [
    result.status,
    result.stdout,
    result.stderr.split("\n").filter((l) => !/^exechist: (read |index cache)/.test(l)).join("\n"),
  ];
}

function withDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-cache-test-"));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [NODE] = RUNTIMES;

test("index cache: written on the first run, read on the next, same output as no cache, on every runtime", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    writeLog(log, 5000);
    const off = { EXECHIST_CACHE: "0", EXECHIST_CACHE_DIR: path.join(dir, "cache") };
    for (const runtime of RUNTIMES) {
      const cache = path.join(dir, `cache-${runtime[0]}`);
      const on = { EXECHIST_CACHE_DIR: cache, EXECHIST_CACHE_MIB: "0" };
      assert.match(
        run(runtime, ["summary", "--debug", log], undefined, on).stderr,
        /: 4992 records on 1 thread; writing the index cache\n(.*\n)*exechist: index cache written\n/,
      );
      assert.equal(fs.readdirSync(cache).filter((f) => f.endsWith(".idx")).length, 1, runtime[0]);
      for (const argv of COMMANDS(log)) {
        const expected = outcome(run(NODE!, argv, undefined, off));
        const got = run(runtime, [...argv, "--debug"], undefined, on);
        // `result` reads only the index column and the rows it shows.
        const cached = argv[0] === "result"
          ? /: 4992 records; from the index cache, kept the \d+ first of \d+ with index \d+\n/
          : /: 4992 records; from the index cache\n/;
        assert.match(got.stderr, cached, `${runtime[0]} ${argv.join(" ")}`);
        assert.deepEqual(outcome(got), expected, `${runtime[0]} ${argv.join(" ")}`);
      }
    }
    assert.equal(fs.existsSync(path.join(dir, "cache")), false, "EXECHIST_CACHE=0 wins over EXECHIST_CACHE_DIR");
    // An index written by one runtime serves the others (Deno's file times are coarser).
    for (const [writer, reader] of [[0, 2], [2, 0], [1, 2], [2, 1]] as const) {
      const shared = { EXECHIST_CACHE_DIR: path.join(dir, `shared-${writer}-${reader}`), EXECHIST_CACHE_MIB: "0" };
      const argv = ["summary", "--debug", log];
      assert.match(run(RUNTIMES[writer]!, argv, undefined, shared).stderr, /index cache written/);
      assert.match(
        run(RUNTIMES[reader]!, argv, undefined, shared).stderr,
        /from the index cache/,
        `${RUNTIMES[writer]![0]} → ${RUNTIMES[reader]![0]}`,
      );
    }
  });
});

test("index cache: on by default, under ~/.cache or $XDG_CACHE_HOME; EXECHIST_CACHE=0 turns it off; Deno without --allow-write neither writes nor asks", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    writeLog(log, 1000);
    const argv = ["summary", "-o", "json", "--debug", log];
    const expected = outcome(
      run(NODE!, argv, undefined, { HOME: path.join(dir, "off"), EXECHIST_CACHE: "0", EXECHIST_CACHE_MIB: "0" }),
    );
    assert.equal(fs.existsSync(path.join(dir, "off", ".cache", "exechist")), false, "EXECHIST_CACHE=0");
    const indexes = (cache: string) => fs.readdirSync(cache).filter((f) => f.endsWith(".idx")).length;
    for (const runtime of RUNTIMES) {
      const home = { HOME: path.join(dir, `home-${runtime[0]}`), EXECHIST_CACHE_MIB: "0" };
      assert.match(run(runtime, argv, undefined, home).stderr, /\nexechist: index cache written\n/, runtime[0]);
      assert.equal(indexes(path.join(home.HOME, ".cache", "exechist")), 1, runtime[0]);
      const again = run(runtime, argv, undefined, home);
      assert.match(again.stderr, /: 998 records; from the index cache\n/, runtime[0]);
      assert.deepEqual(outcome(again), expected, runtime[0]);
      const xdg = path.join(dir, `xdg-${runtime[0]}`);
      run(runtime, argv, undefined, { ...home, XDG_CACHE_HOME: xdg });
      assert.equal(indexes(path.join(xdg, "exechist")), 1, runtime[0]);
    }
    // Deno's permissions are asked, never prompted for; without write access the log is read as ever.
    const [name, deno, prefix] = RUNTIMES[2]!;
    const readOnly: (typeof RUNTIMES)[number] = [name, deno, prefix.filter((arg) => arg !== "--allow-write")];
    const home = path.join(dir, "home-read-only");
    const got = run(readOnly, argv, undefined, { HOME: home, EXECHIST_CACHE_MIB: "0" });
    assert.match(got.stderr, /: 998 records on 1 thread\n/);
    assert.doesNotMatch(got.stderr, /index cache/);
    assert.deepEqual(outcome(got), expected);
    assert.equal(fs.existsSync(path.join(home, ".cache", "exechist")), false);
  });
});

test("index cache: a cached log after another one is appended as if read", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    const first = path.join(dir, "first.jsonl");
    writeLog(log, 3000);
    fs.writeFileSync(first, '{"name":"task-3","status":"weird","run_id":"r9"}\nnope\n{"name":"other"}\n');
    const on = { EXECHIST_CACHE_DIR: path.join(dir, "cache"), EXECHIST_CACHE_MIB: "0" };
    run(NODE!, ["summary", log], undefined, on); // writes big's index (first.jsonl is small but read first below)
    for (
      const argv of [
        ["summary", "-o", "json", first, log],
        ["summary", "--group-by", "run", "-o", "json", first, log],
        ["result", "20", first, log],
      ]
    ) {
      const expected = outcome(run(NODE!, argv, undefined, { EXECHIST_CACHE: "0" }));
      const got = run(NODE!, [...argv, "--debug"], undefined, { ...on, EXECHIST_CACHE_MIB: "0.01" });
      assert.match(got.stderr, /big\.jsonl: 2995 records; from the index cache\n/);
      assert.deepEqual(outcome(got), expected, argv.join(" "));
    }
  });
});

test("index cache: no end column is kept for a log without wall-clock ends; a file read after it keeps its own", () => {
  withDir((dir) => {
    const log = path.join(dir, "no-ends.jsonl");
    const after = path.join(dir, "after.jsonl");
    const records = 3000;
    const line = (i: number) =>
      JSON.stringify({
        name: `a-${i % 5}`,
        start_wall: `2025-06-01T10:00:${String(i % 60).padStart(2, "0")}Z`,
        duration: i / 8,
      });
    fs.writeFileSync(log, Array.from({ length: records }, (_, i) => line(i)).join("\n") + "\n");
    fs.writeFileSync(after, '{"name":"b","start_wall":"2025-06-02T10:00:00Z","end_wall":"2025-06-02T10:00:09.5Z"}\n');
    const cache = path.join(dir, "cache");
    const on = { EXECHIST_CACHE_DIR: cache, EXECHIST_CACHE_MIB: "0" };
    run(NODE!, ["summary", log], undefined, on);
    const [index] = fs.readdirSync(cache).filter((f) => f.endsWith(".idx"));
    assert.ok(
      fs.statSync(path.join(cache, index!)).size < records * 32,
      "31 bytes a record and a header: no end column, no line column",
    );
    for (const runtime of RUNTIMES) {
      for (const argv of [["summary", "-o", "json", log, after], ["summary", "-o", "json", after, log]]) {
        const expected = outcome(run(NODE!, argv, undefined, { EXECHIST_CACHE: "0" }));
        assert.match(expected[1] as string, /"end":"2025-06-02T10:00:09\.500Z"/);
        const got = run(runtime, [...argv, "--debug"], undefined, { ...on, EXECHIST_CACHE_MIB: "0.01" });
        assert.match(got.stderr, /no-ends\.jsonl: 3000 records; from the index cache\n/, runtime[0]);
        assert.deepEqual(outcome(got), expected, `${runtime[0]} ${argv.join(" ")}`);
      }
    }
  });
});

test("index cache: a changed log is read again, a damaged index is ignored, an unwritable cache is only reported", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    writeLog(log, 2000);
    const cache = path.join(dir, "cache");
    const on = { EXECHIST_CACHE_DIR: cache, EXECHIST_CACHE_MIB: "0" };
    const summary = ["summary", "-o", "json", "--debug", log];
    run(NODE!, summary, undefined, on);
    assert.match(run(NODE!, summary, undefined, on).stderr, /from the index cache/);

    // Appended: another size.
    fs.appendFileSync(log, '{"name":"late","index":99999}\n');
    const appended = run(NODE!, summary, undefined, on);
    assert.match(
      appended.stderr,
      /: 1998 records on 1 thread; writing the index cache\n(.*\n)*exechist: index cache written\n/,
    );
    assert.match(appended.stdout, /"index":99999,"name":"late"/);

    // Same size, same modification time, one byte changed in the middle (away from the
    // sampled blocks): the change time tells. A second apart: some clocks are coarse.
    fs.utimesSync(log, 1_700_000_000, 1_700_000_000); // a time utimes can restore exactly
    assert.match(run(NODE!, summary, undefined, on).stderr, /index cache written/);
    assert.match(run(NODE!, summary, undefined, on).stderr, /from the index cache/);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    const bytes = fs.readFileSync(log);
    const at = bytes.indexOf("task-5", Math.floor(bytes.length * 0.51));
    bytes[at + 5] = "6".charCodeAt(0);
    fs.writeFileSync(log, bytes);
    fs.utimesSync(log, 1_700_000_000, 1_700_000_000);
    assert.equal(fs.statSync(log).mtimeMs, 1_700_000_000_000);
    const rewritten = run(NODE!, summary, undefined, on);
    assert.match(
      rewritten.stderr,
      /records on 1 thread; writing the index cache\n(.*\n)*exechist: index cache written\n/,
    );
    assert.deepEqual(outcome(rewritten), outcome(run(NODE!, summary, undefined, { EXECHIST_CACHE: "0" })));

    // A damaged index file: ignored, the log is read, the index written again; by `result` too.
    const index = path.join(cache, fs.readdirSync(cache).find((f) => f.endsWith(".idx"))!);
    for (const argv of [summary, ["result", "20", "--debug", log]]) {
      fs.truncateSync(index, fs.statSync(index).size - 1);
      const damaged = run(NODE!, argv, undefined, on);
      assert.equal(damaged.status, 0);
      assert.match(
        damaged.stderr,
        /records on 1 thread; the cached index was ignored \(.+\); writing the index cache\n(.*\n)*exechist: index cache written\n/,
      );
      assert.deepEqual(outcome(damaged), outcome(run(NODE!, argv, undefined, { EXECHIST_CACHE: "0" })));
      assert.match(run(NODE!, argv, undefined, on).stderr, /from the index cache/);
    }

    // A cache directory that cannot be made: the command still works, --debug says why.
    fs.writeFileSync(path.join(dir, "a-file"), "");
    const blocked = run(NODE!, summary, undefined, {
      EXECHIST_CACHE_DIR: path.join(dir, "a-file", "cache"),
      EXECHIST_CACHE_MIB: "0",
    });
    assert.equal(blocked.status, 0);
    assert.match(blocked.stderr, /; writing the index cache\n(.*\n)*exechist: index cache not written: .*\n/);
    assert.deepEqual(outcome(blocked), outcome(run(NODE!, summary, undefined, { EXECHIST_CACHE: "0" })));
  });
});

test("index cache: zeroed status bytes or a header with runs null are caught on every runtime: report still counts the errors", () => {
  withDir((dir) => {
    const log = path.join(dir, "big.jsonl");
    writeLog(log, 3000);
    const argv = ["report", "-o", "json", log];
    const expected = outcome(run(NODE!, argv, undefined, { EXECHIST_CACHE: "0" }));
    assert.equal(expected[0], 1, "the log has errors: report says so");
    assert.match(expected[1] as string, /"error": [1-9]/);
    for (const runtime of RUNTIMES) {
      const cache = path.join(dir, `cache-${runtime[0]}`);
      const on = { EXECHIST_CACHE_DIR: cache, EXECHIST_CACHE_MIB: "0" };
      run(runtime, argv, undefined, on);
      const index = path.join(cache, fs.readdirSync(cache).find((f) => f.endsWith(".idx"))!);
      const good = new Uint8Array(fs.readFileSync(index));
      const damages: Array<[string, Uint8Array, RegExp]> = [
        ["zeroed status", withColumnZeroed(good, "status"), /the checksum of the status column does not match/],
        ["runs null", withHeader(good, (h) => (h.runs = null)), /the header is not one of an index: its runs/],
      ];
      for (const [name, bad, why] of damages) {
        fs.writeFileSync(index, bad);
        const got = run(runtime, [...argv, "--debug"], undefined, on);
        assert.match(got.stderr, why, `${runtime[0]} ${name}`);
        assert.deepEqual(outcome(got), expected, `${runtime[0]} ${name}`);
        assert.deepEqual(new Uint8Array(fs.readFileSync(index)), good, `${runtime[0]} ${name}: written anew`);
      }
    }
  });
});

test(
  "index cache: files 0600 in a directory made 0700; exechist's own directory tightened, one the user named left; stale temporary files removed",
  {
    skip: process.platform === "win32",
  },
  () => {
    withDir((dir) => {
      const log = path.join(dir, "big.jsonl");
      writeLog(log, 500);
      const argv = ["summary", "--debug", log];
      const mode = (file: string) => fs.statSync(file).mode & 0o777;
      for (const runtime of RUNTIMES) {
        const home = path.join(dir, `home-${runtime[0]}`);
        const own = path.join(home, ".cache", "exechist");
        assert.match(
          run(runtime, argv, undefined, { HOME: home, EXECHIST_CACHE_MIB: "0" }).stderr,
          /index cache written/,
        );
        assert.equal(mode(own), 0o700, `${runtime[0]}: made 0700`);
        const [index] = fs.readdirSync(own);
        assert.equal(mode(path.join(own, index!)), 0o600, `${runtime[0]}: the index 0600`);
        fs.chmodSync(own, 0o755); // as versions before this one made it
        fs.rmSync(path.join(own, index!));
        run(runtime, argv, undefined, { HOME: home, EXECHIST_CACHE_MIB: "0" });
        assert.equal(mode(own), 0o700, `${runtime[0]}: tightened`);

        const named = path.join(dir, `named-${runtime[0]}`);
        fs.mkdirSync(named, { mode: 0o755 });
        fs.chmodSync(named, 0o755);
        const stale = path.join(named, "big.jsonl-0.idx.99-0123456789abcdef.tmp");
        const fresh = path.join(named, "big.jsonl-0.idx.98-fedcba9876543210.tmp");
        fs.writeFileSync(stale, "a killed writer's");
        fs.writeFileSync(fresh, "a live writer's");
        const old = Date.now() / 1000 - 3600;
        fs.utimesSync(stale, old, old);
        const got = run(runtime, argv, undefined, { EXECHIST_CACHE_DIR: named, EXECHIST_CACHE_MIB: "0" });
        assert.match(got.stderr, /\nexechist: index cache written; 1 stale temporary file removed\n/, runtime[0]);
        assert.deepEqual([fs.existsSync(stale), fs.existsSync(fresh)], [false, true], runtime[0]);
        assert.equal(mode(named), 0o755, `${runtime[0]}: a directory the user named is left as it is`);
        const indexes = fs.readdirSync(named).filter((f) => f.endsWith(".idx"));
        assert.deepEqual(indexes.map((f) => mode(path.join(named, f))), [0o600], runtime[0]);
      }
    });
  },
);
