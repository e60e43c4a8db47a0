import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { BUNDLES, ENV, run, RUNTIMES } from "../helpers/runtimes.ts";

const SAMPLE = "fixtures/logs/sample.jsonl";
const PROCS = ["fixtures/logs/multi_process_a.jsonl", "fixtures/logs/multi_process_b.jsonl"];

const cases: Array<[string, string[], string | undefined, string | undefined]> = [
  // [name, argv, golden to match, stdin file]
  ["summary table", ["summary", SAMPLE], "summary/table.txt", undefined],
  ["summary json", ["summary", "-o", "json", SAMPLE], "summary/json.json", undefined],
  ["summary ndjson", ["summary", "-o", "ndjson", SAMPLE], "summary/ndjson.jsonl", undefined],
  ["summary csv", ["summary", "-o", "csv", SAMPLE], "summary/csv.csv", undefined],
  ["summary markdown", ["summary", "-o", "markdown", SAMPLE], "summary/markdown.md", undefined],
  ["group-by name", ["summary", "--group-by", "name", "-o", "json", SAMPLE], "summary/group_name.json", undefined],
  [
    "group-by run, two files",
    ["summary", "--group-by", "run", "-o", "markdown", ...PROCS],
    "summary/group_run.md",
    undefined,
  ],
  ["result", ["result", "2", SAMPLE], "result/result_2.txt", undefined],
  ["result json", ["result", "2", "-o", "json", SAMPLE], "result/result_2.json", undefined],
  ["last", ["last", SAMPLE], "result/last.txt", undefined],
  ["piped standard input", ["summary", "-o", "json"], "summary/json.json", SAMPLE],
  ["gzip by magic bytes", ["summary", "-o", "json", "fixtures/logs/sample.jsonl.gz"], undefined, undefined],
  ["help", ["--help"], undefined, undefined],
  ["a command's help", ["report", "--help"], undefined, undefined],
  ["completion script", ["completion"], undefined, undefined],
  ["completions asked for", ["--get-yargs-completions", "exechist", "summary", "--gr"], undefined, undefined],
  ["mistyped command", ["sumary", SAMPLE], undefined, undefined],
  ["bad lines", ["summary", "fixtures/logs/garbage_lines.jsonl"], undefined, undefined],
  ["usage error", ["summary", "--bogus"], undefined, undefined],
  ["not found", ["result", "99", SAMPLE], undefined, undefined],
  ["state of a checkpoint", ["state", "fixtures/checkpoint/completed.json"], undefined, undefined],
  ["state json", ["state", "-o", "json", "fixtures/checkpoint/completed.json"], undefined, undefined],
  ["state of a directory", ["state", "fixtures/checkpoint"], undefined, undefined],
  ["a missing file", ["summary", "fixtures/logs/no_such_log.jsonl"], undefined, undefined],
  ["a directory", ["summary", "fixtures/logs"], undefined, undefined],
  ["a truncated gzip file", ["summary", "fixtures/logs/truncated.jsonl.gz"], undefined, undefined],
  ["a truncated gzip piped in", ["summary"], undefined, "fixtures/logs/truncated.jsonl.gz"],
];

for (const [name, argv, golden, stdin] of cases) {
  test(`node, bun and deno print the same bytes: ${name}`, () => {
    const input = stdin ? fs.readFileSync(path.join(ROOT, stdin)) : undefined;
    const [first, ...rest] = RUNTIMES.map((runtime) => run(runtime, argv, input));
    for (const [i, other] of rest.entries()) {
      assert.equal(other.stdout, first!.stdout, `${RUNTIMES[i + 1]![0]} stdout differs from node`);
      assert.equal(other.status, first!.status, `${RUNTIMES[i + 1]![0]} status`);
      assert.equal(other.stderr, first!.stderr, `${RUNTIMES[i + 1]![0]} stderr`);
    }
    if (golden) {
      // Goldens name the sample by its path; standard input is "<stdin>".
      const expected = fs.readFileSync(path.join(ROOT, "fixtures", "expected", golden), "utf8");
      assert.equal(first!.stdout, stdin ? expected.replaceAll(`${stdin}:`, "<stdin>:") : expected);
    }
    const status: Record<string, number> = {
      "usage error": 2,
      "mistyped command": 2,
      "not found": 1,
      "a missing file": 2,
      "a directory": 2,
      "a truncated gzip file": 2,
      "a truncated gzip piped in": 2,
    };
    assert.equal(first!.status, status[name] ?? 0, first!.stderr);
    if (status[name] === 2 && name !== "usage error" && name !== "mistyped command") {
      assert.match(
        first!.stderr,
        /^exechist: Cannot read "(fixtures\/logs[^"]*|<stdin>)": (no such file|it is a directory|gzip data is damaged \(unexpected end of file\))\n$/,
      );
    }
  });
}

test("gzip and plain standard input give the same bytes on every runtime, as a file does", () => {
  const expected = run(RUNTIMES[0]!, ["summary", "-o", "json", SAMPLE]).stdout.replaceAll(`${SAMPLE}:`, "<stdin>:");
  for (const runtime of [...RUNTIMES, ...BUNDLES]) {
    for (const input of [SAMPLE, `${SAMPLE}.gz`]) {
      const got = run(runtime, ["summary", "-o", "json"], fs.readFileSync(path.join(ROOT, input)));
      assert.deepEqual([got.status, got.stdout, got.stderr], [0, expected, ""], `${runtime[0]} ${input}`);
    }
  }
});

test("deno with --allow-read alone reads a log as the others do: the environment's settings are unset, never asked for", () => {
  const [name, deno, prefix] = RUNTIMES[2]!;
  const readOnly: (typeof RUNTIMES)[number] = [
    name,
    deno,
    prefix.filter((arg) => arg !== "--allow-env" && arg !== "--allow-write"),
  ];
  assert.equal(readOnly[2].includes("--allow-read"), true);
  const argv = ["summary", "-o", "json", "--group-by", "name", SAMPLE];
  const got = run(readOnly, argv);
  assert.deepEqual([got.status, got.stdout, got.stderr], [0, run(RUNTIMES[0]!, argv).stdout, ""]);
  // Settings from the environment apply only with --allow-env: two threads for the sample with it, one without.
  const split = { EXECHIST_THREADS: "2", EXECHIST_PARALLEL_MIB: "0" };
  assert.match(
    run(RUNTIMES[2]!, ["summary", "--debug", SAMPLE], undefined, split).stderr,
    /: 9 records on 2 threads\n/,
  );
  assert.match(run(readOnly, ["summary", "--debug", SAMPLE], undefined, split).stderr, /: 9 records on 1 thread\n/);
});

test("gzip input gives the same records as the plain file", () => {
  const node = RUNTIMES[0]!;
  const plain = JSON.parse(run(node, ["summary", "-o", "json", SAMPLE]).stdout);
  const gz = JSON.parse(run(node, ["summary", "-o", "json", "fixtures/logs/sample.jsonl.gz"]).stdout);
  assert.deepEqual(
    gz.records.map((r: { source: string }) => r.source.replace(".gz", "")),
    plain.records.map((r: { source: string }) => r.source),
  );
  assert.deepEqual({ ...gz, records: gz.records.length }, { ...plain, records: plain.records.length });
});

test("writing into a closed pipe (| head) ends quietly with status 0, on every runtime", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-test-"));
  const log = path.join(dir, "big.jsonl");
  const line = (i: number) =>
    JSON.stringify({ index: i, name: `task-${i % 17}`, duration: i / 1000, result: "x".repeat(200) });
  fs.writeFileSync(log, Array.from({ length: 20000 }, (_, i) => line(i)).join("\n") + "\n");
  try {
    for (const [name, command, prefix] of RUNTIMES) {
      const shell = [command, ...prefix, "summary", "-o", "ndjson", log].map((a) => `'${a}'`).join(" ");
      const result = spawnSync("bash", ["-c", `${shell} | head -n 2 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
        cwd: ROOT,
        env: ENV,
      });
      assert.equal(result.stdout.toString().trim(), "status=0", `${name}: ${result.stderr.toString()}`);
      assert.equal(result.stderr.toString(), "", `${name} stays quiet`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("importing mod.ts as a library never runs the CLI", () => {
  for (const [name, command] of RUNTIMES.slice(1)) {
    const script = `import { ExecutionRegistry, main } from ${
      JSON.stringify(path.join(ROOT, "mod.ts"))
    }; console.log(typeof ExecutionRegistry, typeof main);`;
    const args = name === "deno" ? ["eval", script] : ["-e", script];
    const result = spawnSync(command, args, { cwd: ROOT, env: ENV });
    assert.equal(result.stdout.toString(), "function function\n", `${name}: ${result.stderr.toString()}`);
  }
  const bundle = spawnSync("node", [
    "--input-type=module",
    "-e",
    `const m = await import(${
      JSON.stringify(path.join(ROOT, "dist", "exechist.mjs"))
    }); console.log(typeof m.ExecutionRegistry);`,
  ], { cwd: ROOT, env: ENV });
  assert.equal(bundle.stdout.toString(), "function\n", bundle.stderr.toString());
});

test("a large log read on two threads gives exactly what one thread gives, on every runtime, from the source and the bundle", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-test-"));
  const log = path.join(dir, "large.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < 12000; i++) {
    if (i % 2500 === 7) lines.push(`broken line ${i}`);
    else if (i % 4 === 0) {
      lines.push(
        JSON.stringify({
          name: `job-${i % 13}`,
          status: "cancelled",
          end_time: i / 3,
          duration: i / 7,
          run_id: `r${i % 3}`,
          result: "y".repeat(i % 300),
        }),
      );
    } else {
      // Wall-clock ends only in the middle of the file: some chunks have them, some not.
      const end_wall = i >= 6000 && i < 9000 ? `2025-06-01T11:${String(i % 60).padStart(2, "0")}:30Z` : undefined;
      lines.push(
        JSON.stringify({
          index: i % 5 ? undefined : 100000 + i,
          name: `job-${i % 11}`,
          exception: i % 9 ? null : "E",
          start_wall: `2025-06-01T10:${String(i % 60).padStart(2, "0")}:00Z`,
          end_wall,
          result: { n: i },
        }),
      );
    }
  }
  fs.writeFileSync(log, lines.join("\n") + "\n");
  const one = { EXECHIST_THREADS: "1" };
  const two = { EXECHIST_THREADS: "2", EXECHIST_PARALLEL_MIB: "0.5" };
  try {
    const argvs = [["summary", "-o", "json", log], ["summary", "--group-by", "name", "-o", "json", log], [
      "result",
      "12001",
      log,
    ], ["report", "-o", "ctrf", log]];
    for (const argv of argvs) {
      const expected = run(RUNTIMES[0]!, argv, undefined, one);
      assert.equal(expected.stderr.split("\n").filter((l) => l.includes(": not JSON: ")).length, 5, expected.stderr);
      assert.match(
        run(RUNTIMES[0]!, ["summary", "--debug", log], undefined, one).stderr,
        /: 11995 records on 1 thread\n/,
      );
      for (const runtime of [...RUNTIMES, ...BUNDLES]) {
        const got = run(runtime, argv, undefined, two);
        assert.deepEqual(
          [got.status, got.stdout, got.stderr],
          [expected.status, expected.stdout, expected.stderr],
          `${runtime[0]} ${argv[1]}`,
        );
      }
    }
    // The threads really ran: --debug says how each input was read.
    for (const runtime of [...RUNTIMES, ...BUNDLES]) {
      const debug = run(runtime, ["summary", "--debug", "-o", "json", log], undefined, two);
      assert.match(debug.stderr, /: 11995 records on 2 threads\n/, `${runtime[0]}: ${debug.stderr}`);
      assert.doesNotMatch(debug.stderr, /fell back/, runtime[0]);
    }
    // Standard input, spooled: read on two threads too, and nothing left in the temporary directory.
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    const alone = run(RUNTIMES[0]!, ["summary", "-o", "json"], fs.readFileSync(log), { ...one, TMPDIR: tmp });
    for (const runtime of [...RUNTIMES, ...BUNDLES]) {
      const piped = run(runtime, ["summary", "-o", "json", "--debug"], fs.readFileSync(log), { ...two, TMPDIR: tmp });
      assert.match(piped.stderr, /<stdin>: 11995 records on 2 threads\n/, `${runtime[0]}: ${piped.stderr}`);
      assert.equal(piped.stdout, alone.stdout, `${runtime[0]}, standard input`);
      assert.deepEqual(fs.readdirSync(tmp), [], `${runtime[0]} left its spool behind`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
