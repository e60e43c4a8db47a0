import { ExechistError } from "../errors.ts";
import { type JsonValue, numberOf } from "../json/value.ts";
import { graphDocumentKind } from "./document_kind.ts";
import { type GraphCheckpoint, readGraphCheckpoint } from "./langgraph_checkpoint.ts";
import { CheckpointError } from "./read_checkpoint.ts";
import { kindOf, plainText } from "./value_kind.ts";

/** A file of LangGraph checkpoints: one, or a history (a JSON list of them), oldest first. */
export interface GraphFile {
  file: string;
  /** True when the file is a list (`list()`, `getStateHistory()`), even of one. */
  history: boolean;
  /** Oldest first: by metadata.step, then creation time, then checkpoint id (a uuid6, in time order). */
  checkpoints: GraphCheckpoint[];
}

/** What to show of a file: the checkpoint picked, what the pick needs said, and the thread's checkpoints. */
export interface GraphSelection {
  shown: GraphCheckpoint;
  /** The checkpoints of the shown one's thread, oldest first. */
  thread: GraphCheckpoint[];
  notes: string[];
}

/** True when a parsed document is LangGraph's: a checkpoint, a tuple, a snapshot, or a non-empty list of them. */
export function isGraphDocument(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0 && graphDocumentKind(value[0]!) !== null;
  return graphDocumentKind(value) !== null;
}

/** Reads a parsed LangGraph document (see {@link isGraphDocument}); throws a {@link CheckpointError} for a bad item. */
export function readGraphFile(value: JsonValue, file: string): GraphFile {
  const items = Array.isArray(value) ? value : [value];
  const checkpoints = items.map((item, i) => {
    const where = Array.isArray(value) ? `item ${i + 1} of the list: ` : "";
    const kind = graphDocumentKind(item);
    if (kind === null || !(item instanceof Map)) {
      throw new CheckpointError(
        file,
        `${where}${kindOf(item)} that is not a LangGraph checkpoint, tuple or state snapshot, in a list of them`,
      );
    }
    return readGraphCheckpoint(item, kind, file, where);
  });
  const order = checkpoints.map((c, i) => ({ c, i }));
  order.sort((a, b) => compareCheckpoints(a.c, b.c) || a.i - b.i);
  return { file, history: Array.isArray(value), checkpoints: order.map((o) => o.c) };
}

/**
 * Picks the checkpoint to show: of the thread `--run` names (exact, else a unique prefix),
 * the one at `--step N` (the newest of several), else the newest.
 */
export function selectGraph(g: GraphFile, run: string | undefined, step: number | undefined): GraphSelection {
  let pool = g.checkpoints;
  if (run !== undefined) {
    const threads = [...new Set(pool.map(threadOf))];
    const exact = threads.filter((t) => t === run);
    const matched = exact.length > 0 ? exact : threads.filter((t) => t.startsWith(run));
    if (matched.length === 0) {
      throw new ExechistError("not_found", `No thread "${run}" in "${g.file}" (threads: ${threadList(threads)})`);
    }
    if (matched.length > 1) {
      throw new ExechistError(
        "usage",
        `--run "${run}" matches ${matched.length} threads in "${g.file}": ${matched.join(", ")}`,
      );
    }
    pool = pool.filter((c) => threadOf(c) === matched[0]);
  }
  const notes: string[] = [];
  let shown = pool[pool.length - 1]!;
  if (step !== undefined) {
    const atStep = pool.filter((c) => numberOf(c.metadata?.get("step")) === step);
    const chosen = atStep[atStep.length - 1];
    if (chosen === undefined) {
      const steps = [...new Set(pool.map((c) => plainText(c.metadata?.get("step") ?? null)))].join(", ");
      throw new ExechistError("not_found", `"${g.file}" has no checkpoint at step ${step} (steps: ${steps})`);
    }
    if (atStep.length > 1) {
      notes.push(
        `${atStep.length} checkpoints are at step ${step}; showing the newest, ${
          plainText(chosen.checkpointId ?? null)
        }`,
      );
    }
    shown = chosen;
  }
  return { shown, thread: g.checkpoints.filter((c) => threadOf(c) === threadOf(shown)), notes };
}

/**
 * The two checkpoints `--diff` compares in one history: with `--step A --step B`, those
 * steps; with one `--step N`, the checkpoint before N's (its parent, else the one before it)
 * and N's; with none, the one before the newest and the newest.
 */
export function diffPair(
  g: GraphFile,
  run: string | undefined,
  steps: readonly number[],
): [GraphCheckpoint, GraphCheckpoint] {
  if (steps.length === 2) return [selectGraph(g, run, steps[0]).shown, selectGraph(g, run, steps[1]).shown];
  const { shown, thread } = selectGraph(g, run, steps[0]);
  const parent = thread.find((c) => c.checkpointId !== undefined && sameText(c.checkpointId, shown.parentId));
  const before = parent ?? thread[thread.indexOf(shown) - 1];
  if (before === undefined) {
    throw new ExechistError(
      "not_found",
      `"${g.file}" has no checkpoint before step ${plainText(shown.metadata?.get("step") ?? null)} to compare with`,
    );
  }
  return [before, shown];
}

/** The thread a checkpoint belongs to, as text ("" when it names none). */
export function threadOf(c: GraphCheckpoint): string {
  return c.threadId === undefined ? "" : plainText(c.threadId);
}

function sameText(a: JsonValue, b: JsonValue | undefined): boolean {
  return b !== undefined && typeof a === "string" && a === b;
}

function threadList(threads: readonly string[]): string {
  return threads.map((t) => (t === "" ? '""' : t)).join(", ") || "none";
}

function compareCheckpoints(a: GraphCheckpoint, b: GraphCheckpoint): number {
  return compareNumbers(stepOf(a), stepOf(b)) || compareText(textOf(a.created), textOf(b.created)) ||
    compareText(textOf(a.checkpointId), textOf(b.checkpointId));
}

function stepOf(c: GraphCheckpoint): number {
  const n = numberOf(c.metadata?.get("step"));
  return n === undefined || Number.isNaN(n) ? -Infinity : n;
}

function textOf(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : "";
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By code unit, the same everywhere (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
