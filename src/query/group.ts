import { type Columns, startClockOf } from "../columns/columns.ts";
import type { ExecutionRegistry } from "./registry.ts";
import { type Clock, isShownClock } from "../read/time.ts";
import type { TimeValue } from "../types.ts";
import { bucketOf, HIGH_WORD, highWords, quantilesByKey } from "./quantiles.ts";

/** What `--group-by` groups on. */
export type GroupKey = "name" | "status" | "run";

/** One group's statistics; durations in seconds, starts in microseconds. */
export interface GroupStats {
  key: string | null;
  count: number;
  success: number;
  error: number;
  other: number;
  errorRate: number;
  totalDuration: number | null;
  meanDuration: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
  /** The earliest and latest displayable start, with its clock. */
  firstStart: TimeValue | null;
  lastStart: TimeValue | null;
}

/** Groups the given positions (undefined: every record), groups in order of first appearance. */
export function groupPositions(
  registry: ExecutionRegistry,
  positions: Uint32Array | undefined,
  by: GroupKey,
): GroupStats[] {
  const { columns } = registry;
  const keyColumn = by === "name" ? columns.name : by === "run" ? columns.run : columns.status;
  // Each loop is a function of its own: V8 compiles each once, none deoptimizes another.
  const tally = tallyKeys(columns, keyColumn, positions, registry.size);
  const quantiles = quantilesByKey(columns.duration, keyColumn, positions, registry.size, tally, [0.5, 0.95]);
  const out: GroupStats[] = [];
  for (const k of tally.keys) {
    const timed = tally.timed[k]!;
    const total = tally.total[k]!;
    const n = tally.count[k]!;
    const success = tally.success[k]!;
    const error = tally.error[k]!;
    out.push({
      key: keyText(registry, by, k),
      count: n,
      success,
      error,
      other: n - success - error,
      errorRate: n === 0 ? 0 : error / n,
      totalDuration: timed ? total : null,
      meanDuration: timed ? total / timed : null,
      p50: timed ? quantiles[2 * k]! : null,
      p95: timed ? quantiles[2 * k + 1]! : null,
      max: timed ? tally.max[k]! : null,
      firstStart: tally.first[k] === Infinity
        ? null
        : { micros: tally.first[k]!, clock: tally.firstClock[k]! as Clock },
      lastStart: tally.last[k] === -Infinity ? null : { micros: tally.last[k]!, clock: tally.lastClock[k]! as Clock },
    });
  }
  return out;
}

type KeyColumn = Columns["name"];

/** Counts and extremes of each key (ids are small and dense: the tables are indexed by key). */
class KeyTally {
  /** Keys in order of first appearance. */
  readonly keys: number[] = [];
  count = new Float64Array(0);
  success = new Float64Array(0);
  error = new Float64Array(0);
  /** Records with a duration, their sum (in record order), the greatest, the lowest and highest bucket (quantiles.ts). */
  timed = new Float64Array(0);
  total = new Float64Array(0);
  max = new Float64Array(0);
  low = new Int32Array(0);
  high = new Int32Array(0);
  first = new Float64Array(0);
  last = new Float64Array(0);
  firstClock = new Uint8Array(0);
  lastClock = new Uint8Array(0);

  constructor(keys: number) {
    this.grow(keys);
  }

  /** Room for keys below `keys`. */
  grow(keys: number): void {
    const more = <T extends Float64Array | Int32Array | Uint8Array>(from: T, fill: number): T => {
      const to = new (from.constructor as new (n: number) => T)(keys);
      to.fill(fill, from.length);
      to.set(from);
      return to;
    };
    this.count = more(this.count, 0);
    this.success = more(this.success, 0);
    this.error = more(this.error, 0);
    this.timed = more(this.timed, 0);
    this.total = more(this.total, 0);
    this.max = more(this.max, -Infinity);
    this.low = more(this.low, 0x10000);
    this.high = more(this.high, -1);
    this.first = more(this.first, Infinity);
    this.last = more(this.last, -Infinity);
    this.firstClock = more(this.firstClock, 0);
    this.lastClock = more(this.lastClock, 0);
  }
}

function tallyKeys(columns: Columns, keyColumn: KeyColumn, positions: Uint32Array | undefined, size: number): KeyTally {
  const tally = new KeyTally(256);
  const words = highWords(columns.duration);
  const n = positions === undefined ? size : positions.length;
  for (let j = 0; j < n; j++) {
    const i = positions === undefined ? j : positions[j]!;
    const k = keyColumn[i]!;
    if (k >= tally.count.length) tally.grow(Math.max(k + 1, tally.count.length * 2));
    if (tally.count[k]!++ === 0) tally.keys.push(k);
    const s = columns.status[i]!;
    if (s === 0) tally.success[k]!++;
    else if (s === 1) tally.error[k]!++;
    const d = columns.duration[i]!;
    if (!Number.isNaN(d)) {
      tally.timed[k]!++;
      tally.total[k]! += d;
      if (d > tally.max[k]!) tally.max[k] = d;
      const bucket = bucketOf(words[2 * i + HIGH_WORD]!);
      if (bucket < tally.low[k]!) tally.low[k] = bucket;
      if (bucket > tally.high[k]!) tally.high[k] = bucket;
    }
    const clock = startClockOf(columns.flags[i]!);
    if (isShownClock(clock)) {
      const start = columns.start[i]!;
      if (start < tally.first[k]!) {
        tally.first[k] = start;
        tally.firstClock[k] = clock;
      }
      if (start > tally.last[k]!) {
        tally.last[k] = start;
        tally.lastClock[k] = clock;
      }
    }
  }
  return tally;
}

function keyText(registry: ExecutionRegistry, by: GroupKey, key: number): string | null {
  if (by === "name") return registry.names[key] ?? "";
  // Any position holding the key gives its text; find the first cheaply through the columns.
  const column = by === "run" ? registry.columns.run : registry.columns.status;
  const pos = column.indexOf(key);
  if (by === "run") return registry.runOf(pos);
  return registry.statusOf(pos);
}
