import type { ExecutionRegistry } from "../query/registry.ts";
import { startClockOf } from "../columns/columns.ts";
import { isShownClock } from "../read/time.ts";

/** Some records of one registry. */
export interface RunPart {
  registry: ExecutionRegistry;
  /** In input order. */
  positions: Uint32Array;
}

/** One run: its records, from one log or several (a run_id found in several logs). */
export interface RunSlice {
  /** The run_id, or the log's name for records without one. */
  label: string;
  parts: RunPart[];
  /** The earliest displayable start (microseconds), or null. */
  firstStart: number | null;
}

/** A log as read, named as the user gave it. */
export interface NamedLog {
  label: string;
  registry: ExecutionRegistry;
}

/**
 * Splits logs into runs: records with a run_id by that id (across logs), records without
 * one by their log. Runs come in order of first appearance; when every run has a start
 * time, they are then ordered by it (the earliest first; ties keep that order).
 */
export function splitRuns(logs: readonly NamedLog[]): RunSlice[] {
  const runs = new Map<string, RunSlice>();
  for (const { label, registry } of logs) {
    const byRun = new Map<number, number[]>();
    const column = registry.columns.run;
    for (let pos = 0; pos < registry.size; pos++) {
      const r = column[pos]!;
      let list = byRun.get(r);
      if (list === undefined) byRun.set(r, list = []);
      list.push(pos);
    }
    for (const [r, positions] of byRun) {
      // "\u0000" keeps a file's own records apart from a run_id that happens to equal its name.
      const key = r === 0 ? `\u0000${label}` : registry.runOf(positions[0]!)!;
      let run = runs.get(key);
      if (run === undefined) runs.set(key, run = { label: r === 0 ? label : key, parts: [], firstStart: null });
      const part = { registry, positions: Uint32Array.from(positions) };
      run.parts.push(part);
      const start = firstStartOf(part);
      if (start !== null && (run.firstStart === null || start < run.firstStart)) run.firstStart = start;
    }
  }
  const list = [...runs.values()];
  if (list.every((run) => run.firstStart !== null)) {
    return list.map((run, i) => [run, i] as const)
      .sort(([a, i], [b, j]) => a.firstStart! - b.firstStart! || i - j)
      .map(([run]) => run);
  }
  return list;
}

function firstStartOf(part: RunPart): number | null {
  const { start, flags } = part.registry.columns;
  let first = Infinity;
  for (const pos of part.positions) {
    if (isShownClock(startClockOf(flags[pos]!)) && start[pos]! < first) first = start[pos]!;
  }
  return first === Infinity ? null : first;
}
