import { startClockOf } from "../columns/columns.ts";
import type { ExecutionRegistry } from "./registry.ts";
import { classifyStatus } from "../read/status.ts";
import { isShownClock } from "../read/time.ts";

/** The filters of `summary`, `last` and `report`; every one present must hold. */
export interface RecordFilter {
  /** Any of these names. */
  names?: readonly string[];
  /** Index range, inclusive. */
  indexFrom?: number;
  indexTo?: number;
  /** `all`, `success`, `error`, `other` (any status that is neither), a word of a class (`failed`: error), or a status as written. */
  status?: string;
  /** Start at or after / at or before, in epoch microseconds (naive times compared as UTC). */
  sinceMicros?: number;
  untilMicros?: number;
  runId?: string;
}

/** True when `filter` lets every record through. */
export function selectsAll(filter: RecordFilter): boolean {
  return filter.names === undefined && filter.indexFrom === undefined && filter.indexTo === undefined &&
    (filter.status === undefined || filter.status.toLowerCase() === "all") && filter.sinceMicros === undefined &&
    filter.untilMicros === undefined && filter.runId === undefined;
}

/** The positions of the records that pass `filter`, in input order. */
export function filterPositions(registry: ExecutionRegistry, filter: RecordFilter): Uint32Array {
  const { columns, size } = registry;
  const nameIds = filter.names ? idsOf(registry.names, filter.names) : undefined;
  const statusTest = statusPredicate(registry, filter.status);
  const runTest = filter.runId;
  const from = filter.indexFrom ?? -Infinity;
  const to = filter.indexTo ?? Infinity;
  const since = filter.sinceMicros ?? -Infinity;
  const until = filter.untilMicros ?? Infinity;
  const timed = filter.sinceMicros !== undefined || filter.untilMicros !== undefined;
  const out = new Uint32Array(size);
  let n = 0;
  for (let i = 0; i < size; i++) {
    if (nameIds && !nameIds.has(columns.name[i]!)) continue;
    const index = columns.index[i]!;
    if (index < from || index > to) continue;
    if (statusTest && !statusTest(i)) continue;
    if (runTest !== undefined && registry.runOf(i) !== runTest) continue;
    if (timed) {
      const clock = startClockOf(columns.flags[i]!);
      const start = columns.start[i]!;
      if (!isShownClock(clock) || start < since || start > until) continue;
    }
    out[n++] = i;
  }
  return out.subarray(0, n);
}

function idsOf(names: readonly string[], wanted: readonly string[]): Set<number> {
  const want = new Set(wanted);
  const ids = new Set<number>();
  names.forEach((name, id) => {
    if (want.has(name)) ids.add(id);
  });
  return ids;
}

function statusPredicate(
  registry: ExecutionRegistry,
  status: string | undefined,
): ((pos: number) => boolean) | undefined {
  if (status === undefined) return undefined;
  const wanted = status.toLowerCase();
  if (wanted === "all") return undefined;
  // A word of the success or error class (`failed`, `ok`, ...) selects its class: the registry
  // keeps those statuses as their class, not as written.
  const statusClass = classifyStatus(wanted);
  if (statusClass !== "other" || wanted === "other") return (pos) => registry.statusClassOf(pos) === statusClass;
  return (pos) => registry.statusOf(pos).toLowerCase() === wanted;
}
