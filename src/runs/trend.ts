import { collectNameSamples, sortedQuantile } from "../compare/name_samples.ts";
import type { RunSlice } from "./run_split.ts";
import { findStepChange, type StepChange } from "./step_change.ts";

/** One action in one run. */
export interface TrendPoint {
  count: number;
  errorRate: number;
  /** Seconds; null without durations. */
  p50: number | null;
  p95: number | null;
}

/** One action across runs. */
export interface TrendRow {
  name: string;
  /** Per run, in run order; null where the action did not run. */
  points: Array<TrendPoint | null>;
  /** The largest lasting change of p50, if any. */
  step: StepChange | null;
}

/**
 * Each action's p50, p95 and error rate per run, with its step change of p50: actions
 * with a step first (the largest change first), then the rest, each by name.
 */
export function trendOf(runs: readonly RunSlice[], threshold: number): TrendRow[] {
  const rows = new Map<string, TrendRow>();
  runs.forEach((run, r) => {
    const merged = new Map<string, { count: number; error: number; durations: Float64Array[] }>();
    for (const part of run.parts) {
      for (const [name, sample] of collectNameSamples(part.registry, part.positions)) {
        const m = merged.get(name) ?? { count: 0, error: 0, durations: [] };
        m.count += sample.count;
        m.error += sample.error;
        m.durations.push(sample.durations);
        merged.set(name, m);
      }
    }
    for (const [name, m] of merged) {
      let row = rows.get(name);
      if (row === undefined) {
        rows.set(name, row = { name, points: new Array<TrendPoint | null>(runs.length).fill(null), step: null });
      }
      const durations = m.durations.length === 1 ? m.durations[0]! : concatSorted(m.durations);
      row.points[r] = {
        count: m.count,
        errorRate: m.count === 0 ? 0 : m.error / m.count,
        p50: sortedQuantile(durations, 0.5),
        p95: sortedQuantile(durations, 0.95),
      };
    }
  });
  const out = [...rows.values()];
  for (const row of out) row.step = findStepChange(row.points.map((p) => p?.p50 ?? null), threshold);
  const size = (row: TrendRow) => (row.step === null ? -1 : Math.abs(row.step.change));
  return out.sort((a, b) => size(b) - size(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function concatSorted(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.sort();
}
