import type { JsonValue } from "../json/value.ts";
import { numberOf } from "../json/value.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { lastFifty, type NodeState, type RunState } from "./run_state.ts";
import { plainText, sameJson } from "./value_kind.ts";

/** One value that changed. */
export interface Change {
  field: string;
  from: JsonValue;
  to: JsonValue;
}

/** A node added, removed, or changed (status, attempts, error, output_data) between two checkpoints. */
export interface NodeChange {
  node: string;
  kind: "added" | "removed" | "changed";
  changes: Change[];
}

/** Keys of an object (data, metadata, cache) added, removed, or with a new value. */
export interface KeyChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** What changed from one checkpoint to the next. */
export interface StateDiff {
  from: string;
  to: string;
  /** The run both belong to; null when their run_ids differ. */
  runId: string | null;
  /** Run-level fields whose value changed, in to_dict order. */
  fields: Change[];
  nodes: NodeChange[];
  /** completed_nodes entries appended (or, when the list was rewritten, those B has more of). */
  completedAdded: string[];
  completedRewritten: boolean;
  /** null when the field is not an object on either side (then it is in `fields`). */
  data: KeyChanges | null;
  metadata: KeyChanges | null;
  cache: KeyChanges | null;
  /** action_history entries of B that come after what A already had. */
  historyAdded: JsonValue[];
  /** No entry of A's history is at the start of B's: more may have come and gone. */
  historyGap: boolean;
  warnings: string[];
  /** What the text view calls things, when the checkpoints are not RunState's (LangGraph's thread and channels). */
  labels?: DiffLabels;
}

/** The words of the diff's text view: "run", "Data", "Completed nodes added" for RunState. */
export interface DiffLabels {
  subject: string;
  data: string;
  completed: string;
}

const FIELDS: [keyof RunState, string][] = [
  ["runId", "run_id"],
  ["sessionId", "session_id"],
  ["status", "status"],
  ["purpose", "purpose"],
  ["currentNode", "current_node"],
  ["currentStep", "current_step"],
  ["maxSteps", "max_steps"],
  ["startedAt", "started_at"],
  ["updatedAt", "updated_at"],
  ["finishedAt", "finished_at"],
  ["heuristicCountAtCheckpoint", "heuristic_count_at_checkpoint"],
  ["experienceCountAtCheckpoint", "experience_count_at_checkpoint"],
  ["version", "version"],
];

const NODE_FIELDS: [keyof NodeState, string][] = [
  ["status", "status"],
  ["attempts", "attempts"],
  ["error", "error"],
  ["outputData", "output_data"],
];

/** Compares checkpoint `a` (before) with `b` (after). */
export function diffStates(a: Checkpoint, b: Checkpoint): StateDiff {
  const x = a.state;
  const y = b.state;
  const fields: Change[] = [];
  for (const [key, name] of FIELDS) {
    if (!sameJson(x[key] as JsonValue, y[key] as JsonValue)) {
      fields.push({ field: name, from: x[key] as JsonValue, to: y[key] as JsonValue });
    }
  }
  const objectDiff = (name: string, p: JsonValue, q: JsonValue): KeyChanges | null => {
    if (p instanceof Map && q instanceof Map) return keyChanges(p, q);
    if (!sameJson(p, q)) fields.push({ field: name, from: p, to: q });
    return null;
  };
  const data = objectDiff("data", x.data, y.data);
  const metadata = objectDiff("metadata", x.metadata, y.metadata);
  const cache = objectDiff("tool_results_cache", x.toolResultsCache, y.toolResultsCache);
  const completed = completedChange(x.completedNodes, y.completedNodes);
  const history = historyChange(lastFifty(x.actionHistory), lastFifty(y.actionHistory));
  const warnings: string[] = [];
  if (!sameJson(x.runId, y.runId)) {
    warnings.push(`the checkpoints belong to different runs: "${plainText(x.runId)}" and "${plainText(y.runId)}"`);
  }
  const ua = numberOf(x.updatedAt);
  const ub = numberOf(y.updatedAt);
  if (ua !== undefined && ub !== undefined && ub < ua) {
    warnings.push(`"${b.file}" is older than "${a.file}" (updated_at): the changes read backwards`);
  }
  if (history.gap) {
    warnings.push(
      "no action_history entry of the first checkpoint is at the start of the second's: entries may have come and gone between them",
    );
  }
  if (completed.rewritten) {
    warnings.push("completed_nodes of the second checkpoint does not start with the first's: the list was rewritten");
  }
  return {
    from: a.file,
    to: b.file,
    runId: sameJson(x.runId, y.runId) ? plainText(y.runId) : null,
    fields,
    nodes: nodeChanges(x, y),
    completedAdded: completed.added,
    completedRewritten: completed.rewritten,
    data,
    metadata,
    cache,
    historyAdded: history.added,
    historyGap: history.gap,
    warnings,
  };
}

/** True when nothing at all changed. */
export function isEmptyDiff(d: StateDiff): boolean {
  const none = (k: KeyChanges | null): boolean =>
    k === null || k.added.length + k.removed.length + k.changed.length === 0;
  return d.fields.length === 0 && d.nodes.length === 0 && d.completedAdded.length === 0 && !d.completedRewritten &&
    none(d.data) && none(d.metadata) && none(d.cache) && d.historyAdded.length === 0;
}

function nodeChanges(x: RunState, y: RunState): NodeChange[] {
  const out: NodeChange[] = [];
  const keys = [...x.nodeStates.keys(), ...[...y.nodeStates.keys()].filter((k) => !x.nodeStates.has(k))];
  for (const key of keys) {
    const p = x.nodeStates.get(key);
    const q = y.nodeStates.get(key);
    if (q === undefined) out.push({ node: key, kind: "removed", changes: [] });
    else if (p === undefined) {
      out.push({
        node: key,
        kind: "added",
        changes: NODE_FIELDS.filter(([f]) => f !== "outputData").map(([f, name]) => ({
          field: name,
          from: null,
          to: q[f] as JsonValue,
        })),
      });
    } else {
      const changes = NODE_FIELDS.filter(([f]) => !sameJson(p[f] as JsonValue, q[f] as JsonValue))
        .map(([f, name]) => ({ field: name, from: p[f] as JsonValue, to: q[f] as JsonValue }));
      if (changes.length > 0) out.push({ node: key, kind: "changed", changes });
    }
  }
  return out;
}

/** Keys of `q` not in `p`, keys of `p` not in `q`, and keys in both whose values differ. */
export function keyChanges(p: Map<string, JsonValue>, q: Map<string, JsonValue>): KeyChanges {
  return {
    added: [...q.keys()].filter((k) => !p.has(k)),
    removed: [...p.keys()].filter((k) => !q.has(k)),
    changed: [...q.keys()].filter((k) => p.has(k) && !sameJson(p.get(k)!, q.get(k)!)),
  };
}

function completedChange(p: JsonValue, q: JsonValue): { added: string[]; rewritten: boolean } {
  const a = Array.isArray(p) ? p.map(plainText) : [];
  const b = Array.isArray(q) ? q.map(plainText) : [];
  if (a.every((node, i) => b[i] === node) && b.length >= a.length) {
    return { added: b.slice(a.length), rewritten: false };
  }
  const left = new Map<string, number>();
  for (const node of a) left.set(node, (left.get(node) ?? 0) + 1);
  const added = b.filter((node) => {
    const n = left.get(node) ?? 0;
    if (n > 0) left.set(node, n - 1);
    return n === 0;
  });
  return { added, rewritten: true };
}

/** The longest end of A that is the start of B is what both have; B's entries after it are new. */
function historyChange(p: JsonValue, q: JsonValue): { added: JsonValue[]; gap: boolean } {
  const a = Array.isArray(p) ? p : [];
  const b = Array.isArray(q) ? q : [];
  for (let k = Math.min(a.length, b.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = sameJson(a[a.length - k + i]!, b[i]!);
    if (same) return { added: b.slice(k), gap: false };
  }
  return { added: b, gap: a.length > 0 && b.length > 0 };
}
