/**
 * tinybench benchmarks of the ingestion stages on a generated in-memory sample:
 *   npx tsx bench/stages.bench.ts [--lines 25000] [--time 1500] [--json FILE]
 *   npx bun bench/stages.bench.ts / npx deno run -A bench/stages.bench.ts
 * Prints ops/s, mean time per pass, throughput, and each stage against `JSON.parse`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import { Bench } from "tinybench";
import { ExecutionRegistry } from "../src/query/registry.ts";
import { parseJson } from "../src/json/parse.ts";
import { groupPositions } from "../src/query/group.ts";
import { FieldTables, normalizeSlots, RecordFields } from "../src/read/normalize.ts";
import { LogReader } from "../src/ingest/log_reader.ts";
import { RecordScanner } from "../src/read/scanner.ts";
import { NodeIo } from "../src/runtime/node_io.ts";
import { detectRuntime } from "./lib/runtime.ts";
import { makeSample, memoryReader, type Sample } from "./lib/sample.ts";
import { fmt, textTable } from "./lib/text_table.ts";

/** One stage's figures, as written by `--json`. */
export interface StageResult {
  stage: string;
  opsPerSecond: number;
  meanMs: number;
  rmePercent: number;
  samples: number;
  megabytesPerSecond: number;
  nsPerLine: number;
  /** The stage's speed over the `JSON.parse` baseline's: above 1 is faster. */
  vsJsonParse: number;
  /** The mean scaled to 1,000,000 lines of the same kind, in seconds. */
  secondsPer1M: number;
}

interface StageOptions {
  lines: number;
  timeMs: number;
  json: string | undefined;
}

const BASELINE = "JSON.parse per line";
const decoder = new TextDecoder();
let sink = 0; // keeps every stage's work observable

function parseOptions(argv: readonly string[]): StageOptions {
  const options: StageOptions = { lines: 25_000, timeMs: 1500, json: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1] ?? "";
    if (flag === "--lines") options.lines = Number(value);
    else if (flag === "--time") options.timeMs = Number(value);
    else if (flag === "--json") options.json = value;
    else throw new Error(`unknown option "${flag}" (--lines N, --time MS, --json FILE)`);
  }
  return options;
}

/** Registers one task per stage on `bench`. */
async function addStages(bench: Bench, sample: Sample, file: string, io: NodeIo): Promise<void> {
  const { bytes, starts, ends, lines } = sample;
  const source = await io.openLog(file);
  const chunk = new Uint8Array(1 << 20);
  bench.add("read (file, 1 MiB reads)", () => {
    let position = 0;
    for (let n; (n = source.read(chunk, 0, chunk.length, position)) > 0;) position += n;
    sink += position;
  });
  bench.add("split (find newlines)", () => {
    let count = 0;
    for (let start = 0, nl; (nl = bytes.indexOf(10, start)) >= 0; start = nl + 1) count++;
    sink += count;
  });
  const scanner = new RecordScanner(bytes.length + 1);
  scanner.data.set(bytes);
  scanner.data[bytes.length] = 10; // the sentinel
  const { data, slots } = scanner;
  bench.add("scan (RecordScanner)", () => {
    let ok = 0;
    for (let i = 0; i < lines; i++) if (scanner.scan(starts[i]!) === ends[i]) ok++;
    sink += ok;
  });
  // As the reader does: the scanner normalises the usual record, normalize.ts the rest.
  // The tables live as long as the scanner, whose cache holds their ids.
  const tables = new FieldTables();
  const fields = new RecordFields();
  bench.add("scan + normalize", () => {
    let good = 0;
    for (let i = 0; i < lines; i++) {
      if (scanner.scan(starts[i]!) !== ends[i]) continue;
      if (scanner.fieldsInto(fields) || normalizeSlots(data, slots, tables, fields) === null) good++;
    }
    sink += good;
  });
  const read = memoryReader(bytes);
  const index = (): ExecutionRegistry => {
    const reader = new LogReader();
    reader.read({ name: "sample.jsonl", read });
    return new ExecutionRegistry(reader);
  };
  bench.add("index (LogReader → ExecutionRegistry)", () => {
    sink += index().size;
  });
  const registry = index();
  const positions = Uint32Array.from({ length: registry.size }, (_, i) => i);
  bench.add("group (groupPositions by name)", () => {
    sink += groupPositions(registry, positions, "name").length;
  });
  // JSON.parse rejects the NaN that Python writes: those few lines throw and are counted, as a reader would have to.
  bench.add(BASELINE, () => {
    let named = 0;
    for (let i = 0; i < lines; i++) {
      try {
        const value = JSON.parse(decoder.decode(bytes.subarray(starts[i]!, ends[i]!))) as { name?: unknown };
        if (typeof value.name === "string") named++;
      } catch {
        named--;
      }
    }
    sink += named;
  });
  bench.add("parseJson per line (faithful)", () => {
    let objects = 0;
    for (let i = 0; i < lines; i++) {
      if (parseJson(decoder.decode(bytes.subarray(starts[i]!, ends[i]!))) instanceof Map) objects++;
    }
    sink += objects;
  });
}

function results(bench: Bench, sample: Sample): StageResult[] {
  const rows = bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") {
      throw new Error(`stage "${task.name}" ${r.state === "errored" ? `failed: ${r.error.message}` : r.state}`);
    }
    return {
      stage: task.name,
      mean: r.latency.mean,
      ops: r.throughput.mean,
      rme: r.latency.rme,
      samples: r.latency.samplesCount,
    };
  });
  const baseline = rows.find((r) => r.stage === BASELINE)!.mean;
  return rows.map((r) => ({
    stage: r.stage,
    opsPerSecond: r.ops,
    meanMs: r.mean,
    rmePercent: r.rme,
    samples: r.samples,
    megabytesPerSecond: sample.bytes.length / 1e6 / (r.mean / 1e3),
    nsPerLine: (r.mean * 1e6) / sample.lines,
    vsJsonParse: baseline / r.mean,
    secondsPer1M: (r.mean / 1e3) * (1e6 / sample.lines),
  }));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const runtime = detectRuntime(globalThis as unknown as Record<string, unknown>);
  const sample = makeSample(options.lines, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-bench-"));
  const file = path.join(dir, "sample.jsonl");
  fs.writeFileSync(file, sample.bytes);
  const io = new NodeIo();
  try {
    const bench = new Bench({
      time: options.timeMs,
      iterations: 5,
      warmupTime: Math.min(500, options.timeMs / 2),
      warmupIterations: 2,
    });
    await addStages(bench, sample, file, io);
    await bench.run();
    const rows = results(bench, sample);
    const mb = sample.bytes.length / 1e6;
    process.stdout.write(
      `\nStages on ${runtime.name} ${runtime.version}: ${sample.lines} lines, ${fmt(mb)} MB (${
        Math.round(sample.bytes.length / sample.lines)
      } B/line), load average ${os.loadavg()[0]!.toFixed(2)}\n\n`,
    );
    const table = textTable(
      ["stage", "ops/s", "mean ms", "±%", "MB/s", "ns/line", "× JSON.parse", "s per 1M"],
      rows.map((r) => [
        r.stage,
        fmt(r.opsPerSecond),
        fmt(r.meanMs),
        fmt(r.rmePercent, 2),
        fmt(r.megabytesPerSecond),
        fmt(r.nsPerLine),
        fmt(r.vsJsonParse),
        fmt(r.secondsPer1M),
      ]),
    );
    process.stdout.write(table + "\n");
    if (options.json) {
      const doc = {
        runtime: runtime.name,
        version: runtime.version,
        lines: sample.lines,
        bytes: sample.bytes.length,
        stages: rows,
      };
      fs.writeFileSync(options.json, JSON.stringify(doc, null, 2) + "\n");
    }
    if (sink === -1) process.stdout.write("\n"); // never: the sink only has to be read
  } finally {
    await io.finish();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
