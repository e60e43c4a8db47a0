import assert from "node:assert/strict";
import { test } from "node:test";
import { loadColors } from "../../src/cli/context.ts";
import { loadPicocolors } from "../../src/runtime/picocolors.ts";
import { renderMermaidGantt } from "../../src/timeline/mermaid_gantt.ts";
import { mermaidText } from "../../src/timeline/mermaid_text.ts";
import { renderTextGantt } from "../../src/timeline/text_gantt.ts";
import { runCli } from "../helpers/fake_io.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

test("names for Mermaid: the characters its grammar acts on as look-alikes, no control, no bidi, never empty", () => {
  assert.equal(mermaidText("db:migrate; #1 at 50%"), "db：migrate； ＃1 at 50％");
  assert.equal(mermaidText('<b>&"x"`</b>'), "＜b＞＆＂x＂｀＜/b＞");
  assert.equal(mermaidText("a\nb\u001b[31m\u202eevil"), "a⏎b\\x1b[31mevil");
  assert.equal(mermaidText("  "), "(no name)");
});

function log(n: number, failEvery: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      index: i,
      name: `step_${i % 4}`,
      start_wall: new Date(Date.UTC(2025, 5, 1, 12, 0, 0) + i * 1000).toISOString(),
      duration: 1 + (i % 7) / 10 + i / 1000,
      status: i % failEvery === failEvery - 1 ? "ERROR" : "OK",
    })).join("\n") + "\n";
}

test("the gantt block: a section per name, a bar per execution, failures crit, times in epoch ms", () => {
  const registry = registryOf([["small.jsonl", log(5, 5)]]);
  const block = renderMermaidGantt(registry, all(5))!;
  assert.equal(
    block,
    "```mermaid\ngantt\n    title Timeline: 5 executions\n    dateFormat x\n    axisFormat %H:%M:%S\n" +
      "    section step_0\n    0 · 1.000s :1748779200000, 1748779201000\n    4 · 1.404s ✗ :crit, 1748779204000, 1748779205404\n" +
      "    section step_1\n    1 · 1.101s :1748779201000, 1748779202101\n" +
      "    section step_2\n    2 · 1.202s :1748779202000, 1748779203202\n" +
      "    section step_3\n    3 · 1.303s :1748779203000, 1748779204303\n```\n",
  );
});

test("a large run's gantt is bounded: every failure up to the limit, then the longest; the title says so", () => {
  const registry = registryOf([["big.jsonl", log(1000, 50)]]);
  const block = renderMermaidGantt(registry, all(1000), { maxBars: 40, maxFailures: 15 })!;
  const bars = block.split("\n").filter((l) => /:(crit, )?\d+, \d+$/.test(l));
  assert.equal(bars.length, 40);
  // The first 15 failures, then the longest 25 of the rest, one of which (999) failed too.
  assert.equal(bars.filter((l) => l.includes(":crit,")).length, 16);
  assert.match(block, /title Timeline: the 24 longest executions and 16 of 20 failures, of 1000\n/);
  assert.ok(bars.some((l) => l.startsWith("    999 · ")), "the longest is kept");
  // 15 of 20 failures (49, 99, ... 999): spread over the run, not the first 15.
  const failed = bars.filter((l) => l.includes(":crit,")).map((l) => Number(l.trim().split(" ")[0]));
  assert.ok(failed.includes(949) && failed.includes(49), `spread: ${failed}`);
  assert.equal(renderMermaidGantt(registryOf([["t.jsonl", '{"name":"a"}\n']]), all(1)), null, "no start: no chart");
});

test("summary --timeline: lanes by first start, failures marked, counts at the end", async () => {
  const got = await runCli(["summary", "--timeline", "small.jsonl"], {
    files: { "small.jsonl": log(8, 4) },
    env: { COLUMNS: "60" },
  });
  assert.equal(got.status, 0, got.stderr);
  const lines = got.stdout.split("\n");
  assert.match(lines[0]!, /^ {7}2025-06-01 12:00:00\.000Z +12:00:08\.007Z$/);
  // 44 columns of 8.007 s: each execution of 1.0–1.7 s spans 6 to 9 of them.
  assert.match(lines[1]!, /^step_0 █{6}·{15}█{9}·{14} 2$/);
  assert.match(lines[2]!, /^step_1 ·{5}█{7}·{15}█{9}·{8} 2$/);
  assert.match(lines[3]!, /^step_2 ·{10}█{8}·{14}█{10}·{2} 2$/);
  assert.match(lines[4]!, /^step_3 ·{16}✗{8}·{14}✗{6} 2 ✗2$/);
  assert.equal(lines[5], "█ success  ░ other status  ✗ failure  · idle; 8.007s in 44 columns");
});

test("the text gantt colours only through the colour functions", async () => {
  const registry = registryOf([["small.jsonl", log(4, 2)]]);
  const io = { loadPicocolors: () => loadPicocolors(true) };
  const [off, on] = [await loadColors(false, io), await loadColors(true, io)];
  const plain = renderTextGantt(registry, all(4), { width: 60, color: off, local: null, maxLanes: 10 });
  const coloured = renderTextGantt(registry, all(4), {
    width: 60,
    color: on,
    local: null,
    maxLanes: 10,
  });
  assert.ok(!plain.includes("\x1b"));
  assert.ok(coloured.includes("\x1b[31m"), "failures in red");
  // deno-lint-ignore no-control-regex
  assert.equal(coloured.replace(/\x1b\[\d+m/g, ""), plain);
});

test("a duration past any date ends the span at the last instant shown, not at NaN or Infinity", async () => {
  const lines = [
    { name: "a", start_wall: "2025-06-01T12:00:00Z", duration: 1 },
    { name: "b", start_wall: "2025-06-01T12:00:01Z", duration: 1e300 },
  ].map((r) => JSON.stringify(r)).join("\n") + "\n";
  const got = await runCli(["summary", "--timeline", "huge.jsonl"], { files: { "huge.jsonl": lines } });
  assert.equal(got.status, 0, got.stderr);
  assert.match(got.stdout.split("\n")[0]!, /^ +2025-06-01 12:00:00\.000Z +9999-12-31 23:59:59\.999Z$/);
  const block = renderMermaidGantt(registryOf([["huge.jsonl", lines]]), all(2))!;
  assert.match(block, /:1748779201000, 25340230080000\d\n/);
  // perf_counter starts: the monotonic clock, whose right edge is a finite (if huge) duration.
  const monotonic = '{"name":"a","start":5.5,"duration":1}\n{"name":"b","start":6.5,"duration":1e300}\n';
  const mono = await runCli(["summary", "--timeline", "m.jsonl"], { files: { "m.jsonl": monotonic } });
  assert.equal(mono.status, 0, mono.stderr);
  assert.match(mono.stdout, /^ +\+0\.000s +\+\S+\n/);
  assert.doesNotMatch(mono.stdout, /NaN|Infinity/);
});
