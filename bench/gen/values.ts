import type { ArgKind, ResultShape } from "./catalog.ts";
import type { PyValue } from "./python_json.ts";
import type { Random } from "./random.ts";

const REGIONS = ["eu-west-1", "us-east-1", "ap-south-1", "sa-east-1"];
const WORDS = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "omega",
  "north",
  "south",
  "queue",
  "batch",
  "shard",
  "draft",
  "final",
];
/** Strings that need escapes or hold non-ASCII text: quotes, backslashes, tabs, newlines, accents, CJK, emoji. */
const ODD_TEXTS = [
  'said "hello" twice',
  "C:\\Users\\build\\out.log",
  "col1\tcol2\tcol3",
  "line one\nline two",
  "Zürich → Genève",
  "東京の天気は晴れ",
  "deploy ok 🚀✅",
  "naïve café crème",
  "tab\there and \u0001 control",
  "Ωmega ∑ ≤ ∞",
];
const BIG_BASE = 1n << 53n;

/** A value of one argument kind. */
export function argValue(random: Random, kind: ArgKind): PyValue {
  switch (kind) {
    case "id":
      return random.range(1, 2_000_000);
    case "region":
      return random.pick(REGIONS);
    case "path":
      return `/data/${random.pick(WORDS)}/${random.range(1, 999)}.json`;
    case "ratio":
      return Math.round(random.next() * 1000) / 100 + 0.01;
    case "flag":
      return random.chance(0.5);
    case "count":
      return random.range(0, 12);
  }
}

function text(random: Random): string {
  if (random.chance(0.3)) return random.pick(ODD_TEXTS);
  return `${random.pick(WORDS)}-${random.range(0, 99999)}`;
}

function bigInt(random: Random): bigint {
  // 2^53 .. ~2^64: digits that a double would round.
  return BIG_BASE + BigInt(random.int(2 ** 31)) * BigInt(random.range(1, 2 ** 20)) * 4099n + BigInt(random.int(1000));
}

function float(random: Random): number {
  if (random.chance(0.03)) return NaN;
  if (random.chance(0.005)) return random.chance(0.5) ? Infinity : -Infinity;
  const magnitude = random.pick([1e-6, 0.01, 1, 100, 1e6, 1e17]);
  const x = random.next() * magnitude;
  return Number.isInteger(x) ? x + 0.5 : x;
}

function row(random: Random): { [key: string]: PyValue } {
  return { id: random.range(1, 99999), label: text(random), score: Math.round(random.next() * 1e4) / 1e4 + 0.0001 };
}

/** A result of the given shape; `mixed` picks a shape per call. */
export function resultValue(random: Random, shape: ResultShape): PyValue {
  switch (shape) {
    case "none":
      return null;
    case "bool":
      return random.chance(0.8);
    case "int":
      return random.chance(0.1) ? -random.range(1, 1000) : random.range(0, 100_000);
    case "float":
      return float(random);
    case "bigint":
      return bigInt(random);
    case "text":
      return text(random);
    case "record":
      return {
        ok: random.chance(0.9),
        count: random.range(0, 500),
        meta: { region: random.pick(REGIONS), tags: [random.pick(WORDS)], etag: null },
      };
    case "list":
      return Array.from({ length: random.range(0, 4) }, () => random.range(0, 1000));
    case "rows":
      return Array.from({ length: random.range(1, 2) }, () => row(random));
    case "mixed":
      return resultValue(
        random,
        random.pick(["none", "bool", "int", "float", "bigint", "text", "record", "list"] as const),
      );
  }
}
