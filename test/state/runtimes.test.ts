import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";

/**
 * `exechist state` as a real process on each runtime, from the source: Node through tsx
 * (the bundle may be older than the source), Bun and Deno directly. Deno gets only
 * read and env permissions: that is all `state` needs.
 */
const BIN = path.join(ROOT, "node_modules", ".bin");
const RUNTIMES: Array<[string, string, string[]]> = [
  ["node", path.join(BIN, "tsx"), [path.join(ROOT, "mod.ts")]],
  ["bun", path.join(BIN, "bun"), [path.join(ROOT, "mod.ts")]],
  ["deno", path.join(BIN, "deno"), ["run", "--quiet", "--allow-read", "--allow-env", path.join(ROOT, "mod.ts")]],
];
const ENV: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  TZ: "UTC",
  COLUMNS: "120",
  NO_COLOR: "",
};

const cases: Array<[string, string[], string | undefined, number]> = [
  // [case, argv, golden under fixtures/expected/state/, exit status]
  ["text view", ["state", "fixtures/checkpoint/failed.json"], "text/failed.txt", 0],
  ["json view", ["state", "-o", "json", "fixtures/checkpoint/completed.json"], "json/completed.json", 0],
  ["directory", ["state", "fixtures/checkpoint/runs"], "dir/runs.txt", 0],
  [
    "diff",
    [
      "state",
      "--diff",
      "fixtures/checkpoint/runs/nightly/ckpt_002.json",
      "fixtures/checkpoint/runs/nightly/ckpt_004.json",
    ],
    "diff/nightly_2_4.txt",
    0,
  ],
  [
    "log join",
    ["state", "-o", "json", "fixtures/checkpoint/failed.json", "--log", "fixtures/checkpoint/logs/failed_run.jsonl"],
    "log/failed_run.json",
    0,
  ],
  ["LangGraph tuple", ["state", "fixtures/langgraph/failed_tuple.json"], "langgraph/failed_tuple.txt", 0],
  [
    "LangGraph history --diff",
    ["state", "--diff", "fixtures/langgraph/resumed_history.json", "--step", "1", "--step", "3"],
    "langgraph/diff_1_3.txt",
    0,
  ],
  ["broken checkpoint", ["state", "fixtures/checkpoint/broken/truncated.json"], undefined, 2],
  ["broken file in a directory, --strict", ["state", "--strict", "fixtures/checkpoint/mixed"], undefined, 2],
];

for (const [name, argv, golden, status] of cases) {
  test(`state on node, bun and deno: same bytes: ${name}`, () => {
    const results = RUNTIMES.map(([runtime, command, prefix]) => {
      const r = spawnSync(command, [...prefix, ...argv], { cwd: ROOT, env: ENV, maxBuffer: 1 << 24 });
      if (r.error) throw r.error;
      return { runtime, status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
    });
    const first = results[0]!;
    for (const r of results) {
      assert.equal(r.status, status, `${r.runtime}: ${r.stderr}`);
      assert.equal(r.stdout, first.stdout, `${r.runtime} stdout differs from node`);
      assert.equal(r.stderr, first.stderr, `${r.runtime} stderr differs from node`);
    }
    if (golden) {
      assert.equal(first.stdout, fs.readFileSync(path.join(ROOT, "fixtures", "expected", "state", golden), "utf8"));
    }
    if (status === 2) {
      assert.match(first.stderr, /^exechist: Cannot read checkpoint "fixtures\/checkpoint\/[a-z/]+\.json": /);
    }
  });
}
