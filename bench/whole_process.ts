/**
 * Whole-process comparison on a generated log (1,000,000 records by default):
 * exechist `summary --group-by name -o json` on Node, Bun and Deno against jq and
 * DuckDB, plus `result N`; medians of wall time, peak RSS, and a check that every tool
 * counts the same executions per name (exit 1 if not).
 *   npx tsx bench/whole_process.ts [--records N] [--file F] [--runs 5] [--warmup 1]
 *     [--jq-runs N] [--duckdb-prefix /tmp/duckdb-bench] [--install-duckdb] [--no-jq]
 *     [--result-index 777777] [--json OUT] [--markdown] [--group-only] [--stream]
 * --group-only keeps only the group-by on each runtime's bundle and DuckDB (the shapes' table);
 * --stream adds the log piped in and `summary -o ndjson` on each runtime.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { writeLogFile } from "./gen/write_log.ts";
import { machineFacts } from "./lib/machine.ts";
import { hasGnuTime, measureProcess, median } from "./lib/measure.ts";
import { fmt, markdownTable, textTable } from "./lib/text_table.ts";
import {
  available,
  duckdbTools,
  exechistTools,
  groupByTools,
  jqTool,
  localBinary,
  type NameCounts,
  streamTools,
  type Tool,
  type ToolPaths,
} from "./lib/tools.ts";

interface WholeOptions {
  records: number;
  seed: number;
  file: string | undefined;
  runs: number;
  warmup: number;
  jqRuns: number | undefined;
  duckdbPrefix: string;
  installDuckdb: boolean;
  jq: boolean;
  /** Default: the record at 77.7777% of the log, 777777 for 1,000,000 records. */
  resultIndex: number | undefined;
  json: string | undefined;
  markdown: boolean;
  groupOnly: boolean;
  stream: boolean;
}

/** One tool's figures, as written by `--json`. */
interface ToolResult {
  label: string;
  kind: Tool["kind"];
  command: string;
  wallSeconds: number[];
  medianSeconds: number;
  peakMiB: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseOptions(argv: readonly string[]): WholeOptions {
  const o: WholeOptions = {
    records: 1_000_000,
    seed: 1,
    file: undefined,
    runs: 5,
    warmup: 1,
    jqRuns: undefined,
    duckdbPrefix: "/tmp/duckdb-bench",
    installDuckdb: false,
    jq: true,
    resultIndex: undefined,
    json: undefined,
    markdown: false,
    groupOnly: false,
    stream: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--records") o.records = Number(value().replace(/_/g, ""));
    else if (flag === "--seed") o.seed = Number(value());
    else if (flag === "--file") o.file = value();
    else if (flag === "--runs") o.runs = Number(value());
    else if (flag === "--warmup") o.warmup = Number(value());
    else if (flag === "--jq-runs") o.jqRuns = Number(value());
    else if (flag === "--duckdb-prefix") o.duckdbPrefix = value();
    else if (flag === "--install-duckdb") o.installDuckdb = true;
    else if (flag === "--no-jq") o.jq = false;
    else if (flag === "--result-index") o.resultIndex = Number(value());
    else if (flag === "--json") o.json = value();
    else if (flag === "--markdown") o.markdown = true;
    else if (flag === "--group-only") o.groupOnly = true;
    else if (flag === "--stream") o.stream = true;
    else throw new Error(`unknown option "${flag}"`);
  }
  for (const [name, n] of [["--records", o.records], ["--runs", o.runs], ["--warmup", o.warmup]] as const) {
    if (!Number.isSafeInteger(n) || n < 0 || (name === "--runs" && n === 0)) {
      throw new Error(`${name} must be a whole number`);
    }
  }
  return o;
}

/** The default log for a record count: bench/data/log-1m.jsonl for 1,000,000. */
export function defaultLogFile(records: number, seed: number): string {
  const size = records % 1_000_000 === 0
    ? `${records / 1_000_000}m`
    : records % 1000 === 0
    ? `${records / 1000}k`
    : String(records);
  return path.join(ROOT, "bench", "data", `log-${size}${seed === 1 ? "" : `-seed${seed}`}.jsonl`);
}

function log(text: string): void {
  process.stderr.write(text + "\n");
}

/** The directory holding @duckdb/node-api, installing it there first if asked; undefined when DuckDB is not to be had. */
function duckdbPrefix(o: WholeOptions): string | undefined {
  const installed = (): boolean =>
    fs.existsSync(path.join(o.duckdbPrefix, "node_modules", "@duckdb", "node-api", "package.json"));
  if (!installed() && o.installDuckdb) {
    log(`installing @duckdb/node-api into ${o.duckdbPrefix} (outside the repository; not an exechist dependency)`);
    fs.mkdirSync(o.duckdbPrefix, { recursive: true });
    spawnSync("npm", ["install", "--prefix", o.duckdbPrefix, "--no-audit", "--no-fund", "@duckdb/node-api"], {
      stdio: "inherit",
    });
  }
  if (installed()) return o.duckdbPrefix;
  log(`DuckDB skipped: no @duckdb/node-api in ${o.duckdbPrefix} (add --install-duckdb to install it there)`);
  return undefined;
}

interface Tally {
  tool: Tool;
  runs: number;
  warmup: number;
  times: number[];
  peaks: number[];
  stdout: string | undefined;
  /** Why the tool stopped being run: its first failing run. */
  failure: string | undefined;
}

/**
 * Runs every tool round by round (warm-ups first, then run 1 of each, run 2 of each, ...)
 * so that any other load on the machine falls on all of them alike.
 */
async function runRounds(tallies: Tally[], gnuTime: boolean): Promise<void> {
  const rounds = Math.max(...tallies.map((t) => t.warmup + t.runs));
  const warmups = Math.max(...tallies.map((t) => t.warmup));
  for (let round = 0; round < rounds; round++) {
    for (const t of tallies) {
      // Warm-up rounds line up for every tool; a tool without warm-up starts with the timed rounds.
      const i = round - (warmups - t.warmup);
      if (i < 0 || i >= t.warmup + t.runs || t.failure !== undefined) continue;
      const run = await measureProcess(t.tool.command, t.tool.args, gnuTime);
      if (run.status !== 0) {
        // One broken contender must not hide the others' figures: note it, stop running it, fail at the end.
        t.failure = `${t.tool.label} exited with ${run.status}: ${
          run.stderr.trim().split("\n").slice(0, 5).join(" | ")
        }`;
        log(`  ${t.failure}`);
        continue;
      }
      const counted = i >= t.warmup;
      log(
        `  ${t.tool.label}: ${(run.wallMs / 1000).toFixed(3)} s, ${(run.peakKiB / 1024).toFixed(0)} MiB${
          counted ? "" : " (warm-up)"
        }`,
      );
      t.stdout ??= run.stdout;
      if (!counted) continue;
      t.times.push(run.wallMs / 1000);
      t.peaks.push(run.peakKiB / 1024);
    }
  }
}

function toolResult(t: Tally): ToolResult {
  const shown = (a: string): string => (path.relative(ROOT, a).startsWith("..") ? a : path.relative(ROOT, a) || a);
  return {
    label: t.tool.label,
    kind: t.tool.kind,
    command: [t.tool.command, ...t.tool.args].map(shown).join(" "),
    wallSeconds: t.times,
    medianSeconds: median(t.times),
    peakMiB: Math.max(...t.peaks),
  };
}

/** Differences between two count maps, at most a few, as text. */
function countDifferences(a: NameCounts, b: NameCounts): string[] {
  const out: string[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(name) !== b.get(name)) out.push(`"${name}": ${a.get(name) ?? "absent"} vs ${b.get(name) ?? "absent"}`);
  }
  return out;
}

function sum(counts: NameCounts): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const file = o.file ?? defaultLogFile(o.records, o.seed);
  if (!fs.existsSync(file)) {
    if (o.file !== undefined) throw new Error(`no such log: ${file}`);
    log(`generating ${o.records} records (seed ${o.seed}) into ${path.relative(ROOT, file)}`);
    writeLogFile(file, o.records, o.seed);
  }
  if (!fs.existsSync(path.join(ROOT, "dist", "exechist.mjs"))) {
    throw new Error("dist/exechist.mjs is missing: run `npm run build` first");
  }
  const load = os.loadavg()[0]!;
  if (load > 0.7) {
    log(
      `warning: load average ${load.toFixed(2)} on ${
        os.availableParallelism?.() ?? os.cpus().length
      } CPUs: other work is running, figures will be slow and noisy`,
    );
  }
  const gnuTime = hasGnuTime();
  if (!gnuTime) log("GNU time not found (apt-get install -y time): peak RSS is polled from /proc/<pid>/status VmHWM");
  // Cold runs: no index cache, whatever the environment says; the cached rows turn it on.
  process.env.EXECHIST_CACHE = "0";
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-bench-cache-"));
  const paths: ToolPaths = { root: ROOT, file: path.resolve(file), duckdbPrefix: duckdbPrefix(o), cacheDir };
  const hasJq = o.jq && available("jq");
  if (o.jq && !hasJq) log("jq skipped: not installed (apt-get install -y jq)");

  const facts = machineFacts({
    node: ["node", "--version"],
    bun: [localBinary(ROOT, "bun"), "--version"],
    deno: [localBinary(ROOT, "deno"), "--version"],
    ...(hasJq ? { jq: ["jq", "--version"] } : {}),
    ...(paths.duckdbPrefix ? { duckdb: ["node", "-e", duckdbVersionScript(paths.duckdbPrefix)] } : {}),
  });
  const bytes = fs.statSync(file).size;

  const resultIndex = o.resultIndex ?? Math.floor(o.records * 0.777777);
  const tools = [
    ...(o.groupOnly ? groupByTools(paths) : exechistTools(paths, resultIndex)),
    ...(o.stream ? streamTools(paths) : []),
    ...duckdbTools(paths),
    ...(hasJq && !o.groupOnly ? [jqTool(paths)] : []),
  ];
  const tallies: Tally[] = tools.map((tool) => {
    const isJq = tool.kind === "jq";
    return {
      tool,
      runs: isJq ? (o.jqRuns ?? o.runs) : o.runs,
      warmup: isJq ? 0 : o.warmup,
      times: [],
      peaks: [],
      stdout: undefined,
      failure: undefined,
    };
  });
  await runRounds(tallies, gnuTime);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const failed = tallies.filter((t) => t.failure !== undefined);
  const good = tallies.filter((t) => t.failure === undefined);
  const results = good.map(toolResult);
  const outputs = new Map(good.map((t) => [t.tool.label, t.stdout ?? ""]));

  // Every tool must agree on the per-name counts, and the three runtimes on every byte.
  const problems: string[] = failed.map((t) => t.failure!);
  const checked = good.map((t) => t.tool);
  const reference = checked.find((t) => t.counts !== undefined);
  if (reference === undefined) throw new Error(problems.join("\n") || "no tool reported counts");
  const referenceCounts = reference.counts!(outputs.get(reference.label)!);
  for (const tool of checked) {
    if (!tool.counts) continue;
    const diff = countDifferences(referenceCounts, tool.counts(outputs.get(tool.label)!));
    if (diff.length) {
      problems.push(
        `${tool.label} disagrees with ${reference.label}: ${diff.slice(0, 5).join(", ")}${
          diff.length > 5 ? ` and ${diff.length - 5} more` : ""
        }`,
      );
    }
  }
  // A piped log must print what the file does.
  for (const kinds of [["summary", "piped"], ["result"]]) {
    const texts = checked.filter((t) => kinds.includes(t.kind)).map((t) => outputs.get(t.label));
    if (new Set(texts).size > 1) problems.push(`exechist ${kinds.join("/")} output differs between runtimes`);
  }

  const report = renderReport(o, facts, file, bytes, sum(referenceCounts), referenceCounts.size, results, gnuTime);
  process.stdout.write(report + "\n");
  if (o.json) {
    fs.mkdirSync(path.dirname(path.resolve(o.json)), { recursive: true });
    fs.writeFileSync(
      o.json,
      JSON.stringify(
        {
          facts,
          file: path.relative(ROOT, file),
          bytes,
          records: sum(referenceCounts),
          runs: o.runs,
          results,
          problems,
        },
        null,
        2,
      ) + "\n",
    );
  }
  for (const p of problems) log(`PROBLEM: ${p}`);
  if (problems.length === 0) {
    log(
      `counts agree: ${referenceCounts.size} names, ${sum(referenceCounts)} records, across ${
        checked.filter((t) => t.counts).length
      } tools`,
    );
  }
  return problems.length ? 1 : 0;
}

function duckdbVersionScript(prefix: string): string {
  const entry = JSON.stringify(path.join(prefix, "node_modules", "@duckdb", "node-api", "package.json"));
  return `process.stdout.write("@duckdb/node-api " + require(${entry}).version)`;
}

function renderReport(
  o: WholeOptions,
  facts: ReturnType<typeof machineFacts>,
  file: string,
  bytes: number,
  records: number,
  names: number,
  results: ToolResult[],
  gnuTime: boolean,
): string {
  const duck = Math.min(...results.filter((r) => r.kind === "duckdb").map((r) => r.medianSeconds));
  const jq = results.find((r) => r.kind === "jq")?.medianSeconds ?? NaN;
  const headers = ["command", "median s", "min s", "max s", "× DuckDB", "jq ÷", "peak MiB"];
  const rows = results.map((r) => [
    r.label,
    r.medianSeconds.toFixed(3),
    Math.min(...r.wallSeconds).toFixed(3),
    Math.max(...r.wallSeconds).toFixed(3),
    Number.isFinite(duck) ? fmt(r.medianSeconds / duck) : "-",
    Number.isNaN(jq) ? "-" : fmt(jq / r.medianSeconds),
    r.peakMiB.toFixed(0),
  ]);
  const table = o.markdown ? markdownTable(headers, rows) : textTable(headers, rows);
  const median = (label: string) => results.find((r) => r.label === label)?.medianSeconds ?? NaN;
  const ratios = (kind: string, over: (name: string) => string) =>
    ["node", "bun", "deno"].map((name) => {
      const row = results.find((r) => r.kind === kind && r.label.endsWith(`(${name})`));
      return `${name} ${row === undefined ? "-" : fmt(row.medianSeconds / median(over(name)))}`;
    }).join(", ");
  const streamed = results.some((r) => r.kind === "piped")
    ? [
      `piped ÷ file (group-by): ${ratios("piped", (name) => `exechist summary (${name})`)}`,
      `-o ndjson ÷ group-by: ${ratios("stream", (name) => `exechist summary (${name})`)}`,
    ]
    : [];
  const v = facts.versions;
  return [
    `Machine: ${facts.cpus} CPUs (${facts.cpuModel}), ${facts.memoryGiB} GiB, ${facts.kernel}; load average before: ${facts.loadAverage}`,
    `Versions: ${Object.entries(v).map(([k, s]) => `${k} ${s}`).join("; ")}`,
    `Log: ${path.relative(ROOT, file)}: ${records} records (${names} names), ${bytes} bytes (${
      (bytes / 2 ** 20).toFixed(0)
    } MiB, ${Math.round(bytes / records)} B/record)`,
    `Runs: median of ${o.runs} after ${o.warmup} warm-up, round by round${
      Number.isNaN(jq) ? "" : ` (jq: ${o.jqRuns ?? o.runs}, no warm-up)`
    }; peak RSS by ${gnuTime ? "GNU time %M" : "polling VmHWM"}, the highest of the runs`,
    `× DuckDB: median ÷ the faster DuckDB median (below 1 beats DuckDB); jq ÷: jq's median ÷ this median (the speed-up over jq)`,
    "",
    table,
    ...streamed,
  ].join("\n");
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`whole_process: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
