import assert from "node:assert/strict";
import { test } from "node:test";
import { run, RUNTIMES } from "../helpers/runtimes.ts";

const cases: Array<[string, string[], Uint8Array | undefined, number, RegExp]> = [
  // [case, argv, standard input, status, stderr]
  [
    "a checkpoint given to summary",
    ["summary", "fixtures/checkpoint/failed.json"],
    undefined,
    2,
    /^fixtures\/checkpoint\/failed\.json: this looks like a RunState checkpoint; .*\(try: exechist state /,
  ],
  [
    "a log given to state",
    ["state", "fixtures/logs/sample.jsonl"],
    undefined,
    2,
    /^exechist: Cannot read checkpoint "fixtures\/logs\/sample\.jsonl": this looks like an execution log, /,
  ],
  [
    "report of closed standard input",
    ["report", "-o", "junit"],
    new Uint8Array(),
    1,
    /^exechist: No records in the input: /,
  ],
  ["-s failed", ["summary", "-s", "failed", "-o", "json", "fixtures/logs/sample.jsonl"], undefined, 0, /^$/],
];

for (const [name, argv, input, status, stderr] of cases) {
  test(`node, bun and deno say the same: ${name}`, () => {
    const [first, ...rest] = RUNTIMES.map((runtime) => run(runtime, argv, input));
    assert.equal(first!.status, status, first!.stderr);
    assert.match(first!.stderr, stderr);
    for (const [i, other] of rest.entries()) {
      assert.deepEqual(
        [other.status, other.stdout, other.stderr],
        [first!.status, first!.stdout, first!.stderr],
        RUNTIMES[i + 1]![0],
      );
    }
    if (name === "-s failed") assert.ok(JSON.parse(first!.stdout).matched > 0, "failed matches the error class");
  });
}
