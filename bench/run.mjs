// `npm run bench`: the stage benchmarks on Node, Bun and Deno, then the whole-process
// comparison on a generated log (written first when it is missing).
//   node bench/run.mjs [--stages] [--whole] [--shapes all|NAME,...] [--wide] [--records N] [--runs N]
//     [--lines N] [--time MS] [--runtimes node,bun,deno] [--jq-runs N] [--no-jq] [--install-duckdb] [--markdown]
//     [--stream]
// With none of --stages, --whole and --shapes, the first two run. --stream adds to --whole the log piped in and
// `summary -o ndjson` on each runtime. --shapes runs the whole-process
// comparison (without jq) on a log of each shape of bench/gen/shapes.ts, then sets the shapes side by
// side: each runtime's group-by against DuckDB's, and against the fastest shape. Figures are also
// written as JSON to bench/data/results/.
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
    shapes: [],
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
    else if (flag === "--shapes") o.shapes = value().split(",");
    else if (flag === "--jq-runs" || flag === "--warmup") o.pass.push(flag, value());
    else if (["--no-jq", "--install-duckdb", "--markdown", "--stream"].includes(flag)) o.pass.push(flag);
    else throw new Error(`unknown option "${flag}" (see the top of bench/run.mjs)`);
  }
  for (const r of o.runtimes) if (!(r in RUNTIMES)) throw new Error(`unknown runtime "${r}" (node, bun, deno)`);
  if (o.shapes.length === 1 && o.shapes[0] === "all") o.shapes = SHAPE_NAMES;
  for (const shape of o.shapes) {
    if (!SHAPE_NAMES.includes(shape)) throw new Error(`unknown shape "${shape}" (${SHAPE_NAMES.join(", ")})`);
  }
  if (!o.stages && !o.whole && !o.shapes.length) o.stages = o.whole = true;
  return o;
}

function run(command, args) {
  process.stderr.write(`\n$ ${[command, ...args].map((a) => path.relative(ROOT, a) || a).join(" ")}\n`);
  const child = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

/** The shapes of bench/gen/shapes.ts (kept in step by test/bench/generate.test.ts). */
const SHAPE_NAMES = [
  "falyx",
  "epoch-s",
  "epoch-ms",
  "otlp-ns",
  "iso-zoned",
  "iso-space",
  "wide",
  "escapes",
  "spaced",
];

/** The generated log of a size and shape: bench/data/log-1m.jsonl, log-1m-wide.jsonl, log-1m-epoch-s.jsonl … */
function logFile(records, shape = "falyx") {
  const size = records % 1_000_000 === 0
    ? `${records / 1_000_000}m`
    : records % 1000 === 0
    ? `${records / 1000}k`
    : String(records);
  return path.join(ROOT, "bench", "data", `log-${size}${shape === "falyx" ? "" : `-${shape}`}.jsonl`);
}

/** Runs the whole-process comparison on `file` (generated first when missing, of `shape`); the number of failures. */
function whole(o, file, shape, json, pass) {
  let failed = 0;
  const generate = [
    "bench/generate.ts",
    "--records",
    String(o.records),
    "--seed",
    "1",
    "--out",
    file,
    "--shape",
    shape,
  ];
  if (!fs.existsSync(file)) failed += run(path.join(BIN, "tsx"), generate);
  const args = [
    "bench/whole_process.ts",
    "--file",
    file,
    "--records",
    String(o.records),
    "--runs",
    String(o.runs),
    "--json",
    json,
    ...pass,
  ];
  return failed + run(path.join(BIN, "tsx"), args);
}

const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** The shapes side by side: each runtime's `summary --group-by` median, DuckDB's fastest, and the ratios. */
function shapeSummary(shapes) {
  const docs = shapes.map((shape) => ({
    shape,
    results: JSON.parse(fs.readFileSync(path.join(RESULTS, `whole-${shape}.json`), "utf8")).results,
  }));
  const runtimes = ["node", "bun", "deno"];
  const seconds = (results, label) => results.find((r) => r.label === label)?.medianSeconds ?? NaN;
  const fastest = Object.fromEntries(runtimes.map((rt) => [
    rt,
    Math.min(...docs.map((d) => seconds(d.results, `exechist summary (${rt})`))),
  ]));
  const head = ["shape", ...runtimes.flatMap((rt) => [`${rt} s`, "x DuckDB", "x fastest"]), "DuckDB s"];
  const rows = docs.map(({ shape, results }) => {
    const ducks = results.filter((r) => r.kind === "duckdb").map((r) => r.medianSeconds);
    const duck = ducks.length ? Math.min(...ducks) : NaN; // "-" without DuckDB
    return [
      shape,
      ...runtimes.flatMap((rt) => {
        const s = seconds(results, `exechist summary (${rt})`);
        return [fixed(s, 3), fixed(s / duck, 2), fixed(s / fastest[rt], 2)];
      }),
      fixed(duck, 3),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
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
  if (o.whole || o.shapes.length) failed += run("npm", ["run", "build", "--silent"]);
  if (o.whole) {
    const shape = o.wide ? "wide" : "falyx";
    failed += whole(o, logFile(o.records, shape), shape, path.join(RESULTS, "whole.json"), o.pass);
  }
  if (o.shapes.length) {
    const pass = [...o.pass.filter((flag) => flag !== "--no-jq" && flag !== "--stream"), "--no-jq", "--group-only"];
    const ran = o.shapes.filter((shape) =>
      whole(o, logFile(o.records, shape), shape, path.join(RESULTS, `whole-${shape}.json`), pass) === 0
    );
    failed += o.shapes.length - ran.length;
    if (ran.length) {
      process.stdout.write(
        `\nEvery shape, summary --group-by name -o json (median seconds):\n\n${shapeSummary(ran)}\n`,
      );
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 2;
}
