/**
 * Writes a generated Falyx-style execution log, streaming:
 *   npx tsx bench/generate.ts --records 1000000 --seed 1 --out bench/data/log-1m.jsonl
 * `--out -` (the default) writes to standard output; `--spaced` uses Python's default
 * separators. Runs under tsx, bun and deno alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import process from "node:process";
import { LogGenerator } from "./gen/records.ts";

interface GenerateArgs {
  records: number;
  seed: number;
  out: string;
  spaced: boolean;
}

const USAGE = "usage: generate.ts [--records N] [--seed N] [--out FILE|-] [--spaced]";
const CHUNK_CHARS = 1 << 20;

function parseArgs(argv: readonly string[]): GenerateArgs {
  const args: GenerateArgs = { records: 1000, seed: 1, out: "-", spaced: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--spaced") {
      args.spaced = true;
      continue;
    }
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === "--records") args.records = wholeNumber(flag, value);
    else if (flag === "--seed") args.seed = wholeNumber(flag, value);
    else if (flag === "--out") args.out = value;
    else throw new Error(`unknown option "${flag}"\n${USAGE}`);
  }
  return args;
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, got "${text}"`);
  return n;
}

function writeAll(fd: number, text: string): boolean {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EPIPE") return false;
      throw error;
    }
  }
  return true;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const toFile = args.out !== "-";
  if (toFile) fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  // Write to a temporary name and rename at the end: an interrupted run leaves no half log behind.
  const temp = `${args.out}.partial`;
  const fd = toFile ? fs.openSync(temp, "w") : 1;
  const generator = new LogGenerator(args.seed, { spaced: args.spaced });
  let chunk = "";
  let open = true;
  for (let i = 0; i < args.records && open; i++) {
    chunk += generator.nextLine() + "\n";
    if (chunk.length >= CHUNK_CHARS) {
      open = writeAll(fd, chunk);
      chunk = "";
    }
  }
  if (open && chunk) writeAll(fd, chunk);
  if (toFile) {
    fs.closeSync(fd);
    fs.renameSync(temp, args.out);
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`generate: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
