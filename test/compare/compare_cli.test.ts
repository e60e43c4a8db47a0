import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { type ActionSpec, noiseWith, runLog, STEADY } from "./run_logs.ts";

const BASE = runLog(STEADY, { seed: 1 });
const SLOWER = runLog(STEADY, { seed: 2, scale: noiseWith(1, "build", 1.3) });
const NOISE = runLog(STEADY, { seed: 2, scale: noiseWith(1, "build", 1.0) });
const FAILING: ActionSpec[] = STEADY.map((a) => a.name === "fetch" ? { ...a, failures: [[3, "KeyError('x')"]] } : a);
const NEW_FAILURE = runLog(FAILING, { seed: 2, scale: noiseWith(1, "build", 1.0) });
const BOTH = runLog(FAILING, { seed: 2, scale: noiseWith(1, "build", 1.3) });
const files = {
  "base.jsonl": BASE,
  "slower.jsonl": SLOWER,
  "noise.jsonl": NOISE,
  "new.jsonl": NEW_FAILURE,
  "both.jsonl": BOTH,
};

// [HEAD, --fail-on (undefined: the default, any), expected exit status]
const CASES: Array<[string, string | undefined, number]> = [
  ["noise.jsonl", undefined, 0],
  ["noise.jsonl", "any", 0],
  ["slower.jsonl", undefined, 1],
  ["slower.jsonl", "regression", 1],
  ["slower.jsonl", "new-failure", 0],
  ["slower.jsonl", "none", 0],
  ["new.jsonl", "new-failure", 1],
  ["new.jsonl", "regression", 0],
  ["new.jsonl", "any", 1],
  ["both.jsonl", "any", 1],
  ["both.jsonl", "regression", 1],
  ["both.jsonl", "new-failure", 1],
  ["both.jsonl", "none", 0],
];

for (const [head, failOn, status] of CASES) {
  test(`compare base.jsonl ${head} --fail-on ${failOn ?? "(default)"} exits ${status}`, async () => {
    const argv = ["compare", "base.jsonl", head, ...(failOn ? ["--fail-on", failOn] : [])];
    for (const output of ["table", "json", "markdown", "github"]) {
      const got = await runCli([...argv, "-o", output], { files });
      assert.equal(got.status, status, `${output}: ${got.stderr}`);
      assert.equal(got.stderr, "");
    }
  });
}

test("--slower moves the threshold: 30% is not a regression at 40%", async () => {
  assert.equal((await runCli(["compare", "base.jsonl", "slower.jsonl", "--slower", "40%"], { files })).status, 0);
  assert.equal((await runCli(["compare", "base.jsonl", "slower.jsonl", "--slower", "25"], { files })).status, 1);
  const bad = await runCli(["compare", "base.jsonl", "slower.jsonl", "--slower", "fast"], { files });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--slower must be a percent above 0 such as 20%, got "fast"/);
});

test("the json document names the regression, the new failure, and whether the gate is met", async () => {
  const got = await runCli(["compare", "-o", "json", "base.jsonl", "both.jsonl"], { files });
  const doc = JSON.parse(got.stdout);
  assert.equal(doc.regressions, 1);
  assert.equal(doc.names[0].name, "build");
  assert.equal(doc.names[0].verdict, "slower");
  assert.deepEqual(doc.new_failures.map((f: { name: string; type: string }) => [f.name, f.type]), [[
    "fetch",
    "KeyError",
  ]]);
  assert.deepEqual([doc.fail_on, doc.failing], ["any", true]);
  assert.equal(doc.rule.slower, 0.2);
});

test("two runs of one log: --base-run and --head-run", async () => {
  const log = runLog(STEADY, { seed: 1, runId: "r1" }) +
    runLog(STEADY, { seed: 2, runId: "r2", scale: noiseWith(1, "test", 1.4) });
  const got = await runCli(["compare", "-o", "json", "--base-run", "r1", "--head-run", "r2", "runs.jsonl"], {
    files: { "runs.jsonl": log },
  });
  const doc = JSON.parse(got.stdout);
  assert.deepEqual([doc.base.label, doc.head.label, doc.base.records, doc.head.records], [
    "run r1",
    "run r2",
    1000,
    1000,
  ]);
  assert.deepEqual(
    doc.names.filter((n: { verdict: string }) => n.verdict === "slower").map((n: { name: string }) => n.name),
    ["test"],
  );
  const missing = await runCli(["compare", "--base-run", "r1", "--head-run", "r9", "runs.jsonl"], {
    files: { "runs.jsonl": log },
  });
  assert.deepEqual([missing.status, missing.stderr], [2, 'exechist: No record has run_id "r9"\n']);
});

test("usage: two paths, or the run options together", async () => {
  const one = await runCli(["compare", "base.jsonl"], { files });
  assert.equal(one.status, 2);
  assert.match(one.stderr, /compare takes two logs \(or directories\)/);
  const half = await runCli(["compare", "--base-run", "a", "base.jsonl"], { files });
  assert.equal(half.status, 2);
  assert.match(half.stderr, /--base-run and --head-run go together/);
});

test("a directory side reads every log in it", async () => {
  const got = await runCli(["compare", "-o", "json", "dir/base", "slower.jsonl"], {
    files: { ...files, "dir/base/a.jsonl": BASE, "dir/base/b.jsonl.gz.txt": "ignored", "dir/base/c.ndjson": BASE },
  });
  assert.equal(JSON.parse(got.stdout).base.records, 2000);
});

test("hostile names reach the terminal only as visible escapes", async () => {
  const evil = "ev\u001b[2Jil\u0007";
  const base = JSON.stringify({ name: evil, duration: 1 }) + "\n";
  const head = JSON.stringify({ name: evil, duration: 1, exception: "E('\u001b]0;x\u0007')" }) + "\n";
  const got = await runCli(["compare", "b.jsonl", "h.jsonl"], { files: { "b.jsonl": base, "h.jsonl": head } });
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(got.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  assert.match(got.stdout, /ev\\x1b\[2Jil\\x07/);
});

test("the markdown headline is green only when nothing got worse, whatever --fail-on lets pass", async () => {
  const headline = async (head: string, failOn: string) =>
    (await runCli(["compare", "-o", "markdown", "--fail-on", failOn, "base.jsonl", head], { files })).stdout
      .split("\n")[0] ?? "";
  assert.match(await headline("noise.jsonl", "any"), /^## ✅ /);
  assert.match(await headline("noise.jsonl", "none"), /^## ✅ /);
  assert.match(await headline("slower.jsonl", "any"), /^## ❌ /);
  assert.match(await headline("slower.jsonl", "none"), /^## ⚠️ /);
  assert.match(await headline("new.jsonl", "regression"), /^## ⚠️ /);
});

test("documents read by --from (or known by their shape) compare as logs do", async () => {
  const run = fixture("go-test", "gotestsum_go_test_json.out");
  const got = await runCli(["compare", "-o", "json", run, run]);
  assert.equal(got.status, 0, got.stderr);
  const doc = JSON.parse(got.stdout);
  assert.deepEqual([doc.base.records, doc.head.records, doc.new_failures.length], [60, 60, 0]);
  const wrong = await runCli(["compare", "--from", "otlp", run, run]);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /as OTLP\/JSON traces: no otlp data in it/);
});
