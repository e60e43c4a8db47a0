import { startClockOf } from "../index/columns.ts";
import type { ExecutionRegistry } from "../index/registry.ts";
import { type Clock, isShownClock } from "../read/time.ts";
import type { TimeValue } from "../types.ts";
import { selectQuantile } from "./stats.ts";

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

/** Groups the given positions, groups in order of first appearance. */
export function groupPositions(registry: ExecutionRegistry, positions: Uint32Array, by: GroupKey): GroupStats[] {
  const { columns } = registry;
  const keyColumn = by === "name" ? columns.name : by === "run" ? columns.run : columns.status;
  // Keys are small dense ids: a table from key to group, grown as keys appear.
  let groupOfKey = new Int32Array(256).fill(-1);
  const keys: number[] = [];
  for (let j = 0; j < positions.length; j++) {
    const k = keyColumn[positions[j]!]!;
    if (k >= groupOfKey.length) {
      const grown = new Int32Array(Math.max(k + 1, groupOfKey.length * 2)).fill(-1);
      grown.set(groupOfKey);
      groupOfKey = grown;
    }
    let g = groupOfKey[k]!;
    if (g < 0) {
      g = keys.length;
      groupOfKey[k] = g;
      keys.push(k);
    }
  }
  const groups = keys.length;
  const count = new Float64Array(groups);
  const success = new Float64Array(groups);
  const error = new Float64Array(groups);
  const timed = new Float64Array(groups);
  const first = new Float64Array(groups).fill(Infinity);
  const last = new Float64Array(groups).fill(-Infinity);
  const firstClock = new Uint8Array(groups);
  const lastClock = new Uint8Array(groups);
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    const g = groupOfKey[keyColumn[i]!]!;
    count[g]!++;
    const s = columns.status[i]!;
    if (s === 0) success[g]!++;
    else if (s === 1) error[g]!++;
    if (!Number.isNaN(columns.duration[i]!)) timed[g]!++;
    const clock = startClockOf(columns.flags[i]!);
    if (isShownClock(clock)) {
      const start = columns.start[i]!;
      if (start < first[g]!) {
        first[g] = start;
        firstClock[g] = clock;
      }
      if (start > last[g]!) {
        last[g] = start;
        lastClock[g] = clock;
      }
    }
  }
  // Durations of each group, in record order, in one shared array: offsets by counting sort.
  const offsets = new Float64Array(groups + 1);
  for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g]! + timed[g]!;
  const fill = offsets.slice(0, groups);
  const durations = new Float64Array(offsets[groups]!);
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    const d = columns.duration[i]!;
    if (!Number.isNaN(d)) durations[fill[groupOfKey[keyColumn[i]!]!]!++] = d;
  }
  const out: GroupStats[] = [];
  for (let g = 0; g < groups; g++) {
    const own = durations.subarray(offsets[g]!, offsets[g + 1]!);
    let total = 0;
    let max = -Infinity;
    for (let j = 0; j < own.length; j++) { // not for-of: on Bun that allocates per value
      const d = own[j]!;
      total += d;
      if (d > max) max = d;
    }
    const n = count[g]!;
    out.push({
      key: keyText(registry, by, keys[g]!),
      count: n,
      success: success[g]!,
      error: error[g]!,
      other: n - success[g]! - error[g]!,
      errorRate: n === 0 ? 0 : error[g]! / n,
      totalDuration: own.length ? total : null,
      meanDuration: own.length ? total / own.length : null,
      p50: selectQuantile(own, 0.5),
      p95: selectQuantile(own, 0.95),
      max: own.length ? max : null,
      firstStart: first[g] === Infinity ? null : { micros: first[g]!, clock: firstClock[g]! as Clock },
      lastStart: last[g] === -Infinity ? null : { micros: last[g]!, clock: lastClock[g]! as Clock },
    });
  }
  return out;
}

function keyText(registry: ExecutionRegistry, by: GroupKey, key: number): string | null {
  if (by === "name") return registry.names[key] ?? "";
  // Any position holding the key gives its text; find the first cheaply through the columns.
  const column = by === "run" ? registry.columns.run : registry.columns.status;
  const pos = column.indexOf(key);
  if (by === "run") return registry.runOf(pos);
  return registry.statusOf(pos);
}
