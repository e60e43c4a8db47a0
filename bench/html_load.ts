/**
 * How large `report -o html` is for a log and how long the page takes to open in the
 * headless Chromium of @sparticuz/chromium: first contentful paint and the load event
 * (the inline script, which draws the axis, has run by then). Usage:
 *   npx tsx bench/html_load.ts --file bench/data/log-1m.jsonl [--runs 3]
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { launchBrowser, openWatched } from "../test/helpers/browser.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const file = option("file", "bench/data/log-1m.jsonl");
const runs = Number(option("runs", "3"));

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "exechist-html-bench-")), "report.html");
const started = performance.now();
const made = spawnSync("node", ["dist/exechist.mjs", "report", "-o", "html", file], { maxBuffer: 1 << 30 });
const makeSeconds = (performance.now() - started) / 1000;
if (made.status !== 0 && made.status !== 1) throw new Error(made.stderr.toString());
fs.writeFileSync(out, made.stdout);
const bytes = fs.statSync(out).size;
console.log(`${file}: report -o html took ${makeSeconds.toFixed(2)} s (wall, node), ${(bytes / 1e6).toFixed(2)} MB`);

const browser = await launchBrowser();
try {
  for (let r = 0; r < runs; r++) {
    const { page, watch } = await openWatched(browser, pathToFileURL(out).href);
    // The inline script runs before the load event: by then the axis is drawn.
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return {
        load: nav.loadEventEnd,
        paint: paint?.startTime ?? NaN,
        ready: document.getElementById("axis")?.childElementCount === 6,
      };
    });
    const marks = await page.evaluate(() => document.querySelectorAll("#tl rect, #tl path").length);
    console.log(
      `open ${r + 1}: first contentful paint ${(timing.paint / 1000).toFixed(2)} s, load event (script done: ` +
        `${timing.ready}) ${(timing.load / 1000).toFixed(2)} s from navigation start; ${marks} SVG rects and paths, ` +
        `${watch.requests.length} requests, ${watch.errors.length} errors`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}
