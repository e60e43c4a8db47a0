import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { assertGolden } from "../helpers/golden.ts";

const LOGS = ["realistic", "clean", "nasty"] as const;
const FORMATS: Array<[string, string]> = [
  // [-o value, golden file extension]
  ["markdown", "md"],
  ["junit", "xml"],
  ["ctrf", "ctrf.json"],
  ["github", "github.txt"],
  ["json", "json"],
];

for (const log of LOGS) {
  for (const [format, ext] of FORMATS) {
    test(`report golden: ${log} as ${format}`, async () => {
      // CI=true turns colour on in some colour libraries (picocolors among them): a report must not care.
      const run = await runCli(["report", "-o", format, fixture("report", `${log}.jsonl`)], { env: { CI: "true" } });
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      assertGolden(`report/${log}.${ext}`, run.stdout);
    });
  }
}

test("report golden: filtered by name and status", async () => {
  const run = await runCli([
    "report",
    "-n",
    "fetch_orders",
    "-n",
    "charge_card",
    "-s",
    "error",
    fixture("report", "realistic.jsonl"),
  ]);
  assert.equal(run.status, 1);
  assertGolden("report/realistic_filtered.md", run.stdout);
});

test("report golden: nothing matched", async () => {
  const run = await runCli(["report", "-n", "no_such_action", fixture("report", "realistic.jsonl")]);
  assert.equal(run.status, 0);
  assertGolden("report/realistic_no_match.md", run.stdout);
});
