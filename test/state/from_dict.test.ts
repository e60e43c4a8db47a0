import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";
import { canonicalJson } from "./canonical.ts";

/**
 * Every checkpoint fixture against the seed's own Python: `make_checkpoints.py` wrote
 * `RunState.from_dict(json.loads(bytes)).to_dict()` for each (or the exception it raised).
 */
const CHECKPOINTS = path.join(ROOT, "fixtures", "checkpoint");
const EXPECTED = path.join(ROOT, "fixtures", "expected", "state", "from_dict");

function checkpointFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...checkpointFiles(full));
    else if (entry.name.endsWith(".json")) out.push(path.relative(CHECKPOINTS, full));
  }
  return out.sort();
}

const files = checkpointFiles(CHECKPOINTS);

test("there are checkpoint fixtures of every kind the issue lists", () => {
  for (
    const name of [
      "completed",
      "failed",
      "paused",
      "interrupted",
      "retried",
      "long_history",
      "minimal_empty",
      "minimal_run",
    ]
  ) {
    assert.ok(files.includes(`${name}.json`), name);
  }
  for (const name of ["empty", "truncated", "array_document", "bad_status", "node_states_list", "node_not_object"]) {
    assert.ok(files.includes(path.join("broken", `${name}.json`)), name);
  }
  assert.ok(files.length >= 30, `only ${files.length} fixtures`);
});

for (const rel of files) {
  const base = path.join(EXPECTED, rel.slice(0, -".json".length));
  const arg = fixture("checkpoint", ...rel.split(path.sep));
  if (fs.existsSync(base + ".json")) {
    test(`state -o json minus "derived" is Python's from_dict(d).to_dict(): ${rel}`, async () => {
      const run = await runCli(["state", "-o", "json", arg]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, "");
      const doc = JSON.parse(run.stdout) as Record<string, unknown>;
      const keys = Object.keys(doc);
      assert.equal(keys[keys.length - 1], "derived", "derived comes last");
      // Cut "derived" from the text itself, so big integers stay exact.
      const cutAt = run.stdout.lastIndexOf(',\n  "derived": ');
      assert.ok(cutAt > 0);
      const ours = run.stdout.slice(0, cutAt) + "\n}\n";
      const python = fs.readFileSync(base + ".json", "utf8");
      assert.equal(canonicalJson(ours), canonicalJson(python));
    });
  } else {
    test(`a checkpoint Python's from_dict rejects is rejected, naming the file, exit 2: ${rel}`, async () => {
      assert.ok(fs.existsSync(base + ".error.txt"), `no expected output for ${rel}: run make_checkpoints.py`);
      const run = await runCli(["state", arg]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, "");
      assert.match(
        run.stderr,
        new RegExp(`^exechist: Cannot read checkpoint "${arg.replace(/[.\\/]/g, "\\$&")}": \\S.*\\n$`),
      );
      assert.ok(!/\n\s+at /.test(run.stderr), "no stack");
    });
  }
}

test("big integers are written with every digit and NaN/Infinity become null", async () => {
  const run = await runCli(["state", "-o", "json", fixture("checkpoint", "completed.json")]);
  assert.ok(run.stdout.includes('"big_id": 18446744073709551617'));
  assert.ok(run.stdout.includes('"trace_id": 12345678901234567890123'));
  assert.ok(run.stdout.includes('"score": null'));
  assert.ok(run.stdout.includes('"limit": null'));
  assert.ok(run.stdout.includes('"ratio": 1.0'), "1.0 stays a float");
  assert.ok(run.stdout.includes('"top_id": 18446744073709551617'), "in output_data");
  assert.ok(run.stdout.includes('"confidence": null'), "NaN in output_data");
  assert.ok(run.stdout.includes('"ids": [\n        18446744073709551617,'), "in the cache");
  assert.doesNotThrow(() => JSON.parse(run.stdout));
});
