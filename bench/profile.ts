/**
 * Where the time goes: runs exechist's bundle under `node --cpu-prof` and prints the
 * functions with the most self time, and the inclusive time of the busiest ones.
 *   npx tsx bench/profile.ts [--top 25] [--keep DIR] -- summary --group-by name -o json bench/data/log-1m.jsonl
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { type CpuProfile, functionTimes } from "./lib/cpu_profile.ts";
import { textTable } from "./lib/text_table.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function main(): void {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf("--");
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const args = dash < 0
    ? ["summary", "--group-by", "name", "-o", "json", "bench/data/log-1m.jsonl"]
    : argv.slice(dash + 1);
  const top = Number(own[own.indexOf("--top") + 1] ?? 25) || 25;
  const keep = own.includes("--keep") ? own[own.indexOf("--keep") + 1] : undefined;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "exechist-prof-"));
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const child = spawnSync("node", [
    "--cpu-prof",
    "--cpu-prof-dir",
    dir,
    path.join(ROOT, "dist", "exechist.mjs"),
    ...args,
  ], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`exechist exited with ${child.status}`);
  const file = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort().pop();
  if (!file) throw new Error("no .cpuprofile written");
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  const times = functionTimes(profile);
  const sampled = times.reduce((s, t) => s + t.selfMs, 0);
  const pct = (ms: number): string => ((100 * ms) / sampled).toFixed(1);
  process.stdout.write(
    `node --cpu-prof dist/exechist.mjs ${args.join(" ")}: ${wall.toFixed(2)} s wall, ${
      (sampled / 1000).toFixed(2)
    } s sampled\n\n`,
  );
  process.stdout.write(
    textTable(
      ["function (bundle line)", "self ms", "self %", "total ms", "total %"],
      times.slice(0, top).map((
        t,
      ) => [t.name, t.selfMs.toFixed(0), pct(t.selfMs), t.totalMs.toFixed(0), pct(t.totalMs)]),
    ) + "\n",
  );
  if (keep) {
    process.stdout.write(`\nprofile kept in ${path.join(dir, file)} (open it in Chrome DevTools or speedscope)\n`);
  } else fs.rmSync(dir, { recursive: true, force: true });
}

main();
