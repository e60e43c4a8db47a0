// `npm run bench`: the stage benchmarks on Node, Bun and Deno, then the whole-process
// comparison on a generated log (written first when it is missing).
//   node bench/run.mjs [--stages] [--whole] [--wide] [--records N] [--runs N] [--lines N] [--time MS]
//     [--runtimes node,bun,deno] [--jq-runs N] [--no-jq] [--install-duckdb] [--markdown]
// With neither --stages nor --whole, both run. Figures are also written as JSON to bench/data/results/.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const RESULTS = path.join(ROOT, "bench", "data", "results");
const RUNTIMES = {
  node: [path.join(BIN, "tsx")],
  bun: [path.join(BIN, "bun")],
  deno: [path.join(BIN, "deno"), "run", "-A"],
};

function parseArgs(argv) {
  const o = {
    stages: false,
    whole: false,
    records: 1_000_000,
    runs: 5,
    lines: 25_000,
    time: 1500,
    runtimes: Object.keys(RUNTIMES),
    pass: [],
    wide: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--stages") o.stages = true;
    else if (flag === "--whole") o.whole = true;
    else if (flag === "--records") o.records = Number(value().replace(/_/g, ""));
    else if (flag === "--runs") o.runs = Number(value());
    else if (flag === "--lines") o.lines = Number(value());
    else if (flag === "--time") o.time = Number(value());
    else if (flag === "--runtimes") o.runtimes = value().split(",");
    else if (flag === "--wide") o.wide = true;
    else if (flag === "--jq-runs" || flag === "--warmup") o.pass.push(flag, value());
    else if (flag === "--no-jq" || flag === "--install-duckdb" || flag === "--markdown") o.pass.push(flag);
    else throw new Error(`unknown option "${flag}" (see the top of bench/run.mjs)`);
  }
  for (const r of o.runtimes) if (!(r in RUNTIMES)) throw new Error(`unknown runtime "${r}" (node, bun, deno)`);
  if (!o.stages && !o.whole) o.stages = o.whole = true;
  return o;
}

function run(command, args) {
  process.stderr.write(`\n$ ${[command, ...args].map((a) => path.relative(ROOT, a) || a).join(" ")}\n`);
  const child = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

function logFile(records, wide) {
  const size = records % 1_000_000 === 0
    ? `${records / 1_000_000}m`
    : records % 1000 === 0
    ? `${records / 1000}k`
    : String(records);
  return path.join(ROOT, "bench", "data", `log-${size}${wide ? "-wide" : ""}.jsonl`);
}

function stageSummary(runtimes) {
  const docs = runtimes.map((r) => JSON.parse(fs.readFileSync(path.join(RESULTS, `stages-${r}.json`), "utf8")));
  const stages = docs[0].stages.map((s) => s.stage);
  const head = ["stage (seconds per 1M lines)", ...docs.map((d) => `${d.runtime} ${d.version}`)];
  const rows = stages.map((
    stage,
  ) => [stage, ...docs.map((d) => d.stages.find((s) => s.stage === stage)?.secondsPer1M.toFixed(3) ?? "-")]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(RESULTS, { recursive: true });
  let failed = 0;
  if (o.stages) {
    const ran = [];
    for (const runtime of o.runtimes) {
      const [command, ...prefix] = RUNTIMES[runtime];
      const json = path.join(RESULTS, `stages-${runtime}.json`);
      const args = [
        ...prefix,
        "bench/stages.bench.ts",
        "--lines",
        String(o.lines),
        "--time",
        String(o.time),
        "--json",
        json,
      ];
      if (run(command, args) === 0) ran.push(runtime);
      else failed++;
    }
    if (ran.length) {
      process.stdout.write(`\nAll runtimes, each stage scaled to 1,000,000 lines:\n\n${stageSummary(ran)}\n`);
    }
  }
  if (o.whole) {
    const file = logFile(o.records, o.wide);
    const generate = [
      "bench/generate.ts",
      "--records",
      String(o.records),
      "--seed",
      "1",
      "--out",
      file,
      ...(o.wide ? ["--wide"] : []),
    ];
    if (!fs.existsSync(file)) failed += run(path.join(BIN, "tsx"), generate);
    failed += run("npm", ["run", "build", "--silent"]);
    const args = [
      "bench/whole_process.ts",
      "--file",
      file,
      "--records",
      String(o.records),
      "--runs",
      String(o.runs),
      "--json",
      path.join(RESULTS, "whole.json"),
      ...o.pass,
    ];
    failed += run(path.join(BIN, "tsx"), args);
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
