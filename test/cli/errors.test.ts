import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

const SAMPLE = fixture("logs", "sample.jsonl");

const cases: Array<[string, string[], object, number, RegExp]> = [
  // [name, argv, io options, status, stderr]
  [
    "wrong flag: usage, status 2",
    ["summary", "--bogus", SAMPLE],
    {},
    2,
    /^exechist: Unknown option --bogus\n\nRun "exechist --help" for usage\n$/,
  ],
  [
    "unknown command-ish value for -o",
    ["summary", "-o", "yaml", SAMPLE],
    {},
    2,
    /Invalid values:\n {2}Argument: output, Given: "yaml", Choices: "table", "json", "ndjson", "csv", "markdown"\n/,
  ],
  [
    "bad --group-by",
    ["summary", "--group-by", "color", SAMPLE],
    {},
    2,
    /Invalid values:\n {2}Argument: group-by, Given: "color", Choices: "name", "status", "run"\n/,
  ],
  ["bad index range", ["summary", "-i", "5..2", SAMPLE], {}, 2, /--index must be N or N\.\.M/],
  [
    "bad --since",
    ["summary", "--since", "last tuesday", SAMPLE],
    {},
    2,
    /--since must be an ISO-8601 time or a span like 30m, 2h, 7d; got "last tuesday"/,
  ],
  ["negative --limit", ["summary", "--limit", "-1", SAMPLE], {}, 2, /--limit must be an integer >= 0, got "-1"/],
  ["result index not a number", ["result", "abc", SAMPLE], {}, 2, /index must be an integer >= 0, got "abc"/],
  ["missing file names it", ["summary", "nope.jsonl"], {}, 2, /^exechist: Cannot read "nope\.jsonl": no such file\n$/],
  ["missing file, no command word", ["nope.jsonl"], {}, 2, /^exechist: Cannot read "nope\.jsonl": no such file\n$/],
  [
    "mistyped command word",
    ["sumary", SAMPLE],
    {},
    2,
    /^exechist: Unknown command or file "sumary": did you mean "summary"\?\n\nRun "exechist --help" for usage\n$/,
  ],
  [
    "mistyped short command word",
    ["lst", SAMPLE],
    {},
    2,
    /^exechist: Unknown command or file "lst": did you mean "last"\?/,
  ],
  ["terminal with no file", ["summary"], { stdinIsTTY: true }, 2, /No input: give a log file, or pipe one in/],
  [
    "every line bad (a JSON array)",
    ["summary", fixture("logs", "json_array.json")],
    {},
    2,
    /this looks like a JSON array[^]*No records: every line of the input is bad\n$/,
  ],
  [
    "bad lines under --strict",
    ["summary", "--strict", fixture("logs", "garbage_lines.jsonl")],
    {},
    2,
    /6 bad lines \(--strict\)\n$/,
  ],
  [
    "truncated tail under --strict",
    ["summary", "--strict", fixture("logs", "truncated_tail.jsonl")],
    {},
    2,
    /truncated_tail\.jsonl:4: truncated/,
  ],
];

for (const [name, argv, options, status, stderr] of cases) {
  test(`exit status: ${name}`, async () => {
    const run = await runCli(argv, options);
    assert.equal(run.status, status, run.stderr);
    assert.match(run.stderr, stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  });
}

test("a log named like a mistyped command is read as a log", async () => {
  const run = await runCli(["repot"], { files: { repot: '{"name":"from_repot"}\n' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /from_repot/);
});

test("bad lines without --strict still exit 0 and report on stderr", async () => {
  const run = await runCli(["summary", fixture("logs", "truncated_tail.jsonl")]);
  assert.equal(run.status, 0);
  assert.equal(
    run.stderr,
    "fixtures/logs/truncated_tail.jsonl:4: truncated: the last line has no newline and is not complete JSON\n",
  );
});

test("--help lists every command with examples; --version prints the package version", async () => {
  const help = await runCli(["--help"]);
  assert.equal(help.status, 0);
  for (const command of ["summary", "result", "last", "state", "report"]) {
    assert.match(help.stdout, new RegExp(`exechist ${command}`));
  }
  for (const command of ["summary", "result", "last", "state", "report"]) {
    const sub = await runCli([command, "--help"]);
    assert.equal(sub.stderr, "");
    assert.equal(sub.status, 0);
    assert.match(sub.stdout, /Examples:/, command);
  }
  const version = await runCli(["--version"]);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
