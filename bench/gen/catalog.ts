import { Random } from "./random.ts";

/** What a result of an action looks like; each action keeps one shape, as real code does. */
export type ResultShape =
  | "none"
  | "bool"
  | "int"
  | "float"
  | "bigint"
  | "text"
  | "record"
  | "list"
  | "rows"
  | "mixed";

/** The kinds of positional and keyword arguments an action takes. */
export type ArgKind = "id" | "region" | "path" | "ratio" | "flag" | "count";

/** One action of the generated application. */
export interface ActionSpec {
  name: string;
  /** Mean duration in seconds (durations are exponential around it). */
  meanDuration: number;
  /** Probability that one execution fails. */
  failureRate: number;
  result: ResultShape;
  args: ArgKind[];
  kwargs: Array<[string, ArgKind]>;
}

const VERBS = [
  "fetch",
  "sync",
  "build",
  "deploy",
  "check",
  "index",
  "export",
  "import",
  "notify",
  "resize",
  "validate",
  "archive",
  "compute",
  "render",
  "send",
  "refresh",
  "scan",
  "migrate",
  "backup",
  "parse",
];
const NOUNS = [
  "user_profile",
  "invoice",
  "report",
  "cache",
  "thumbnail",
  "order",
  "inventory",
  "metrics",
  "webhook",
  "session",
  "payment",
  "catalog",
  "feed",
  "ledger",
  "schema",
  "release",
  "dataset",
  "ticket",
  "email",
  "shard",
];
/** A few names outside ASCII, so readers meet `\u` escapes and raw UTF-8 in names too. */
const UNICODE_NAMES = ["export_café_report", "sync_データ", "notify_👍_channel", "render_résumé", "check_naïve_clock"];
const RESULT_SHAPES: readonly ResultShape[] = [
  "none",
  "record",
  "int",
  "text",
  "float",
  "bool",
  "list",
  "rows",
  "bigint",
  "mixed",
];
const ARG_KINDS: readonly ArgKind[] = ["id", "region", "path", "ratio", "flag", "count"];
const KWARG_KEYS = ["retries", "timeout", "region", "dry_run", "batch_size", "user_id", "force", "priority"];
const KWARG_KIND: Record<string, ArgKind> = {
  retries: "count",
  timeout: "ratio",
  region: "region",
  dry_run: "flag",
  batch_size: "count",
  user_id: "id",
  force: "flag",
  priority: "count",
};

/** The Zipf exponent of action popularity. */
export const ZIPF_EXPONENT = 1.05;
/** The overall share of failed executions. */
export const FAILURE_SHARE = 0.05;
/** The share of cancelled executions. */
export const CANCELLED_SHARE = 0.004;

/** `count` actions (popularity rank = position), with per-action durations, failure rates and shapes. */
export function buildCatalog(random: Random, count: number): ActionSpec[] {
  const names = new Set<string>();
  const order: string[] = [];
  const add = (name: string): void => {
    if (!names.has(name)) {
      names.add(name);
      order.push(name);
    }
  };
  while (order.length < count - UNICODE_NAMES.length) {
    add(`${random.pick(VERBS)}_${random.pick(NOUNS)}${random.chance(0.3) ? "_v" + random.range(2, 4) : ""}`);
  }
  // Spread the unicode names over the popularity ranks rather than bunching them at the end.
  UNICODE_NAMES.forEach((name, i) => order.splice(3 + i * 37, 0, name));
  const specs = order.slice(0, count).map((name, rank): ActionSpec => {
    const args: ArgKind[] = [];
    for (let n = random.chance(0.45) ? 0 : random.range(1, 2); n > 0; n--) args.push(random.pick(ARG_KINDS));
    const kwargs: Array<[string, ArgKind]> = [];
    for (const key of KWARG_KEYS) if (kwargs.length < 1 && random.chance(0.1)) kwargs.push([key, KWARG_KIND[key]!]);
    return {
      name,
      meanDuration: Math.exp(Math.log(0.002) + random.next() * (Math.log(4) - Math.log(0.002))),
      failureRate: 0.2 + random.next() * 1.6, // scaled below
      result: RESULT_SHAPES[rank % RESULT_SHAPES.length]!,
      args,
      kwargs,
    };
  });
  // Scale failure rates so the popularity-weighted share is exactly FAILURE_SHARE.
  let weighted = 0;
  let total = 0;
  specs.forEach((spec, rank) => {
    const w = 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
    weighted += w * spec.failureRate;
    total += w;
  });
  const scale = (FAILURE_SHARE * total) / weighted;
  for (const spec of specs) spec.failureRate *= scale;
  return specs;
}
