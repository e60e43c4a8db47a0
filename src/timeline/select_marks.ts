import type { ExecutionRegistry } from "../query/registry.ts";
import { selectRank } from "../query/stats.ts";
import type { Spans } from "./spans.ts";

/** Which spans a bounded drawing shows one by one. */
export interface MarkSelection {
  /** Indexes into the spans, in order of start (then input order). */
  chosen: Uint32Array;
  /** True when every span was chosen. */
  complete: boolean;
  /** Failures (status class error) chosen, and among all spans. */
  failuresChosen: number;
  failures: number;
}

/**
 * Every span when there are at most `max`; else every failure (up to `maxFailures`,
 * spread evenly over the run when there are more) and then the longest of the rest
 * (failures or not) until `max` are chosen.
 */
export function selectMarks(
  registry: ExecutionRegistry,
  spans: Spans,
  max: number,
  maxFailures: number,
): MarkSelection {
  const n = spans.positions.length;
  const isFailure = (i: number) => registry.statusClassOf(spans.positions[i]!) === "error";
  if (n <= max) {
    let failures = 0;
    for (let i = 0; i < n; i++) if (isFailure(i)) failures++;
    return {
      chosen: byStart(spans, Uint32Array.from({ length: n }, (_, i) => i)),
      complete: true,
      failuresChosen: failures,
      failures,
    };
  }
  const every: number[] = [];
  for (let i = 0; i < n; i++) if (isFailure(i)) every.push(i);
  // More failures than room: spread evenly over the run, not the first ones only.
  const room = Math.min(max, maxFailures);
  const chosen = every.length <= room
    ? every
    : Array.from({ length: room }, (_, k) => every[Math.floor((k * every.length) / room)]!);
  const taken = new Uint8Array(n);
  for (const i of chosen) taken[i] = 1;
  for (const i of longestOthers(spans, taken, max - chosen.length)) chosen.push(i);
  // Failures past the limit may be among the longest.
  const failuresChosen = chosen.filter(isFailure).length;
  return { chosen: byStart(spans, Uint32Array.from(chosen)), complete: false, failuresChosen, failures: every.length };
}

/**
 * The `k` longest spans not `taken`, earlier first on ties: the k-th length found by a
 * selection (no sort of a million), then one pass takes those above it and, in input
 * order, as many equal to it as are needed.
 */
function longestOthers(spans: Spans, taken: Uint8Array, k: number): number[] {
  const n = spans.positions.length;
  const lengths = new Float64Array(n - taken.reduce((a, b) => a + b, 0));
  let m = 0;
  for (let i = 0; i < n; i++) if (!taken[i]) lengths[m++] = spans.end[i]! - spans.start[i]!;
  if (k <= 0 || m === 0) return [];
  if (k >= m) return Array.from({ length: n }, (_, i) => i).filter((i) => !taken[i]);
  const cut = selectRank(lengths, m - k); // ascending rank: k values are at or above it
  let above = 0;
  for (let i = 0; i < n; i++) if (!taken[i] && spans.end[i]! - spans.start[i]! > cut) above++;
  let ties = k - above;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    const length = spans.end[i]! - spans.start[i]!;
    if (length > cut || (length === cut && ties-- > 0)) out.push(i);
  }
  return out;
}

function byStart(spans: Spans, indexes: Uint32Array): Uint32Array {
  return indexes.sort((a, b) => spans.start[a]! - spans.start[b]! || a - b);
}
