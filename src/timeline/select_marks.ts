import type { ExecutionRegistry } from "../index/registry.ts";
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
 * Every span when there are at most `max`; else every failure (up to `maxFailures`)
 * and then the longest of the rest (failures or not) until `max` are chosen.
 */
export function selectMarks(
  registry: ExecutionRegistry,
  spans: Spans,
  max: number,
  maxFailures: number,
): MarkSelection {
  const n = spans.positions.length;
  const isFailure = (i: number) => registry.statusClassOf(spans.positions[i]!) === "error";
  let failures = 0;
  for (let i = 0; i < n; i++) if (isFailure(i)) failures++;
  if (n <= max) {
    return {
      chosen: byStart(spans, Uint32Array.from({ length: n }, (_, i) => i)),
      complete: true,
      failuresChosen: failures,
      failures,
    };
  }
  const chosen: number[] = [];
  for (let i = 0; i < n && chosen.length < Math.min(max, maxFailures); i++) if (isFailure(i)) chosen.push(i);
  const taken = new Uint8Array(n);
  for (const i of chosen) taken[i] = 1;
  // The longest of the rest: sort indexes by length, longest first, earlier first on ties.
  const rest = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => !taken[i]);
  const length = (i: number) => spans.end[i]! - spans.start[i]!;
  rest.sort((a, b) => length(b) - length(a) || a - b);
  for (let k = 0; k < rest.length && chosen.length < max; k++) chosen.push(rest[k]!);
  // Failures past the limit may be among the longest.
  const failuresChosen = chosen.filter(isFailure).length;
  return { chosen: byStart(spans, Uint32Array.from(chosen)), complete: false, failuresChosen, failures };
}

function byStart(spans: Spans, indexes: Uint32Array): Uint32Array {
  return indexes.sort((a, b) => spans.start[a]! - spans.start[b]! || a - b);
}
