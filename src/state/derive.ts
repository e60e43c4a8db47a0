import type { JsonObject, JsonValue } from "../json/value.ts";
import { numberOf } from "../json/value.ts";
import { readStamp, secondsBetween, type Stamp } from "./epoch.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { HISTORY_KEPT, type NodeState, type RunState } from "./run_state.ts";
import { jsonSize, plainText } from "./value_kind.ts";
import { findWarnings, type Warning } from "./warnings.ts";

/** A node named in the resume point. */
export interface NodeMention {
  node: string;
  status: string;
  attempts: number | null;
  error: JsonValue;
}

/** Where the run stands and where it would pick up again. */
export interface ResumePoint {
  /** One sentence for a person. */
  summary: string;
  step: JsonValue;
  node: string;
  /** The current node's entry, or null when node_states has none. */
  current: NodeMention | null;
  /** Nodes left "running": work a crash interrupted (or still going, if the process lives). */
  running: NodeMention[];
  failed: NodeMention[];
  /** Nodes attempted more than once. */
  moreThanOneAttempt: NodeMention[];
}

/** What exechist computes from a checkpoint, beyond what the file says. */
export interface Derived {
  file: string;
  started: Stamp;
  updated: Stamp;
  finished: Stamp;
  /** Seconds from started_at to finished_at (else to updated_at). */
  elapsed: number | null;
  elapsedUntil: "finished_at" | "updated_at" | null;
  /** Node count per status, completed/failed/running/pending first. */
  nodeCounts: [string, number][];
  completedOrder: string[];
  /** Nodes that appear more than once in completed_nodes, with how often. */
  completedRepeats: [string, number][];
  resume: ResumePoint;
  cache: { key: string; bytes: number; value: JsonValue }[] | null;
  historyInFile: number | null;
  /** The entries to_dict keeps (the last 50). */
  history: JsonValue[] | null;
  historyPossiblyTruncated: boolean;
  dataKeys: string[] | null;
  metadataKeys: string[] | null;
  unknownFields: JsonObject;
  unknownNodeFields: ReadonlyMap<string, JsonObject>;
  notInCheckpoint: string[];
  warnings: Warning[];
}

/** What the format cannot tell, whatever the file holds. */
export const NOT_IN_CHECKPOINT = [
  "node start/finish times: to_dict() drops node started_at and finished_at",
  `action_history entries before the last ${HISTORY_KEPT}: to_dict() keeps only the last ${HISTORY_KEPT}`,
];

const STATUS_ORDER = ["completed", "failed", "running", "pending"];
const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Computes the resume point, counts and warnings of a checkpoint. */
export function deriveState(checkpoint: Checkpoint): Derived {
  const state = checkpoint.state;
  const started = readStamp(state.startedAt);
  const updated = readStamp(state.updatedAt);
  const finished = readStamp(state.finishedAt);
  const untilFinished = TERMINAL.has(state.status) && finished.kind === "instant";
  const elapsed = secondsBetween(started, untilFinished ? finished : updated);
  const history = Array.isArray(state.actionHistory) ? state.actionHistory : null;
  const completedOrder = Array.isArray(state.completedNodes) ? state.completedNodes.map(plainText) : [];
  return {
    file: checkpoint.file,
    started,
    updated,
    finished,
    elapsed,
    elapsedUntil: elapsed === null ? null : untilFinished ? "finished_at" : "updated_at",
    nodeCounts: countStatuses(state),
    completedOrder,
    completedRepeats: repeats(completedOrder),
    resume: resumePoint(state),
    cache: state.toolResultsCache instanceof Map
      ? [...state.toolResultsCache].map(([key, value]) => ({ key, bytes: jsonSize(value), value }))
      : null,
    historyInFile: history === null ? null : history.length,
    history: history === null ? null : history.slice(-HISTORY_KEPT),
    historyPossiblyTruncated: history !== null && history.length >= HISTORY_KEPT,
    dataKeys: state.data instanceof Map ? [...state.data.keys()] : null,
    metadataKeys: state.metadata instanceof Map ? [...state.metadata.keys()] : null,
    unknownFields: checkpoint.unknownFields,
    unknownNodeFields: checkpoint.unknownNodeFields,
    notInCheckpoint: NOT_IN_CHECKPOINT,
    warnings: findWarnings(checkpoint, { started, updated, finished }),
  };
}

/** A node's status as text: strings as written, anything else as JSON. */
export function statusText(node: NodeState): string {
  return plainText(node.status);
}

function mention(node: NodeState): NodeMention {
  const attempts = numberOf(node.attempts);
  return { node: node.key, status: statusText(node), attempts: attempts ?? null, error: node.error };
}

function countStatuses(state: RunState): [string, number][] {
  const counts = new Map<string, number>();
  for (const node of state.nodeStates.values()) {
    const status = statusText(node);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const rank = (s: string): number => {
    const i = STATUS_ORDER.indexOf(s);
    return i === -1 ? STATUS_ORDER.length : i;
  };
  return [...counts].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function repeats(order: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const node of order) counts.set(node, (counts.get(node) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

function resumePoint(state: RunState): ResumePoint {
  const nodes = [...state.nodeStates.values()];
  const node = plainText(state.currentNode);
  const entry = state.nodeStates.get(node);
  const current = entry === undefined ? null : mention(entry);
  const running = nodes.filter((n) => statusText(n) === "running").map(mention);
  const failed = nodes.filter((n) => statusText(n) === "failed").map(mention);
  const moreThanOneAttempt = nodes.filter((n) => (numberOf(n.attempts) ?? 0) > 1).map(mention);
  return {
    summary: summarize(state, node, current, running),
    step: state.currentStep,
    node,
    current,
    running,
    failed,
    moreThanOneAttempt,
  };
}

function summarize(state: RunState, node: string, current: NodeMention | null, running: NodeMention[]): string {
  const at = node === ""
    ? `step ${plainText(state.currentStep)}`
    : `step ${plainText(state.currentStep)}, node "${node}"`;
  const attempt = current?.attempts ? ` (attempt ${current.attempts})` : "";
  switch (state.status) {
    case "completed":
      return `The run completed at ${at}: nothing left to resume.`;
    case "cancelled":
      return `The run was cancelled at ${at}.`;
    case "failed":
      return current?.status === "failed"
        ? `The run failed at ${at}${attempt}; a resume would start that node again.`
        : `The run failed at ${at}.`;
    case "paused":
      return `The run is paused at ${at}${current ? ` (node status ${current.status})` : ""}; it resumes there.`;
    case "pending":
      return node === "" ? "The run has not started." : `The run is pending at ${at}.`;
    case "running": {
      if (running.length === 0) return `The run was running at ${at} when this checkpoint was written.`;
      const names = running.map((n) => `"${n.node}"`).join(", ");
      const tries = running.length === 1 && running[0]?.attempts ? ` (attempt ${running[0].attempts})` : "";
      return `The run was running at ${at}; ${names} ${running.length === 1 ? "was" : "were"} left running${tries}: ` +
        `interrupted work if the process is gone, and a resume runs ${running.length === 1 ? "it" : "them"} again.`;
    }
  }
}
