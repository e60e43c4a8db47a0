import assert from "node:assert/strict";
import { test } from "node:test";
import { type Command, type GlobalArgs, parseArgs } from "../../src/cli/args.ts";
import { loadHelpLayout } from "../../src/cli/yargs_platform.ts";
import { ExechistError } from "../../src/errors.ts";

/** A command line that runs a command: its global options and the command's arguments. */
function parse(...argv: string[]): { global: GlobalArgs; command: Command } {
  const parsed = parseArgs(argv, { width: 100, version: "9.9.9" });
  assert.ok(!("print" in parsed), `${argv.join(" ")} prints`);
  return parsed;
}
const command = (...argv: string[]): Command => parse(...argv).command;

/** What a command line prints (help, version, completion). */
function printed(argv: string[], width = 100, env: Record<string, string> = {}): string {
  const parsed = parseArgs(argv, { width, version: "9.9.9", env: (name) => env[name] });
  assert.ok("print" in parsed, `${argv.join(" ")} prints nothing`);
  return parsed.print;
}

/** The usage error's message for `argv`, without the pointer to --help. */
function messageOf(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    assert.ok(error instanceof ExechistError && error.code === "usage", String(error));
    assert.match(error.message, /\n\nRun "exechist --help" for usage$/);
    assert.equal(error.exitStatus, 2);
    return error.message.replace(/\n\nRun "exechist --help" for usage$/, "");
  }
  assert.fail(`no usage error for ${argv.join(" ")}`);
}

/** The usage error's first line for `argv`. */
const usageOf = (...argv: string[]): string => messageOf(...argv).split("\n")[0]!;

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
    from: undefined,
    map: [],
    config: undefined,
  });
  assert.equal(parse("result", "3", "--from", "otlp").global.from, "otlp");
  assert.deepEqual(parse("--map", "name=step", "-", "--map=start=time").global.map, ["name=step", "start=time"]);
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
    steps: [],
    diff: true,
    log: "l.jsonl",
  });
  assert.equal((command("state", "dir", "--step", "7", "--run", "3f") as { step: number; run: string }).step, 7);
  assert.deepEqual((command("state", "--diff", "h.json", "--step", "1", "--step", "3") as { steps: number[] }).steps, [
    1,
    3,
  ]);
  assert.deepEqual(command("report", "--fail-on", "any", "-o", "junit", "a.jsonl"), {
    command: "report",
    files: ["a.jsonl"],
    filter: NO_FILTER,
    output: "junit",
    failOn: "any",
    allowEmpty: false,
  });
  assert.equal((command("report", "--allow-empty") as { allowEmpty: boolean }).allowEmpty, true);
  assert.equal((command("report") as { failOn: string; output: string }).failOn, "error");
  assert.equal((command("report") as { output: string }).output, "markdown");
  assert.equal((command("report", "-o", "html") as { output: string }).output, "html");
  assert.equal((command("--timeline", "a.jsonl") as { timeline: boolean }).timeline, true);
  assert.deepEqual(command("compare", "base.jsonl", "head/"), {
    command: "compare",
    paths: ["base.jsonl", "head/"],
    baseRun: undefined,
    headRun: undefined,
    output: "table",
    failOn: "any",
    slower: 0.2,
  });
  assert.deepEqual(
    command(
      "compare",
      "--base-run=r1",
      "--head-run",
      "r2",
      "--fail-on",
      "regression",
      "--slower",
      "35%",
      "-ohtml",
      "l",
    ),
    {
      command: "compare",
      paths: ["l"],
      baseRun: "r1",
      headRun: "r2",
      output: "html",
      failOn: "regression",
      slower: 0.35,
    },
  );
  assert.equal((command("compare", "--slower", "5", "a", "b") as { slower: number }).slower, 0.05);
  assert.deepEqual(command("flaky", "runs/", "-o", "markdown"), {
    command: "flaky",
    files: ["runs/"],
    output: "markdown",
    shift: 0.2,
  });
  assert.deepEqual(command("trend", "a.jsonl", "b.jsonl", "--shift", "50%"), {
    command: "trend",
    files: ["a.jsonl", "b.jsonl"],
    output: "table",
    shift: 0.5,
  });
  assert.deepEqual((command("trend", "a", "--", "-", "--x") as { files: string[] }).files, ["a", "-", "--x"]);
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
  assert.equal(usageOf("result"), "Not enough non-option arguments: got 0, need at least 1");
  assert.equal(usageOf("state"), "Not enough non-option arguments: got 0, need at least 1");
  assert.equal(
    usageOf("state", "--diff", "a.json", "b.json", "c.json"),
    "--diff needs two checkpoints, or one LangGraph history: exechist state --diff A B",
  );
  assert.equal(
    usageOf("state", "dir", "--step", "1", "--step", "2", "--step", "3"),
    "--step is given at most twice (two steps of a LangGraph history)",
  );
  assert.equal(usageOf("compare"), "Not enough non-option arguments: got 0, need at least 1");
  assert.equal(usageOf("compare", "a"), "compare takes two logs (or directories): exechist compare BASE HEAD");
  assert.equal(
    usageOf("compare", "a", "b", "c"),
    "compare takes two logs (or directories): exechist compare BASE HEAD",
  );
  assert.match(usageOf("compare", "--head-run", "r2", "a"), /^--base-run and --head-run go together/);
  assert.equal(
    usageOf("compare", "a", "b", "--slower", "0"),
    '--slower must be a percent above 0 such as 20%, got "0"',
  );
  assert.equal(usageOf("trend", "a", "--shift", "-5%"), '--shift must be a percent above 0 such as 20%, got "-5%"');
  assert.equal(usageOf("flaky"), "Not enough non-option arguments: got 0, need at least 1");
  assert.equal(usageOf("flaky", "a", "--shift", "5"), "--shift is not an option of `exechist flaky`");
  assert.equal(
    usageOf("--timeline", "-o", "json", "--fail-on", "any"),
    "--fail-on is not an option of `exechist summary`",
  );
  // yargs' choices, one line of the message each.
  const choices = (...argv: string[]) => messageOf(...argv).split("\n").slice(0, 2).join("\n");
  assert.equal(
    choices("--group-by", "color"),
    'Invalid values:\n  Argument: group-by, Given: "color", Choices: "name", "status", "run"',
  );
  assert.equal(
    choices("report", "--fail-on", "warn"),
    'Invalid values:\n  Argument: fail-on, Given: "warn", Choices: "error", "other", "any", "none"',
  );
  assert.equal(
    choices("-o", "yaml"),
    'Invalid values:\n  Argument: output, Given: "yaml", Choices: "table", "json", "ndjson", "csv", "markdown"',
  );
  assert.equal(
    choices("compare", "a", "b", "--fail-on", "error"),
    'Invalid values:\n  Argument: fail-on, Given: "error", Choices: "new-failure", "regression", "any", "none"',
  );
  assert.equal(
    choices("flaky", "a", "-o", "html"),
    'Invalid values:\n  Argument: output, Given: "html", Choices: "table", "markdown", "json"',
  );
  assert.equal(
    choices("result", "1", "-o", "table"),
    'Invalid values:\n  Argument: output, Given: "table", Choices: "text", "json"',
  );
  assert.equal(usageOf("--limit", "1e3"), '--limit must be an integer >= 0, got "1e3"');
  assert.equal(
    usageOf("--limit", "99999999999999999999"),
    '--limit must be an integer >= 0, got "99999999999999999999"',
  );
});

test("--help and --version print, without needing the command's arguments", async () => {
  await loadHelpLayout();
  const text = (...argv: string[]) => printed(argv);
  assert.equal(text("--version"), "9.9.9\n");
  assert.equal(text("result", "--version"), "9.9.9\n");
  const tool = text("--help");
  assert.match(tool, /^exechist: what ran/);
  for (const name of ["summary", "result", "last", "state", "report", "compare", "flaky", "trend", "completion"]) {
    assert.match(tool, new RegExp(`\n  exechist ${name}\\b`));
  }
  assert.equal(text("-h"), tool);
  assert.match(tool, /\n {6}--map +Where a field is: FIELD=PATH, a key or dotted path \(repeatable\)/);
  assert.match(text("summary", "--help"), /\n {2}exechist summary --from pino --map name=step +A pino log/);
  const result = text("result", "--help");
  assert.match(result, /^exechist result <index> \[files\.\.\]\n/);
  assert.match(result, /-o, --output +Output format +\[choices: "text", "json"\] \[default: "text"\]\n/);
  assert.match(result, /\nExamples:\n {2}exechist result 42 run\.jsonl +Show execution 42\n/);
  assert.equal(text("--help", "result"), result);
  assert.match(text("report", "-h"), /--fail-on +Exit 1 when[^]*\[choices: "error", "other", "any", "none"\]/);
  assert.match(text("summary", "-lh"), /^exechist summary \[files\.\.\]/);
  assert.match(
    text("summary", "-h"),
    /--timeline +A text Gantt chart[^]*\n {2}exechist summary --timeline run\.jsonl +What ran when/,
  );
  assert.match(text("report", "-h"), /\[choices: "markdown", "junit", "ctrf", "github", "json", "html"\]/);
  const compare = text("compare", "--help");
  assert.match(compare, /^exechist compare <paths\.\.>\n/);
  assert.match(
    compare,
    /--fail-on +Exit 1 on[^]*\[choices: "new-failure", "regression", "any", "none"\] \[default: "any"\]/,
  );
  assert.match(compare, /--slower +The smallest change of p50[^]*\[default: "20%"\]/);
  assert.match(compare, /\[choices: "table", "markdown", "json", "github", "html"\] \[default: "table"\]/);
  assert.match(compare, /\nExamples:\n {2}exechist compare base\.jsonl head\.jsonl +What changed/);
  assert.match(text("flaky", "-h"), /^exechist flaky <files\.\.>\n[^]*exechist flaky runs\/ +The flakiest/);
  assert.match(text("trend", "-h"), /^exechist trend <files\.\.>\n[^]*--shift +The smallest lasting change/);
  // Wrapped to the width, within 60 and 100 columns.
  for (const width of [40, 72, 200]) {
    const lines = printed(["summary", "--help"], width);
    const longest = Math.max(...lines.split("\n").map((line) => line.length));
    assert.ok(longest <= Math.max(60, Math.min(width, 100)), `${width}: ${longest}`);
    assert.ok(longest > Math.max(60, Math.min(width, 100)) - 12, `${width}: ${longest}`);
  }
});

test("a mistyped option is named with the nearest one; completion lists the commands", () => {
  assert.equal(usageOf("--statsu", "error"), "Unknown option --statsu (did you mean --status?)");
  const words = printed(["--get-yargs-completions", "exechist", "su"]).split("\n");
  for (const name of ["summary", "result", "last", "state", "report", "compare", "flaky", "trend"]) {
    assert.ok(words.includes(name), name);
  }
  const options = printed(["--get-yargs-completions", "exechist", "compare", "--"]).split("\n");
  for (const name of ["--base-run", "--head-run", "--fail-on", "--slower", "--output"]) {
    assert.ok(options.includes(name), name);
  }
  assert.match(printed(["completion"]), /^###-begin-exechist-completions-###\n[^]*complete -o bashdefault/);
  assert.match(printed(["completion"], 100, { SHELL: "/bin/zsh" }), /^#compdef exechist\n/);
});
