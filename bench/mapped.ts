/**
 * The cost of `--map`: `summary --group-by name -o json` on a generated Falyx log, and on
 * the same log with its top-level keys renamed (bench/gen/renamed.ts) read with `--map`,
 * in paired rounds (the two commands one after the other, in turn first), on one thread
 * without the index cache. Prints each one's median wall time and the ratio, and fails
 * when the two do not give the same output.
 *   npx tsx bench/mapped.ts [--records 1000000] [--rounds 10] [--runtime node|bun|deno] [--dir /tmp]
 * The logs are generated into --dir (log-N.jsonl, log-N-renamed.jsonl) unless they are there.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { RENAMED_MAP } from "./gen/renamed.ts";
import { writeLogFile } from "./gen/write_log.ts";
import { median } from "./lib/measure.ts";
import { localBinary } from "./lib/tools.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface MappedOptions {
  records: number;
  rounds: number;
  runtime: "node" | "bun" | "deno";
  dir: string;
}

function parseOptions(argv: readonly string[]): MappedOptions {
  const o: MappedOptions = { records: 1_000_000, rounds: 10, runtime: "node", dir: "/tmp" };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--records") o.records = Number(value);
    else if (flag === "--rounds") o.rounds = Number(value);
    else if (flag === "--runtime" && (value === "node" || value === "bun" || value === "deno")) o.runtime = value;
    else if (flag === "--dir") o.dir = value;
    else throw new Error(`unknown option "${flag} ${value}"`);
  }
  return o;
}

/** The command line that runs the bundle on a runtime. */
function program(runtime: MappedOptions["runtime"]): [string, string[]] {
  const bundle = path.join(ROOT, "dist", "exechist.mjs");
  if (runtime === "node") return [process.execPath.includes("node") ? process.execPath : "node", [bundle]];
  if (runtime === "bun") return [localBinary(ROOT, "bun"), [bundle]];
  return [localBinary(ROOT, "deno"), ["run", "--allow-read", "--allow-env", "--allow-write", bundle]];
}

/** One run: wall milliseconds and what it printed. */
function timed(command: string, args: readonly string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const child = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, EXECHIST_THREADS: "1", EXECHIST_CACHE: "0" },
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${command} ${args.join(" ")}: status ${child.status}: ${child.stderr}`);
  return { ms, stdout: child.stdout };
}

const o = parseOptions(process.argv.slice(2));
const plain = path.join(o.dir, `log-${o.records}.jsonl`);
const renamed = path.join(o.dir, `log-${o.records}-renamed.jsonl`);
if (!fs.existsSync(plain)) writeLogFile(plain, o.records, 1);
if (!fs.existsSync(renamed)) writeLogFile(renamed, o.records, 1, { renamed: true });
const [command, prefix] = program(o.runtime);
const query = ["summary", "--group-by", "name", "-o", "json"];
const runs = {
  unmapped: [...prefix, ...query, plain],
  mapped: [...prefix, ...query, ...RENAMED_MAP, renamed],
};
const times: Record<keyof typeof runs, number[]> = { unmapped: [], mapped: [] };
timed(command, runs.unmapped); // warm the page cache for both logs
timed(command, runs.mapped);
for (let round = 0; round < o.rounds; round++) {
  const order = round % 2 === 0 ? (["unmapped", "mapped"] as const) : (["mapped", "unmapped"] as const);
  const outputs: string[] = [];
  for (const which of order) {
    const { ms, stdout } = timed(command, runs[which]);
    times[which].push(ms);
    outputs.push(stdout);
  }
  if (outputs[0] !== outputs[1]) throw new Error(`round ${round}: the mapped log did not read as the unmapped one`);
}
const [a, b] = [median(times.unmapped), median(times.mapped)];
process.stdout.write(
  `${o.runtime}, ${o.records} records, ${o.rounds} paired rounds, one thread, no index cache:\n` +
    `  unmapped (${path.basename(plain)}):          median ${(a / 1000).toFixed(3)} s\n` +
    `  --map (${path.basename(renamed)}): median ${(b / 1000).toFixed(3)} s\n` +
    `  mapped / unmapped: ${(b / a).toFixed(3)}\n`,
);
