import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { escapeXmlAttribute, escapeXmlText } from "../../src/report/xml.ts";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";
import { failingLog } from "./generated_logs.ts";
import { findAll, parseXml, textOf } from "./xml_check.ts";

interface Expected {
  tests: number;
  failures: number;
  skipped: number;
  suites: number;
}

const FIXTURES: Array<[string, Expected]> = [
  ["realistic", { tests: 23, failures: 5, skipped: 3, suites: 5 }],
  ["clean", { tests: 5, failures: 0, skipped: 0, suites: 5 }],
  ["nasty", { tests: 9, failures: 6, skipped: 1, suites: 9 }],
];

const num = (value: string | undefined) => Number(value ?? "NaN");

for (const [log, expected] of FIXTURES) {
  test(`junit: ${log} is well-formed XML with one testcase per execution`, async () => {
    const run = await runCli(["report", "-o", "junit", fixture("report", `${log}.jsonl`)]);
    const root = parseXml(run.stdout);
    assert.equal(root.name, "testsuites");
    const suites = findAll(root, "testsuite");
    const cases = findAll(root, "testcase");
    assert.equal(suites.length, expected.suites);
    assert.equal(cases.length, expected.tests);
    assert.equal(findAll(root, "failure").length, expected.failures);
    assert.equal(findAll(root, "skipped").length, expected.skipped);
    assert.equal(findAll(root, "error").length, 0);
    assert.equal(num(root.attributes.get("tests")), expected.tests);
    assert.equal(num(root.attributes.get("failures")), expected.failures);
    assert.equal(num(root.attributes.get("skipped")), expected.skipped);
    assert.equal(num(root.attributes.get("errors")), 0);
    let time = 0;
    for (const suite of suites) {
      const own = findAll(suite, "testcase");
      assert.equal(num(suite.attributes.get("tests")), own.length);
      assert.equal(num(suite.attributes.get("failures")), findAll(suite, "failure").length);
      assert.equal(num(suite.attributes.get("skipped")), findAll(suite, "skipped").length);
      assert.equal(num(suite.attributes.get("errors")), 0);
      const suiteTime = num(suite.attributes.get("time"));
      const caseTime = own.reduce((sum, c) => sum + (c.attributes.has("time") ? num(c.attributes.get("time")) : 0), 0);
      assert.ok(
        Math.abs(suiteTime - caseTime) < 0.002 * own.length + 1e-9,
        `${suite.attributes.get("name")}: ${suiteTime} vs ${caseTime}`,
      );
      time += suiteTime;
      for (const c of own) {
        assert.equal(c.attributes.get("classname"), suite.attributes.get("name"));
        assert.ok(c.attributes.get("name")!.startsWith(suite.attributes.get("name")! + " #"));
        const t = c.attributes.get("time");
        if (t !== undefined) assert.match(t, /^\d+\.\d{3}$/);
      }
    }
    assert.ok(Math.abs(time - num(root.attributes.get("time"))) < 0.002 * suites.length + 1e-9);
  });
}

test("junit: each failure carries its exception as message and its traceback as text", async () => {
  const log = fixture("report", "realistic.jsonl");
  const records = fs.readFileSync(path.join(ROOT, log), "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) =>
    JSON.parse(l)
  );
  const failed = records.filter((r) => r.exception !== undefined);
  const root = parseXml((await runCli(["report", "-o", "junit", log])).stdout);
  const failures = findAll(root, "testcase").filter((c) => findAll(c, "failure").length > 0);
  assert.equal(failures.length, failed.length);
  for (const c of failures) {
    const index = Number(c.attributes.get("name")!.split(" #")[1]);
    const record = failed.find((r) => r.index === index);
    const failure = findAll(c, "failure")[0]!;
    assert.equal(textOf(failure), record.traceback, `traceback of #${index}`);
    const lastLine = record.traceback.split("\n").at(-1);
    assert.ok(
      lastLine.endsWith(failure.attributes.get("message")!.split(": ").slice(1).join(": ")),
      failure.attributes.get("message"),
    );
  }
});

test("junit: cancelled and running executions are skipped, with their status as the message", async () => {
  const root = parseXml((await runCli(["report", "-o", "junit", fixture("report", "realistic.jsonl")])).stdout);
  const messages = findAll(root, "skipped").map((s) => s.attributes.get("message"));
  assert.deepEqual(messages.sort(), ["cancelled", "cancelled", "running"]);
});

test("junit: hostile text survives as text: ]]>, markup, controls, lone surrogates, CR, newlines in names", async () => {
  const run = await runCli(["report", "-o", "junit", fixture("report", "nasty.jsonl")]);
  assert.ok(!run.stdout.includes("\u001b"), "no raw ESC");
  assert.ok(!run.stdout.includes("\u0000"), "no NUL");
  assert.ok(!run.stdout.includes("]]>"), "]]> never appears raw");
  const root = parseXml(run.stdout);
  const byName = new Map(findAll(root, "testcase").map((c) => [c.attributes.get("name")!, c]));
  const render = byName.get("render<script>alert(1)</script> #1")!;
  const text = textOf(findAll(render, "failure")[0]!);
  assert.ok(text.includes("']]>'  # </pre></details><!-- &amp;"));
  assert.ok(text.includes("[\\x01][\\x00][\\x0b][\\x0c][\\x1f][\ufffd][\ufffd] \\x1b[31mred\\x1b[0m lone:[\ufffd]"));
  assert.ok(text.includes("\r\n"), "CR kept through &#13;");
  assert.equal(findAll(render, "failure")[0]!.attributes.get("message"), 'ValueError: bad <tag> & "quote" ]]> end');
  assert.ok(byName.has("multi\nline name #4"), "newline in a name kept through &#10;");
  assert.ok(byName.has("日本語タスク 🚀 #3"));
  const jp = findAll(byName.get("日本語タスク 🚀 #3")!, "failure")[0]!;
  assert.equal(jp.attributes.get("message"), "UnicodeError: é 日本 🚀 naïve café");
});

test("junit: a log of many failures gives one failure element each", async () => {
  const run = await runCli(["report", "-o", "junit", "many.jsonl"], {
    files: { "many.jsonl": failingLog(120, 300, 30) },
  });
  const root = parseXml(run.stdout);
  assert.equal(findAll(root, "testcase").length, 150);
  assert.equal(findAll(root, "failure").length, 120);
  assert.equal(run.status, 1);
});

const TEXT_CASES: Array<[string, string, string]> = [
  // [case, input, escaped text]
  ["markup", "a<b>&c", "a&lt;b&gt;&amp;c"],
  ["CDATA end", "]]>", "]]&gt;"],
  ["quotes stay in text", `"'`, `"'`],
  ["C0 control", "\u0001", "\\x01"],
  ["NUL", "\u0000", "\\x00"],
  ["ESC", "\u001b[0m", "\\x1b[0m"],
  ["tab and LF kept", "a\tb\nc", "a\tb\nc"],
  ["CR as a reference", "a\r\nb", "a&#13;\nb"],
  ["lone high surrogate", "x\ud800y", "x\ufffdy"],
  ["lone low surrogate", "x\udc00y", "x\ufffdy"],
  ["pair kept", "😀", "😀"],
  ["non-characters", "\ufffe\uffff", "\ufffd\ufffd"],
  ["DEL and C1 are XML chars", "\u007f\u0085", "\u007f\u0085"],
];

for (const [name, input, escaped] of TEXT_CASES) {
  test(`xml text escaping: ${name}`, () => {
    assert.equal(escapeXmlText(input), escaped);
    parseXml(`<a>${escapeXmlText(input)}</a>`);
  });
}

test("xml attribute escaping: quotes, tab, LF and CR become references", () => {
  assert.equal(escapeXmlAttribute(`a"b\tc\nd\re<`), "a&quot;b&#9;c&#10;d&#13;e&lt;");
  const root = parseXml(`<a v="${escapeXmlAttribute('x\ty\nz\r"')}"/>`);
  assert.equal(root.attributes.get("v"), 'x\ty\nz\r"');
});

test("xml escaping: random text always parses, and XML-allowed text round-trips", () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pool = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "]]>",
    "\r",
    "\n",
    "\t",
    "\u0000",
    "\u001b",
    "\ud800",
    "\udfff",
    "😀",
    "é",
    "日",
    "a",
    " ",
    "&amp;",
  ];
  for (let i = 0; i < 500; i++) {
    let s = "";
    for (let n = Math.floor(rand() * 20); n > 0; n--) s += pool[Math.floor(rand() * pool.length)];
    const text = parseXml(`<a t="${escapeXmlAttribute(s)}">${escapeXmlText(s)}</a>`);
    const clean =
      // deno-lint-ignore no-control-regex
      !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
        .test(s);
    if (clean) {
      assert.equal(textOf(text), s);
      assert.equal(text.attributes.get("t"), s);
    }
  }
});

test("the XML checker rejects what is not well-formed", () => {
  const bad = [
    "<a>&</a>",
    "<a>]]></a>",
    "<a>&nbsp;</a>",
    "<a>&#1;</a>",
    "<a>\u0001</a>",
    "<a>\ud800</a>",
    '<a b="<"/>',
    '<a b="1" b="2"/>',
    "<a><b></a></b>",
    "<a/><b/>",
    "<a>",
    "text<a/>",
  ];
  for (const doc of bad) assert.throws(() => parseXml(doc), Error, JSON.stringify(doc));
});

test("junit: durations of 1e308 seconds, and their sum past the largest double, are plain decimals, never 0", async () => {
  const log = '{"name":"a","duration":1e308}\n{"name":"a","duration":1e308}\n{"name":"b","duration":1e21}\n';
  const run = await runCli(["report", "-o", "junit", "huge.jsonl"], { files: { "huge.jsonl": log } });
  const root = parseXml(run.stdout);
  const times = [...run.stdout.matchAll(/ time="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(times.length >= 5, run.stdout);
  for (const time of times) assert.match(time, /^\d+\.\d{3}$/, "an xs:decimal, no exponent");
  assert.ok(!times.includes("0.000"), times.join(" "));
  assert.equal(Number(findAll(root, "testcase")[0]!.attributes.get("time")), 1e308);
  assert.equal(Number(findAll(root, "testcase")[2]!.attributes.get("time")), 1e21);
});
