import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeData, escapeProperty, workflowCommand } from "../../src/report/workflow_command.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { failingLog } from "./generated_logs.ts";

/** Undoes the escaping as the Actions runner does (ActionCommand.cs), to check round trips. */
function unescape(text: string, property: boolean): string {
  let out = text.replace(/%0D/g, "\r").replace(/%0A/g, "\n");
  if (property) out = out.replace(/%3A/g, ":").replace(/%2C/g, ",");
  return out.replace(/%25/g, "%");
}

interface Command {
  command: string;
  properties: Map<string, string>;
  message: string;
}

function parseCommand(line: string): Command {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  assert.ok(m, `not a workflow command: ${JSON.stringify(line)}`);
  const properties = new Map<string, string>();
  for (const pair of (m[2] ?? "").split(",").filter((p) => p !== "")) {
    const eq = pair.indexOf("=");
    properties.set(pair.slice(0, eq), unescape(pair.slice(eq + 1), true));
  }
  return { command: m[1]!, properties, message: unescape(m[3]!, false) };
}

test("github: at most 10 ::error lines, then one ::notice with the totals and what was not annotated", async () => {
  const run = await runCli(["report", "-o", "github", "many.jsonl"], {
    files: { "many.jsonl": failingLog(25, 500, 5) },
  });
  assert.equal(run.status, 1);
  assert.ok(run.stdout.endsWith("\n"));
  const lines = run.stdout.slice(0, -1).split("\n");
  assert.equal(lines.length, 11);
  const commands = lines.map(parseCommand);
  assert.equal(commands.filter((c) => c.command === "error").length, 10);
  assert.deepEqual(commands.map((c) => c.command), [...Array(10).fill("error"), "notice"]);
  assert.equal(
    commands[10]!.message,
    "30 executions: 5 success, 25 error, 0 other; 0 bad lines. 10 failures annotated, 15 not annotated.",
  );
  assert.equal(commands[0]!.properties.get("title"), "step_0 #5");
  assert.ok(commands[0]!.message.startsWith("RuntimeError: item 0 failed\nstep_0() at many.jsonl:6\n\nTraceback"));
  for (const line of lines) assert.ok(!line.includes("\r"), "no raw CR inside a command");
});

test("github: each failure of the realistic log is annotated with its exception and traceback", async () => {
  const run = await runCli(["report", "-o", "github", fixture("report", "realistic.jsonl")]);
  const commands = run.stdout.trimEnd().split("\n").map(parseCommand);
  const errors = commands.filter((c) => c.command === "error");
  assert.equal(errors.length, 5);
  assert.deepEqual(errors.map((c) => c.properties.get("title")), [
    "fetch_orders #2",
    "validate_order #5",
    "charge_card #9",
    "charge_card #17",
    "fetch_orders #20",
  ]);
  assert.ok(errors[2]!.message.endsWith("stripe.error.CardError: Your card was declined."));
  assert.match(
    commands.at(-1)!.message,
    /23 executions: 15 success, 5 error, 3 other \(cancelled 2, running 1\); 1 bad line\. 5 failures annotated, 0 not annotated\./,
  );
});

test("github: hostile names and messages cannot break out of their command", async () => {
  const run = await runCli(["report", "-o", "github", fixture("report", "nasty.jsonl")]);
  assert.ok(!run.stdout.includes("\u001b"));
  const lines = run.stdout.trimEnd().split("\n");
  for (const line of lines) assert.ok(line.startsWith("::error ") || line.startsWith("::notice "), line);
  assert.ok(lines.some((l) => l.startsWith("::error title=a%2Cb%3Ac%25d #2::KeyError: 'x:y,z' 100%25%0A")));
  const commands = lines.map(parseCommand);
  const keyError = commands.find((c) => c.properties.get("title") === "a,b:c%d #2")!;
  assert.ok(keyError.message.includes("\n::error::injected %0A not a newline\n::warning file=x::also injected\n"));
  const render = commands.find((c) => c.properties.get("title") === "render<script>alert(1)</script> #1")!;
  assert.ok(render.message.includes("\\x1b[31mred\\x1b[0m lone:[\ufffd]"));
  assert.ok(commands.some((c) => c.properties.get("title") === "日本語タスク 🚀 #3"));
});

test("github: a clean log gives only the notice", async () => {
  const run = await runCli(["report", "-o", "github", fixture("report", "clean.jsonl")]);
  assert.equal(run.status, 0);
  assert.equal(
    run.stdout,
    "::notice title=exechist report::5 executions: 5 success, 0 error, 0 other; 0 bad lines. 0 failures annotated, 0 not annotated.\n",
  );
});

const ESCAPES: Array<[string, string, string, string]> = [
  // [case, text, escapeData, escapeProperty]
  ["percent", "100%", "100%25", "100%25"],
  ["CR LF", "a\r\nb", "a%0D%0Ab", "a%0D%0Ab"],
  ["colon and comma", "a:b,c", "a:b,c", "a%3Ab%2Cc"],
  ["already escaped text", "%0A", "%250A", "%250A"],
  ["double colon", "::x::", "::x::", "%3A%3Ax%3A%3A"],
  ["non-ASCII", "é 日本 🚀", "é 日本 🚀", "é 日本 🚀"],
];

for (const [name, text, data, property] of ESCAPES) {
  test(`workflow command escaping: ${name}`, () => {
    assert.equal(escapeData(text), data);
    assert.equal(escapeProperty(text), property);
    assert.equal(unescape(escapeData(text), false), text);
    assert.equal(unescape(escapeProperty(text), true), text);
  });
}

test("workflow command: properties joined by commas, empty ones left out", () => {
  assert.equal(
    workflowCommand("error", [["title", "a,b"], ["file", ""], ["line", "3"]], "m\n"),
    "::error title=a%2Cb,line=3::m%0A",
  );
  assert.equal(workflowCommand("notice", [], "x"), "::notice::x");
});
