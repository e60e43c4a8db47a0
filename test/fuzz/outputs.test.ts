import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "../helpers/fake_io.ts";
import { prng } from "../helpers/gen_lines.ts";
import { assertGolden } from "../helpers/golden.ts";
import { rawControl, withoutColors } from "../helpers/hostile.ts";
import { parseXml } from "../report/xml_check.ts";
import { hostileLog, mutateBytes, mutateCheckpoint } from "./hostile_input.ts";

/** What the fuzz checks an output for. */
type Kind = "text" | "json" | "ndjson" | "xml" | "csv";

interface Case {
  argv: string[];
  kind: Kind;
}

const LOG = "fuzz.jsonl";
const LOG_CASES: Case[] = [
  { argv: ["summary", LOG], kind: "text" },
  { argv: ["summary", "--limit", "0", "--color", LOG], kind: "text" },
  { argv: ["summary", "-o", "json", LOG], kind: "json" },
  { argv: ["summary", "-o", "ndjson", LOG], kind: "ndjson" },
  { argv: ["summary", "-o", "csv", LOG], kind: "csv" },
  { argv: ["summary", "-o", "markdown", "--limit", "0", LOG], kind: "text" },
  { argv: ["summary", "--group-by", "name", "--color", LOG], kind: "text" },
  { argv: ["summary", "--group-by", "status", "-o", "json", LOG], kind: "json" },
  { argv: ["summary", "--group-by", "run", "-o", "markdown", LOG], kind: "text" },
  { argv: ["summary", "--group-by", "run", "-o", "csv", LOG], kind: "csv" },
  { argv: ["last", LOG], kind: "text" },
  { argv: ["last", "--color", "-s", "error", LOG], kind: "text" },
  { argv: ["last", "-o", "json", LOG], kind: "json" },
  { argv: ["report", LOG], kind: "text" },
  { argv: ["report", "-o", "junit", LOG], kind: "xml" },
  { argv: ["report", "-o", "ctrf", LOG], kind: "json" },
  { argv: ["report", "-o", "github", LOG], kind: "text" },
  { argv: ["report", "-o", "json", LOG], kind: "json" },
];
for (let index = 0; index < 40; index += 4) {
  LOG_CASES.push({ argv: ["result", String(index), LOG], kind: "text" });
  LOG_CASES.push({ argv: ["result", String(index), "-o", "json", LOG], kind: "json" });
}

const CHECKPOINTS = ["failed.json", "completed.json", "interrupted.json", "retried.json", "odd_types.json"];

/** Every output of one run, checked; JSON documents are kept for jq. */
interface Outputs {
  json: string[];
  digest: ReturnType<typeof createHash>;
}

function check(name: string, kind: Kind, run: { status: number; stdout: string; stderr: string }, out: Outputs) {
  out.digest.update(`${name}\n${run.status}\n${run.stdout}\n${run.stderr}\n`);
  assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `${name}: status ${run.status}`);
  assert.ok(!run.stderr.includes("unexpected failure"), `${name}: ${run.stderr}`);
  assert.equal(rawControl(run.stderr), null, `${name}: stderr`);
  assert.ok(!/NaN-|Invalid Date/.test(run.stdout + run.stderr), `${name}: a NaN date`);
  if (run.stdout === "") return;
  if (kind === "text") assert.equal(rawControl(withoutColors(run.stdout)), null, `${name}: stdout`);
  else if (kind === "json") {
    assert.doesNotThrow(() => JSON.parse(run.stdout), `${name}: JSON`);
    out.json.push(run.stdout);
  } else if (kind === "ndjson") {
    for (const line of run.stdout.trimEnd().split("\n")) {
      assert.doesNotThrow(() => JSON.parse(line), `${name}: NDJSON line ${line.slice(0, 80)}`);
      out.json.push(line);
    }
  } else if (kind === "xml") assert.doesNotThrow(() => parseXml(run.stdout), `${name}: XML`);
}

/**
 * What jq says of the JSON documents: null when it reads them all, its complaint (with the
 * first document it refuses) when not, undefined when jq is not installed. The documents go
 * through a temporary file and `jq empty`, which prints nothing: no pipe to fill.
 */
function jqRejects(docs: readonly string[]): string | null | undefined {
  const probe = spawnSync("jq", ["--version"], { stdio: "ignore" });
  if (probe.error || probe.status !== 0) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-fuzz-"));
  try {
    const read = (text: string): string | null => {
      const file = path.join(dir, "doc.json");
      fs.writeFileSync(file, text);
      const run = spawnSync("jq", ["empty", file], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      return run.status === 0 ? null : String(run.stderr).trim();
    };
    if (read(docs.join("\n")) === null) return null;
    for (const doc of docs) {
      const complaint = read(doc);
      if (complaint !== null) return `${complaint}: ${doc.slice(0, 200)}`;
    }
    return "jq refuses the documents together, though it reads each one";
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const seed of [1, 2, 3]) {
  test(`fuzz: hostile logs and checkpoints through every output format (seed ${seed})`, async () => {
    const r = prng(seed);
    const out: Outputs = { json: [], digest: createHash("sha256") };
    const files: Record<string, Uint8Array | string> = { [LOG]: hostileLog(r, 200) };
    for (const c of LOG_CASES) check(c.argv.join(" "), c.kind, await runCli(c.argv, { files }), out);

    for (const name of CHECKPOINTS) {
      const text = fs.readFileSync(path.join(ROOT, "fixtures", "checkpoint", name), "utf8");
      for (let k = 0; k < 3; k++) {
        const mutated = mutateCheckpoint(r, text);
        const file = `ck/${name}.${k}.json`;
        files[file] = k === 2 ? mutateBytes(r, new TextEncoder().encode(mutated)) : mutated;
        const label = `state ${file}`;
        check(label, "text", await runCli(["state", file], { files }), out);
        check(`${label} --color`, "text", await runCli(["state", "--color", file], { files }), out);
        check(`${label} -o json`, "json", await runCli(["state", "-o", "json", file], { files }), out);
        check(`${label} --log`, "text", await runCli(["state", file, "--log", LOG], { files }), out);
      }
      const diff = ["state", "--diff", `ck/${name}.0.json`, `ck/${name}.1.json`];
      check(diff.join(" "), "text", await runCli(diff, { files }), out);
      check(`${diff.join(" ")} -o json`, "json", await runCli([...diff, "-o", "json"], { files }), out);
    }
    check("state ck", "text", await runCli(["state", "ck"], { files }), out);
    check("state ck -o json", "json", await runCli(["state", "ck", "-o", "json"], { files }), out);

    const jq = jqRejects(out.json);
    if (jq === undefined) console.log("fuzz: jq is not installed, so only JSON.parse read the JSON outputs");
    else assert.equal(jq, null, "jq refuses a JSON output");
    // The same bytes on Node, Bun and Deno: each runtime must give this digest.
    assertGolden(`fuzz/digest_seed_${seed}.txt`, out.digest.digest("hex") + "\n");
  });
}
