import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { browserUnavailable, launchBrowser, openWatched } from "../helpers/browser.ts";
import { ROOT, runCli } from "../helpers/fake_io.ts";

const skip = browserUnavailable();
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let dir = "";

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-html-"));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A small log: 12 executions of 3 actions, 3 failures (one with hostile text), one without a start time. */
function smallLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) {
    const failed = i % 4 === 3;
    lines.push(JSON.stringify({
      index: i,
      name: i === 11 ? "<img src=x onerror=alert(1)>\u001b[31m" : ["fetch", "build", "test"][i % 3],
      start_wall: i === 5 ? undefined : new Date(Date.UTC(2025, 5, 1, 12, 0, i * 2)).toISOString(),
      duration: 0.5 + i / 10,
      status: failed ? "ERROR" : "OK",
      exception: failed ? `ValueError('bad <b>${i}</b> & "quote"')` : null,
    }));
  }
  return lines.join("\n") + "\n";
}

async function writePage(argv: string[], files: Record<string, string>, name: string): Promise<string> {
  const got = await runCli(argv, { files });
  assert.ok(got.status === 0 || got.status === 1, got.stderr);
  const file = path.join(dir, name);
  fs.writeFileSync(file, got.stdout);
  return pathToFileURL(file).href;
}

test(
  "report -o html in a real browser: no console error, no request, a mark per execution, the failure count, hover shows the name",
  {
    skip: skip ?? false,
  },
  async () => {
    const url = await writePage(["report", "-o", "html", "small.jsonl"], { "small.jsonl": smallLog() }, "small.html");
    const { page, watch } = await openWatched(browser!, url);
    assert.deepEqual(watch, { requests: [], errors: [] });
    assert.equal(await page.$$eval("#tl rect.m", (marks) => marks.length), 11, "12 executions, one without a start");
    assert.equal(await page.$eval("#failure-count", (e) => e.textContent), "3");
    assert.equal(await page.$$eval("details.failure", (e) => e.length), 3);
    assert.equal(await page.$$eval("img", (e) => e.length), 0, "input text never becomes markup");
    const marks = await page.$$("#tl rect.m");
    await marks[0]!.hover();
    const tip = await page.$eval("#tip", (e) => ({ hidden: (e as HTMLElement).hidden, text: e.textContent }));
    assert.equal(tip.hidden, false);
    assert.match(tip.text!, /^fetch #0 · 0\.500s · success/);
    await marks[10]!.hover();
    assert.match(await page.$eval("#tip", (e) => e.textContent!), /^<img src=x onerror=alert\(1\)>\\x1b\[31m #11/);
    // Zoom in: the view narrows; reset: the whole run again.
    await page.click('[data-zoom="in"]');
    assert.equal(await page.$eval("#tl", (e) => e.getAttribute("viewBox")), "250 0 500 64");
    await page.click('[data-zoom="reset"]');
    assert.equal(await page.$eval("#tl", (e) => e.getAttribute("viewBox")), "0 0 1000 64");
    // Sorting by count, twice: largest first.
    await page.click("#names th:nth-child(2)");
    await page.click("#names th:nth-child(2)");
    assert.deepEqual(await page.$$eval("#names tbody tr td:nth-child(2)", (e) => e.map((c) => c.textContent)), [
      "4",
      "4",
      "3",
      "1",
    ]);
    assert.deepEqual(watch, { requests: [], errors: [] });
    await page.close();
  },
);

test("a run too large to draw one by one: density per lane with its counts on hover, every failure, the longest", {
  skip: skip ?? false,
}, async () => {
  const lines = Array.from({ length: 2500 }, (_, i) =>
    JSON.stringify({
      index: i,
      name: `lane_${i % 3}`,
      start_wall: new Date(Date.UTC(2025, 5, 1, 12) + i * 100).toISOString(),
      duration: 0.05 + (i % 10) / 100,
      status: i % 100 === 99 ? "ERROR" : "OK",
    }));
  const url = await writePage(
    ["report", "-o", "html", "large.jsonl"],
    { "large.jsonl": lines.join("\n") + "\n" },
    "l.html",
  );
  const { page, watch } = await openWatched(browser!, url);
  assert.deepEqual(watch, { requests: [], errors: [] });
  assert.equal(await page.$$eval("#tl path.d", (paths) => paths.length), 3, "a density path per lane");
  assert.equal(await page.$$eval("#tl rect.m", (marks) => marks.length), 2000);
  assert.equal(await page.$$eval("#tl rect.m.e", (marks) => marks.length), 25, "every failure");
  assert.match(await page.$eval(".note", (e) => e.textContent!), /^2500 executions: too many to draw one by one/);
  const box = (await (await page.$("#tl"))!.boundingBox())!;
  // The first column of lane 1 (the second lane): lane_1 started there 3 times of the 9 started in it.
  await page.mouse.move(box.x + 1, box.y + 16 + 13);
  assert.match(await page.$eval("#tip", (e) => e.textContent!), /^lane_1: \d+ executions, started 12:00:00\.\d{3} to /);
  await page.close();
});

test("the sample report's page, as a screenshot in docs/", { skip: skip ?? false }, async () => {
  const url = await writePage(["report", "-o", "html", "fixtures/logs/sample.jsonl"], {}, "sample.html");
  const { page, watch } = await openWatched(browser!, url);
  assert.deepEqual(watch, { requests: [], errors: [] });
  assert.equal(await page.$$eval("#tl rect.m", (marks) => marks.length), 9);
  assert.equal(await page.$eval("#failure-count", (e) => e.textContent), "2");
  const shot = path.join(ROOT, "docs", "report-html.png");
  await page.screenshot({ path: shot as `${string}.png`, fullPage: true });
  assert.ok(fs.statSync(shot).size > 10_000);
  await page.close();
});

test("the Mermaid gantt of the markdown report parses with mermaid's own parser, hostile names too", {
  skip: skip ?? false,
}, async () => {
  const page = await browser!.newPage();
  await page.setContent("<!DOCTYPE html><html><body></body></html>");
  await page.addScriptTag({ path: path.join(ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js") });
  const hostile = [
    "title: gantt; #x %% y",
    "section a:b",
    "click me",
    "dateFormat YYYY",
    "\u202eevil\u202c",
    "",
    "<script>alert(1)</script>",
    "two\nlines: dateFormat YYYY",
  ].map((name, i) =>
    JSON.stringify({
      name,
      index: i,
      start_wall: `2025-06-01T12:00:0${i}Z`,
      duration: 0.5,
      status: i % 2 ? "ERROR" : "OK",
    })
  ).join("\n") + "\n";
  const reports: Array<[string, string]> = [
    ["sample", (await runCli(["report", "-o", "markdown", "fixtures/logs/sample.jsonl"])).stdout],
    [
      "hostile names",
      (await runCli(["report", "-o", "markdown", "h.jsonl"], { files: { "h.jsonl": hostile } })).stdout,
    ],
    // The report goldens, the nasty one's names included.
    ...["clean", "nasty", "realistic"].map((name): [string, string] => [
      `${name}.md`,
      fs.readFileSync(path.join(ROOT, "fixtures", "expected", "report", `${name}.md`), "utf8"),
    ]),
  ];
  for (const [label, markdown] of reports) {
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
    assert.ok(block, `${label}: a mermaid block`);
    const parsed = await page.evaluate(async (text) => {
      const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<{ diagramType: string }> } }).mermaid;
      try {
        return (await m.parse(text)).diagramType;
      } catch (error) {
        return `error: ${String(error)}`;
      }
    }, block);
    assert.equal(parsed, "gantt", `${label}:\n${block}`);
    // Drawn, too: a bar per task line.
    const bars = await page.evaluate(async (text) => {
      const m = (globalThis as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } })
        .mermaid;
      const holder = document.createElement("div");
      holder.innerHTML = (await m.render("g" + Math.random().toString(36).slice(2), text)).svg;
      return holder.querySelectorAll("rect.task").length;
    }, block);
    assert.equal(bars, block.split("\n").filter((line) => /:(crit, )?\d+, \d+$/.test(line)).length, label);
    assert.ok(bars > 0);
  }
  // A broken block does not parse: the check can fail.
  const broken = await page.evaluate(async () => {
    const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
    return await m.parse("gantt\n    dateFormat x\n    section a\n    t :crit, ; 1, 2 :").then(
      () => "parsed",
      () => "error",
    );
  });
  assert.equal(broken, "error");
  await page.close();
});
