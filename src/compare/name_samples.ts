import type { ExecutionRegistry } from "../query/registry.ts";
import { orderByName } from "../report/by_name.ts";

/** One action's executions on one side of a comparison (or in one run). */
export interface NameSample {
  name: string;
  count: number;
  success: number;
  error: number;
  /** The known durations in seconds, sorted ascending. */
  durations: Float64Array;
}

/** The figures a comparison shows of one action on one side. */
export interface NameFigures {
  count: number;
  error: number;
  errorRate: number;
  /** Seconds; null when no execution has a duration. */
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** Each action's executions among `positions`, by name (in order of first appearance). */
export function collectNameSamples(registry: ExecutionRegistry, positions: Uint32Array): Map<string, NameSample> {
  const { nameIds, offsets, order } = orderByName(registry, positions);
  const { duration, status } = registry.columns;
  const out = new Map<string, NameSample>();
  nameIds.forEach((id, g) => {
    const from = offsets[g]!;
    const to = offsets[g + 1]!;
    const durations = new Float64Array(to - from);
    let timed = 0;
    let success = 0;
    let error = 0;
    for (let j = from; j < to; j++) {
      const pos = order[j]!;
      const s = status[pos]!;
      if (s === 0) success++;
      else if (s === 1) error++;
      const d = duration[pos]!;
      if (!Number.isNaN(d)) durations[timed++] = d;
    }
    const name = registry.names[id] ?? "";
    out.set(name, { name, count: to - from, success, error, durations: durations.slice(0, timed).sort() });
  });
  return out;
}

/** Quantile q of sorted values, interpolated between the two ranks around (n − 1)·q (numpy's default); null when empty. */
export function sortedQuantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * q;
  const a = sorted[Math.floor(rank)]!;
  const b = sorted[Math.ceil(rank)]!;
  return a + (b - a) * (rank - Math.floor(rank));
}

/** Count, errors, p50, p95 and max of a sample. */
export function figuresOf(sample: NameSample): NameFigures {
  const d = sample.durations;
  return {
    count: sample.count,
    error: sample.error,
    errorRate: sample.count === 0 ? 0 : sample.error / sample.count,
    p50: sortedQuantile(d, 0.5),
    p95: sortedQuantile(d, 0.95),
    max: d.length === 0 ? null : d[d.length - 1]!,
  };
}
