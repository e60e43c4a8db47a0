import type { RunSlice } from "./run_split.ts";

/** An action's outcome in one run: its last execution's, and whether it passed after failing. */
export type RunOutcome = "pass" | "fail" | "retry-pass";

/** One action across runs. */
export interface FlakyRow {
  name: string;
  /** Runs where it passed or failed (runs with only other statuses, or without it, are left out). */
  runs: number;
  executions: number;
  failures: number;
  /** Runs whose last execution failed. */
  failedRuns: number;
  /** Runs where it passed after failing (a retry that passed). */
  retryPasses: number;
  /** Consecutive runs whose last outcome differs (pass ↔ fail). */
  flips: number;
  /** Runs that passed after failing, or whose outcome differs from the run before. */
  flakyRuns: number;
  /** flakyRuns / runs. */
  flakeRate: number;
  /** Per run (in run order), null where it did not pass or fail. */
  outcomes: Array<RunOutcome | null>;
}

/** The formula, in words, for the reports. */
export const FLAKE_RATE_FORMULA =
  "flake rate = flaky runs / runs, where a run is flaky for an action when the action passed there after failing " +
  "(a retry), or its outcome (its last execution's) differs from the run before";

/**
 * Each action's outcomes across runs, flakiest first (flake rate, then flaky runs, then
 * name). Within a run executions count in input order; statuses other than success
 * and error are left out.
 */
export function flakyActions(runs: readonly RunSlice[]): FlakyRow[] {
  const rows = new Map<string, FlakyRow>();
  const previous = new Map<string, RunOutcome>();
  runs.forEach((run, r) => {
    const seen = new Map<string, { failed: boolean; retried: boolean; last: "pass" | "fail" }>();
    for (const { registry, positions } of run.parts) {
      for (const pos of positions) {
        const status = registry.statusClassOf(pos);
        if (status === "other") continue;
        const name = registry.nameOf(pos);
        const row = rows.get(name) ?? newRow(name, runs.length, rows);
        row.executions++;
        const state = seen.get(name) ?? { failed: false, retried: false, last: "pass" as const };
        if (status === "error") {
          row.failures++;
          state.failed = true;
          state.last = "fail";
        } else {
          if (state.failed) state.retried = true;
          state.last = "pass";
        }
        seen.set(name, state);
      }
    }
    for (const [name, state] of seen) {
      const row = rows.get(name)!;
      const outcome: RunOutcome = state.last === "fail" ? "fail" : state.retried ? "retry-pass" : "pass";
      row.outcomes[r] = outcome;
      row.runs++;
      if (outcome === "fail") row.failedRuns++;
      if (outcome === "retry-pass") row.retryPasses++;
      const before = previous.get(name);
      const flipped = before !== undefined && (before === "fail") !== (outcome === "fail");
      if (flipped) row.flips++;
      if (flipped || outcome === "retry-pass") row.flakyRuns++;
      previous.set(name, outcome);
    }
  });
  const out = [...rows.values()];
  for (const row of out) row.flakeRate = row.runs === 0 ? 0 : row.flakyRuns / row.runs;
  return out.sort((a, b) =>
    b.flakeRate - a.flakeRate || b.flakyRuns - a.flakyRuns || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

function newRow(name: string, runs: number, rows: Map<string, FlakyRow>): FlakyRow {
  const row: FlakyRow = {
    name,
    runs: 0,
    executions: 0,
    failures: 0,
    failedRuns: 0,
    retryPasses: 0,
    flips: 0,
    flakyRuns: 0,
    flakeRate: 0,
    outcomes: new Array<RunOutcome | null>(runs).fill(null),
  };
  rows.set(name, row);
  return row;
}
