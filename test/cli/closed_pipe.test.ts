import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { BrokenPipe } from "../../src/errors.ts";
import type { Output } from "../../src/io.ts";
import { failingLog } from "../report/generated_logs.ts";
import { FakeIo, fixture } from "../helpers/fake_io.ts";

/** Standard output whose reader goes away after `keep` characters (`| head`), as the real outputs report it. */
class ClosingOutput implements Output {
  readonly isTTY = false;
  readonly columns = undefined;
  text = "";
  private readonly keep: number;
  constructor(keep: number) {
    this.keep = keep;
  }
  write(text: string): void {
    const room = this.keep - this.text.length;
    this.text += text.slice(0, Math.max(0, room));
    if (text.length > room) throw new BrokenPipe("broken pipe");
  }
  flush(): void {}
}

const FILES = { "failing.jsonl": failingLog(300, 2000, 100), "empty.jsonl": "" };
const CLEAN = fixture("report", "clean.jsonl");

const cases: Array<[string, string[], number]> = [
  // [case, argv, the status the command answers]
  ["report with failures", ["report", "failing.jsonl"], 1],
  ["report -o junit with failures", ["report", "-o", "junit", "failing.jsonl"], 1],
  ["report -o ctrf with failures", ["report", "-o", "ctrf", "failing.jsonl"], 1],
  ["report -o github with failures", ["report", "-o", "github", "failing.jsonl"], 1],
  ["report -o json with failures", ["report", "-o", "json", "failing.jsonl"], 1],
  ["report of an empty input", ["report", "-o", "junit", "empty.jsonl"], 1],
  ["report, --fail-on none", ["report", "--fail-on", "none", "failing.jsonl"], 0],
  ["report of a clean log", ["report", "-o", "junit", CLEAN], 0],
  ["summary", ["summary", "-o", "ndjson", "failing.jsonl"], 0],
  ["state of a directory with a broken checkpoint, --strict", ["state", "--strict", fixture("checkpoint", "mixed")], 2],
];

for (const [name, argv, status] of cases) {
  for (const keep of [0, 100]) {
    test(`a reader gone after ${keep} characters keeps the command's own status: ${name}`, async () => {
      const io = new FakeIo({ files: FILES });
      const stdout = new ClosingOutput(keep);
      (io as { stdout: Output }).stdout = stdout;
      assert.equal(await main(argv, io), status, io.stderr.text);
      assert.doesNotMatch(io.stderr.text, /unexpected|pipe/i);
      if (keep > 0) assert.notEqual(stdout.text, "", "something was written before the reader went");
    });
  }
}

test("a reader gone stops the output: nothing is written after it", async () => {
  const io = new FakeIo({ files: FILES });
  const stdout = new ClosingOutput(100);
  (io as { stdout: Output }).stdout = stdout;
  await main(["report", "-o", "junit", "failing.jsonl"], io);
  assert.ok(stdout.text.length <= 100);
});
