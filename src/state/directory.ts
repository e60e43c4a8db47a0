import { ExechistError } from "../errors.ts";
import type { Io } from "../io.ts";
import { numberOf } from "../json/value.ts";
import { loadCheckpoint, notRegularReason } from "./checkpoint_file.ts";
import { type Checkpoint, CheckpointError } from "./read_checkpoint.ts";
import { plainText } from "./value_kind.ts";

/** The checkpoints of one run, oldest first (updated_at, then current_step, then file name). */
export interface DirectoryRun {
  /** run_id as text ("" when the checkpoints have none). */
  runId: string;
  checkpoints: Checkpoint[];
}

/** Every `*.json` below a directory, read as checkpoints and grouped by run. */
export interface CheckpointDirectory {
  path: string;
  /** Ordered by their newest checkpoint's updated_at, then run id. */
  runs: DirectoryRun[];
  /** Files that could not be read, in file order. */
  errors: CheckpointError[];
}

/** Which checkpoints to show, picked by `--run` and `--step`. */
export interface Selection {
  /** The run picked by --run (or the only run, with --step); undefined when each run shows its newest. */
  run: DirectoryRun | undefined;
  shown: Checkpoint[];
  /** Things worth saying about the choice (several checkpoints at one step, ...). */
  notes: string[];
}

/**
 * Reads every regular `*.json` file below `path`; a file that cannot be read is kept as an
 * error, not thrown, and so is one that is not a regular file (a named pipe, a device),
 * which is not opened.
 */
export function loadDirectory(io: Pick<Io, "listFiles" | "readFile" | "env">, path: string): CheckpointDirectory {
  const checkpoints: Checkpoint[] = [];
  const errors: CheckpointError[] = [];
  for (const { path: file, kind } of io.listFiles(path, ".json")) {
    try {
      if (kind !== "file") throw new CheckpointError(file, notRegularReason(kind));
      checkpoints.push(loadCheckpoint(io, file, true));
    } catch (error) {
      if (error instanceof CheckpointError) errors.push(error);
      else if (error instanceof ExechistError) errors.push(new CheckpointError(file, error.message));
      else throw error;
    }
  }
  return { path, runs: groupByRun(checkpoints), errors };
}

/** Groups checkpoints by run_id, each run oldest first, runs by their last update. */
export function groupByRun(checkpoints: readonly Checkpoint[]): DirectoryRun[] {
  const runs = new Map<string, Checkpoint[]>();
  for (const c of checkpoints) {
    const key = plainText(c.state.runId);
    const list = runs.get(key);
    if (list) list.push(c);
    else runs.set(key, [c]);
  }
  const out = [...runs].map(([runId, list]) => ({ runId, checkpoints: list.sort(compareCheckpoints) }));
  return out.sort((a, b) => compareNumbers(updated(newest(a)), updated(newest(b))) || compareText(a.runId, b.runId));
}

/** The newest checkpoint of a run. */
export function newest(run: DirectoryRun): Checkpoint {
  return run.checkpoints[run.checkpoints.length - 1]!;
}

/**
 * Picks what to show: `--run ID` (exact, else a unique prefix) and `--step N` (the
 * checkpoint whose current_step is N, the newest of them); with neither, the newest of each run.
 */
export function selectCheckpoints(
  dir: CheckpointDirectory,
  run: string | undefined,
  step: number | undefined,
): Selection {
  if (run === undefined && step === undefined) return { run: undefined, shown: dir.runs.map(newest), notes: [] };
  const picked = run === undefined ? onlyRun(dir) : findRun(dir, run);
  if (step === undefined) return { run: picked, shown: [newest(picked)], notes: [] };
  const atStep = picked.checkpoints.filter((c) => numberOf(c.state.currentStep) === step);
  const chosen = atStep[atStep.length - 1];
  if (chosen === undefined) {
    const steps = [...new Set(picked.checkpoints.map((c) => plainText(c.state.currentStep)))].join(", ");
    throw new ExechistError("not_found", `Run "${picked.runId}" has no checkpoint at step ${step} (steps: ${steps})`);
  }
  const notes = atStep.length > 1
    ? [
      `${atStep.length} checkpoints are at step ${step}: ${
        atStep.map((c) => c.file).join(", ")
      }; showing the newest, ${chosen.file}`,
    ]
    : [];
  return { run: picked, shown: [chosen], notes };
}

function findRun(dir: CheckpointDirectory, id: string): DirectoryRun {
  const exact = dir.runs.find((r) => r.runId === id);
  if (exact) return exact;
  const prefixed = dir.runs.filter((r) => r.runId.startsWith(id));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) {
    throw new ExechistError(
      "usage",
      `--run "${id}" matches ${prefixed.length} runs in "${dir.path}": ${prefixed.map((r) => r.runId).join(", ")}`,
    );
  }
  throw new ExechistError("not_found", `No run "${id}" in "${dir.path}" (runs: ${runList(dir)})`);
}

function onlyRun(dir: CheckpointDirectory): DirectoryRun {
  if (dir.runs.length === 1) return dir.runs[0]!;
  throw new ExechistError("usage", `--step needs --run: "${dir.path}" holds ${dir.runs.length} runs (${runList(dir)})`);
}

function runList(dir: CheckpointDirectory): string {
  return dir.runs.map((r) => (r.runId === "" ? '""' : r.runId)).join(", ") || "none";
}

function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  return compareNumbers(updated(a), updated(b)) ||
    compareNumbers(numberOf(a.state.currentStep) ?? -Infinity, numberOf(b.state.currentStep) ?? -Infinity) ||
    compareText(a.file, b.file);
}

function updated(c: Checkpoint): number {
  const n = numberOf(c.state.updatedAt);
  return n === undefined || Number.isNaN(n) ? -Infinity : n;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By code unit, the same everywhere (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
