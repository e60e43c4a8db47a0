import assert from "node:assert/strict";
import { test } from "node:test";
import { buildReportData } from "../../src/report/report_data.ts";
import { MARKDOWN_DEFAULTS, renderMarkdown } from "../../src/report/render_markdown.ts";
import { GITHUB_SUMMARY_LIMIT, utf8Length } from "../../src/report/markdown_budget.ts";
import { escapeTableCell } from "../../src/render/markdown_escape.ts";
import { fixture, runCli } from "../helpers/fake_io.ts";
import { registryOf } from "../helpers/read_bytes.ts";
import { failingLog } from "./generated_logs.ts";

const REALISTIC = fixture("report", "realistic.jsonl");
const NASTY = fixture("report", "nasty.jsonl");
const ESC = "\u001b";

const count = (text: string, needle: string) => text.split(needle).length - 1;

test("markdown: headline totals, per-name table, slowest, failures by exception, and a <details> per failure", async () => {
  const run = await runCli(["report", REALISTIC]);
  assert.equal(run.status, 1);
  const md = run.stdout;
  assert.match(md, /^## ❌ exechist report: 23 executions, 5 failed, 3 other\n/);
  assert.ok(md.includes("| Executions | Success | Error | Other | Bad lines | Wall time | Busy time |"));
  assert.ok(md.includes("| 23 | 15 | 5 | 3 | 1 | 169.540s (2m 50s) | 164.290s (2m 44s) |"));
  assert.ok(md.includes("Other statuses: cancelled 2, running 1."));
  assert.ok(md.includes("| Name | Count | Errors | Error rate | p50 | p95 | Max |"));
  assert.ok(md.includes("| fetch_orders | 5 | 2 | 40.0% | 1.532s | 30.021s | 30.022s |"));
  assert.ok(md.includes("### Slowest executions"));
  assert.ok(
    md.includes(
      "| 2 | ReadTimeout | HTTPSConnectionPool(host='orders.ap.internal', port=443): Read timed out. (read timeout=30) | fetch_orders #2 |",
    ),
  );
  assert.equal(count(md, "<details>"), 5);
  assert.equal(count(md, "</details>"), 5);
  assert.equal(count(md, "<pre>"), 5);
  assert.ok(md.includes("ValueError: order 1003 has no line items\n</pre>"));
});

const COLOUR_WORLDS: Array<[string, Record<string, string>, string[]]> = [
  // [case, environment, extra flags]
  ["CI=true, FORCE_COLOR unset", { CI: "true" }, []],
  ["CI=true, GITHUB_ACTIONS=true", { CI: "true", GITHUB_ACTIONS: "true" }, []],
  ["FORCE_COLOR=1", { FORCE_COLOR: "1" }, []],
  ["--color", {}, ["--color"]],
];

for (const [name, env, flags] of COLOUR_WORLDS) {
  test(`markdown is never coloured: ${name}`, async () => {
    for (const log of [REALISTIC, NASTY]) {
      const run = await runCli(["report", ...flags, log], { env, stdoutIsTTY: flags.length > 0 });
      assert.ok(run.stdout.length > 0);
      assert.ok(!run.stdout.includes(ESC), `ESC in the report of ${log}`);
    }
  });
}

test("markdown: hostile text is escaped in table cells and <details> bodies", async () => {
  const md = (await runCli(["report", NASTY])).stdout;
  // deno-lint-ignore no-control-regex
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(md), "no raw control characters");
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(md), "no lone surrogates");
  assert.ok(!md.includes("<script>"));
  for (const table of md.split("\n\n").filter((block) => block.startsWith("| "))) {
    const rows = table.trim().split("\n");
    const cells = (row: string) => row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length;
    for (const row of rows) assert.equal(cells(row), cells(rows[0]!), `cells of ${JSON.stringify(row)}`);
  }
  for (const [, body] of md.matchAll(/<pre>\n([\s\S]*?)\n<\/pre>/g)) {
    assert.ok(!/[<>]/.test(body!), `raw markup in ${JSON.stringify(body)}`);
  }
  for (const [, summary] of md.matchAll(/<summary>(.*)<\/summary>/g)) assert.ok(!/[<>]/.test(summary!), summary);
  assert.ok(md.includes("| md \\`code\\` \\*star\\* | 1 | 1 |"));
  assert.ok(md.includes("| multi⏎line name | 1 | 0 |"));
  assert.ok(md.includes("\\x1b[31mred\\x1b[0m"));
  assert.ok(md.includes("# &lt;/pre&gt;&lt;/details&gt;&lt;!-- &amp;amp;"));
  assert.ok(md.includes("日本語タスク 🚀 #3: UnicodeError: é 日本 🚀 naïve café"));
});

test("markdown: a huge log is trimmed under GitHub's 1 MiB limit, with a visible note", async () => {
  const log = failingLog(80, 40_000);
  assert.ok(log.length > 3 * GITHUB_SUMMARY_LIMIT);
  const run = await runCli(["report", "big.jsonl"], { files: { "big.jsonl": log } });
  const bytes = utf8Length(run.stdout);
  assert.ok(bytes < GITHUB_SUMMARY_LIMIT, `${bytes} bytes`);
  assert.equal(bytes, new TextEncoder().encode(run.stdout).length);
  assert.match(
    run.stdout,
    /_Trimmed: \d+ more failures not shown, to keep this report under GitHub's 1 MiB job-summary limit/,
  );
  const shown = count(run.stdout, "<details>");
  assert.ok(shown > 0 && shown < 50, `${shown} shown`);
  assert.ok(run.stdout.includes(`### Failures (the first ${shown} of 80)\n`), "the heading counts the failures shown");
  assert.equal(count(run.stdout, "<details>"), count(run.stdout, "</details>"));
  assert.ok(run.stdout.trimEnd().endsWith("lists them all._"));
});

test("markdown: past 50 failures the rest are counted, not shown", async () => {
  const run = await runCli(["report", "many.jsonl"], { files: { "many.jsonl": failingLog(70, 100) } });
  assert.equal(count(run.stdout, "<details>"), 50);
  assert.ok(run.stdout.includes("### Failures (the first 50 of 70)"));
  assert.ok(run.stdout.includes("_… 20 more failures not shown; `exechist summary -s error` lists them all._"));
});

test("markdown: only the failures shown (and those grouped) are read back from the log", () => {
  const registry = registryOf([["many.jsonl", failingLog(500, 50, 100)]]);
  let reads = 0;
  const details = registry.details.bind(registry);
  registry.details = (pos: number) => {
    reads++;
    return details(pos);
  };
  const positions = Uint32Array.from({ length: registry.size }, (_, i) => i);
  const data = buildReportData(registry, positions, "error", { failuresShown: 50, slowest: 10, failuresGrouped: 120 });
  assert.equal(reads, 120);
  assert.equal(data.failuresGrouped, 120);
  assert.equal(data.failureGroups.reduce((sum, g) => sum + g.count, 0), 120);
  reads = 0;
  let out = "";
  renderMarkdown(registry, data, (text) => (out += text), { ...MARKDOWN_DEFAULTS, failuresShown: 30 });
  assert.equal(reads, 30);
  assert.ok(out.includes("_Grouped from the first 120 of 500 failures._"));
});

const CELL_CASES: Array<[string, string, string]> = [
  // [case, text, cell]
  ["pipe", "a|b", "a\\|b"],
  ["newline", "a\nb", "a⏎b"],
  ["HTML", "<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"],
  ["emphasis markers", "*x* `y` ~z~ [l](u)", "\\*x\\* \\`y\\` \\~z\\~ \\[l\\](u)"],
  ["underscore inside a word is left", "fetch_orders", "fetch_orders"],
  ["underscore at a word's edge", "_private_", "\\_private\\_"],
  ["backslash", "a\\b", "a\\\\b"],
  ["ESC", "\u001b[1m", "\\\\x1b\\[1m"],
  ["lone surrogate", "\ud800", "\ufffd"],
  ["line separator", "a\u2028b\u2029c", "a⏎b⏎c"],
  ["CRLF", "a\r\nb\rc", "a⏎b⏎c"],
  ["C1 CSI", "a\u009b2Jb", "a\\\\x9b2Jb"],
  ["bidi override", "abc\u202edef\u2066", "abc\\\\u202edef\\\\u2066"],
  ["URL", "see https://evil.example/x", "see https:\u2060//evil.example/x"],
  ["www", "at www.evil.example", "at www\u2060.evil.example"],
  ["e-mail and mention", "mail a.b@evil.example or @octocat", "mail a.b@\u2060evil.example or @\u2060octocat"],
  ["non-ASCII", "é 日本 🚀", "é 日本 🚀"],
];

for (const [name, text, cell] of CELL_CASES) {
  test(`markdown cell escaping: ${name}`, () => assert.equal(escapeTableCell(text), cell));
}

test("utf8Length agrees with TextEncoder", () => {
  for (const text of ["", "abc", "é", "日本", "🚀", "a\ud800b", "\udc00", "x😀\ud83d"]) {
    assert.equal(utf8Length(text), new TextEncoder().encode(text).length, JSON.stringify(text));
  }
});

test("markdown: a 2 MB action name cannot push the report past the limit", async () => {
  const name = "x".repeat(2_000_000);
  const log = JSON.stringify({ name, status: "cancelled" }) + "\n" +
    JSON.stringify({ name, exception: "E('m')", traceback: "T" }) + "\n";
  const run = await runCli(["report", "huge.jsonl"], { files: { "huge.jsonl": log } });
  assert.equal(run.status, 1);
  assert.ok(utf8Length(run.stdout) < GITHUB_SUMMARY_LIMIT, `${utf8Length(run.stdout)} bytes`);
  assert.ok(run.stdout.includes("| 2 | 0 | 1 | 1 | 0 |"));
  assert.match(run.stdout, /_Trimmed: 1 more failure not shown/);
});

test("markdown and github: 80,000 distinct other statuses are named up to 20, the rest counted", async () => {
  const lines: string[] = [];
  for (let j = 0; j < 80_000; j++) lines.push(`{"name":"n","status":"state-${j}-${"x".repeat(20)}"}`);
  const log = lines.join("\n") + "\n";
  const md = await runCli(["report", "many.jsonl"], { files: { "many.jsonl": log } });
  assert.ok(utf8Length(md.stdout) < 20_000, `${utf8Length(md.stdout)} bytes`);
  assert.match(md.stdout, /Other statuses: state-0-x+ 1, .*, and 79980 more \(79980 records\)\./);
  const github = await runCli(["report", "-o", "github", "many.jsonl"], { files: { "many.jsonl": log } });
  const notice = github.stdout.trimEnd().split("\n").at(-1)!;
  assert.ok(notice.length < 5_000, `${notice.length} characters`);
  assert.match(notice, /and 79980 more \(79980 records\)/);
});
