/**
 * Writes a generated Falyx-style execution log, streaming:
 *   npx tsx bench/generate.ts --records 1000000 --seed 1 --out bench/data/log-1m.jsonl
 * `--out -` (the default) writes to standard output; `--shape NAME` writes the records as
 * another logger would (bench/gen/shapes.ts: falyx, the default, epoch-s, epoch-ms, otlp-ns,
 * iso-zoned, iso-space, wide, escapes, spaced); `--spaced` and `--wide` are the last two;
 * `--renamed` renames Falyx's top-level keys (bench/gen/renamed.ts: a log to read with `--map`).
 * Runs under tsx, bun and deno alike.
 */
import process from "node:process";
import { type Shape, shapeNamed } from "./gen/shapes.ts";
import { writeLog, writeLogFile } from "./gen/write_log.ts";

interface GenerateArgs {
  records: number;
  seed: number;
  out: string;
  spaced: boolean;
  wide: boolean;
  renamed: boolean;
  shape: Shape;
}

const USAGE =
  "usage: generate.ts [--records N] [--seed N] [--out FILE|-] [--shape NAME] [--spaced] [--wide] [--renamed]";

function parseArgs(argv: readonly string[]): GenerateArgs | undefined {
  const args: GenerateArgs = {
    records: 1000,
    seed: 1,
    out: "-",
    spaced: false,
    wide: false,
    renamed: false,
    shape: "falyx",
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--spaced" || flag === "--wide" || flag === "--renamed") {
      args[flag === "--spaced" ? "spaced" : flag === "--wide" ? "wide" : "renamed"] = true;
      continue;
    }
    if (flag === "--help" || flag === "-h") return undefined;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === "--records") args.records = wholeNumber(flag, value);
    else if (flag === "--seed") args.seed = wholeNumber(flag, value);
    else if (flag === "--out") args.out = value;
    else if (flag === "--shape") args.shape = shapeNamed(value);
    else throw new Error(`unknown option "${flag}"\n${USAGE}`);
  }
  return args;
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, got "${text}"`);
  return n;
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args === undefined) process.stdout.write(USAGE + "\n");
  else {
    const options = { spaced: args.spaced, wide: args.wide, shape: args.shape, renamed: args.renamed };
    if (args.out === "-") writeLog(1, args.records, args.seed, options);
    else writeLogFile(args.out, args.records, args.seed, options);
  }
} catch (error) {
  process.stderr.write(`generate: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
