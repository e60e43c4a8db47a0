import assert from "node:assert/strict";
import { test } from "node:test";
import { htmlText, svgNumber } from "../../src/html/escape_html.ts";
import { runCli } from "../helpers/fake_io.ts";

test("text for HTML: the five characters as entities, controls visible, lone surrogates replaced", () => {
  assert.equal(
    htmlText(`<a href="x" onclick='y'>&amp;</a>`),
    "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
  );
  assert.equal(htmlText("esc\u001b[31m nul\u0000 \ud800"), "esc\\x1b[31m nul\\x00 \ufffd");
  assert.equal(htmlText("line\nbreak\ttab"), "line\nbreak\ttab");
});

test("SVG numbers: two decimals at most, no exponent, no -0", () => {
  assert.deepEqual([0, -0, 1.005, 12.3456, 100, 1e-9, -1e-9, 1748779200000.125].map(svgNumber), [
    "0",
    "0",
    "1",
    "12.35",
    "100",
    "0",
    "0",
    "1748779200000.13",
  ]);
});

test("every text from the log is escaped on the page: names, exceptions, tracebacks, the run label", async () => {
  const evil = `<script>alert('x')</script>"&`;
  const log = [
    { name: evil, index: 0, start_wall: "2025-06-01T12:00:00Z", duration: 1, exception: evil, traceback: evil },
    { name: "ok", index: 1, start_wall: "2025-06-01T12:00:01Z", duration: 1 },
  ].map((r) => JSON.stringify(r)).join("\n") + "\n";
  for (const argv of [["report", "-o", "html", "e.jsonl"], ["compare", "-o", "html", "e.jsonl", "e.jsonl"]]) {
    const got = await runCli(argv, { files: { "e.jsonl": log } });
    const scripts = got.stdout.match(/<script>/g) ?? [];
    assert.equal(scripts.length, 1, "the page's own script only");
    assert.doesNotMatch(got.stdout, /alert\('x'\)/);
    assert.match(got.stdout, /&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;&quot;&amp;/);
  }
});
