import assert from "node:assert/strict";
import { test } from "node:test";
import { type Command, parseArgs } from "../../src/cli/args.ts";
import { ExechistError } from "../../src/errors.ts";

const parse = (...argv: string[]) => parseArgs(argv, 100, "9.9.9");
const command = (...argv: string[]): Command => parse(...argv).command;

/** The usage error's first line for `argv`. */
function usageOf(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    assert.ok(error instanceof ExechistError && error.code === "usage", String(error));
    assert.match(error.message, /\n\nRun "exechist --help" for usage$/);
    return error.message.split("\n")[0]!;
  }
  assert.fail(`no usage error for ${argv.join(" ")}`);
}

const NO_FILTER = {
  names: [],
  index: undefined,
  status: undefined,
  since: undefined,
  until: undefined,
  run: undefined,
};

test("no command word runs summary, over the arguments given", () => {
  assert.deepEqual(command("a.jsonl", "b.jsonl"), {
    command: "summary",
    files: ["a.jsonl", "b.jsonl"],
    filter: NO_FILTER,
    output: "table",
    limit: undefined,
    groupBy: undefined,
    resultIndex: undefined,
    lastResult: false,
    timeline: false,
  });
  assert.deepEqual((command() as { files: string[] }).files, []);
  // The command word counts only first: later it is a file.
  assert.deepEqual(command("a.jsonl", "result"), { ...command("a.jsonl"), files: ["a.jsonl", "result"] });
});

test("values: --long VALUE, --long=VALUE, -s VALUE, -sVALUE, -s=VALUE, the last one kept", () => {
  for (
    const argv of [["--status", "error"], ["--status=error"], ["-s", "error"], ["-serror"], ["-s=error"], [
      "-s",
      "x",
      "-s",
      "error",
    ]]
  ) {
    const got = command(...argv, "f.jsonl") as { filter: { status: string }; files: string[] };
    assert.equal(got.filter.status, "error", argv.join(" "));
    assert.deepEqual(got.files, ["f.jsonl"]);
  }
  // A value is the next argument whatever it looks like.
  assert.equal((command("-n", "--x", "-n", "-") as { filter: { names: string[] } }).filter.names.join(","), "--x,-");
  assert.equal((command("--index=1..3") as { filter: { index: string } }).filter.index, "1..3");
  assert.equal(usageOf("--limit", "-1"), '--limit must be an integer >= 0, got "-1"');
});

test("--name is repeatable, in order", () => {
  const got = command("-n", "a", "--name", "b", "-nc", "--name=d") as { filter: { names: string[] } };
  assert.deepEqual(got.filter.names, ["a", "b", "c", "d"]);
});

test("flags: grouped short flags, --no-FLAG, --FLAG=true|false; global options anywhere", () => {
  const got = command("-l", "f.jsonl", "--group-by", "status") as { lastResult: boolean; groupBy: string };
  assert.equal(got.lastResult, true);
  assert.equal(got.groupBy, "status");
  assert.equal(parse("--no-color").global.color, false);
  assert.equal(parse("--color").global.color, true);
  assert.equal(parse().global.color, undefined);
  assert.deepEqual(parse("result", "3", "--strict=true", "--local").global, {
    color: undefined,
    local: true,
    strict: true,
    debug: false,
  });
  assert.equal(parse("--strict=false").global.strict, false);
  assert.equal(usageOf("--strict=maybe"), '--strict takes no value (or true, false), got "maybe"');
  assert.deepEqual(command("-lo", "json"), { ...command("--last-result", "--output", "json") });
  assert.equal((command("-lojson") as { output: string }).output, "json");
});

test("-- ends the options; - and negative numbers are arguments", () => {
  assert.deepEqual((command("--", "--status", "-x") as { files: string[] }).files, ["--status", "-x"]);
  assert.deepEqual((command("-") as { files: string[] }).files, ["-"]);
  assert.equal(usageOf("result", "-1"), 'index must be an integer >= 0, got "-1"');
});

test("each command's arguments and options", () => {
  assert.deepEqual(command("result", "42", "a.jsonl", "-o", "json"), {
    command: "result",
    files: ["a.jsonl"],
    index: 42,
    output: "json",
  });
  assert.deepEqual(command("-o", "json", "last", "-s", "error"), {
    command: "last",
    files: [],
    filter: { ...NO_FILTER, status: "error" },
    output: "json",
  });
  assert.deepEqual(command("state", "--diff", "a.json", "b.json", "--log", "l.jsonl"), {
    command: "state",
    paths: ["a.json", "b.json"],
    output: "text",
    run: undefined,
    step: undefined,
    diff: true,
    log: "l.jsonl",
  });
  assert.equal((command("state", "dir", "--step", "7", "--run", "3f") as { step: number; run: string }).step, 7);
  assert.deepEqual(command("report", "--fail-on", "any", "-o", "junit", "a.jsonl"), {
    command: "report",
    files: ["a.jsonl"],
    filter: NO_FILTER,
    output: "junit",
    failOn: "any",
  });
  assert.equal((command("report") as { failOn: string; output: string }).failOn, "error");
  assert.equal((command("report") as { output: string }).output, "markdown");
});

test("wrong command lines are usage errors that say what is wrong", () => {
  assert.equal(usageOf("--bogus"), "Unknown option --bogus");
  assert.equal(usageOf("--limt", "3"), "Unknown option --limt (did you mean --limit?)");
  assert.equal(usageOf("--group_by", "name"), "Unknown option --group_by (did you mean --group-by?)");
  assert.equal(usageOf("--colour"), "Unknown option --colour (did you mean --color?)");
  assert.equal(usageOf("--rn"), "Unknown option --rn (did you mean --run?)");
  assert.equal(usageOf("-x"), "Unknown option -x");
  assert.equal(usageOf("-lx"), "Unknown option -x (in -lx)");
  assert.equal(usageOf("--no-output"), "Unknown option --no-output");
  assert.equal(usageOf("-o"), "-o needs a value");
  assert.equal(usageOf("--output"), "--output needs a value");
  assert.equal(usageOf("result", "1", "--limit", "3"), "--limit is not an option of `exechist result`");
  assert.equal(usageOf("--fail-on", "any"), "--fail-on is not an option of `exechist summary`");
  assert.equal(usageOf("result"), "Missing <index>: exechist result <index> [files..]");
  assert.equal(usageOf("state"), "Missing <paths>: exechist state <paths..>");
  assert.equal(usageOf("state", "--diff", "a.json"), "--diff needs two checkpoints: exechist state --diff A B");
  assert.equal(usageOf("--group-by", "color"), '--group-by must be one of name, status, run, got "color"');
  assert.equal(usageOf("report", "--fail-on", "warn"), '--fail-on must be one of error, other, any, none, got "warn"');
  assert.equal(usageOf("-o", "yaml"), '--output must be one of table, json, ndjson, csv, markdown here, got "yaml"');
  assert.equal(usageOf("result", "1", "-o", "table"), '--output must be one of text, json here, got "table"');
  assert.equal(usageOf("--limit", "1e3"), '--limit must be an integer >= 0, got "1e3"');
  assert.equal(
    usageOf("--limit", "99999999999999999999"),
    '--limit must be an integer >= 0, got "99999999999999999999"',
  );
});

test("--help and --version print, without needing the command's arguments", () => {
  const text = (...argv: string[]) => {
    const got = command(...argv);
    assert.equal(got.command, "print", argv.join(" "));
    return (got as { text: string }).text;
  };
  assert.equal(text("--version"), "9.9.9\n");
  assert.equal(text("result", "--version"), "9.9.9\n");
  const tool = text("--help");
  assert.match(tool, /^exechist: what ran/);
  for (const name of ["summary", "result", "last", "state", "report"]) {
    assert.match(tool, new RegExp(`\n  exechist ${name} `));
  }
  assert.equal(text("-h"), tool);
  const result = text("result", "--help");
  assert.match(result, /^Usage: exechist result <index> \[files\.\.\] \[options\]\n/);
  assert.match(result, /-o, --output FORMAT +Output format: text, json \(default text\)\n/);
  assert.equal(text("--help", "result"), result);
  assert.match(text("report", "-h"), /--fail-on error\|other\|any\|none +Exit 1 when/);
  assert.match(text("summary", "-lh"), /^Usage: exechist summary/);
  // Wrapped to the width, within 60 and 100 columns.
  for (const width of [40, 72, 200]) {
    const lines = parseArgs(["summary", "--help"], width, "1").command as { text: string };
    const longest = Math.max(...lines.text.split("\n").map((line) => line.length));
    assert.ok(longest <= Math.max(60, Math.min(width, 100)), `${width}: ${longest}`);
    assert.ok(longest > Math.max(60, Math.min(width, 100)) - 12, `${width}: ${longest}`);
  }
});
