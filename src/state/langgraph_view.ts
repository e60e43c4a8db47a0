import type { JsonObject, JsonValue } from "../json/value.ts";
import type { GraphCheckpoint, PendingWrite } from "./langgraph_checkpoint.ts";
import {
  isInternalChannel,
  nodeNamedByWrites,
  NULL_TASK_ID,
  SPECIAL_CHANNELS,
  triggeredNodes,
  writesByTask,
} from "./langgraph_tasks.ts";
import { plainText } from "./value_kind.ts";

/** What became of a node: ran (and its writes are in), failed, stopped by `interrupt()`, or to run next. */
export type GraphNodeStatus = "completed" | "failed" | "interrupted" | "next";

/** Where a thread stands: a node failed, one is interrupted, nodes are left to run, none are, or it cannot be told. */
export type GraphStatus = "failed" | "interrupted" | "pending" | "completed" | "unknown";

/** One node of the graph, as far as the checkpoint shows it. */
export interface GraphNode {
  name: string;
  status: GraphNodeStatus;
  /** "earlier": it ran at or before the checkpoint's step (versions_seen, metadata.writes); "next": a task of the step after. */
  when: "earlier" | "next";
  taskId: string | null;
  /** Channels its task wrote (pending writes, or a snapshot task's result keys), the special ones left out. */
  writes: string[];
  /** `Name: message` of its error, or the error as written. */
  error: string | null;
  interrupts: JsonValue[];
}

/** A pending write with the node that made it, when known. */
export interface NamedWrite extends PendingWrite {
  node: string | null;
}

/** What `state` shows of a LangGraph checkpoint. */
export interface GraphView {
  checkpoint: GraphCheckpoint;
  status: GraphStatus;
  nodes: GraphNode[];
  /** The nodes a resume runs: a snapshot's `next`, else the triggered nodes without a finished task; null when unknown. */
  next: string[] | null;
  failed: GraphNode[];
  interrupted: GraphNode[];
  /** Channel values but LangGraph's own channels (`branch:to:…`, `join:…`, `__…`). */
  channels: JsonObject | null;
  internalChannels: string[];
  writes: NamedWrite[];
  summary: string;
  /** What this document does not tell. */
  gaps: string[];
}

/** Works out the nodes, the failed and interrupted ones, where a resume starts, and what is kept. */
export function viewGraph(c: GraphCheckpoint): GraphView {
  const { nodes, writes, next, gaps } = c.kind === "snapshot" ? snapshotNodes(c) : tupleNodes(c);
  const failed = nodes.filter((n) => n.status === "failed");
  const interrupted = nodes.filter((n) => n.status === "interrupted");
  // Tasks of the next step that finished: their writes are still to be applied, so the thread goes on.
  const written = nodes.some((n) => n.when === "next" && n.status === "completed");
  const status: GraphStatus = failed.length > 0
    ? "failed"
    : interrupted.length > 0
    ? "interrupted"
    : next === null
    ? "unknown"
    : next.length > 0 || written
    ? "pending"
    : "completed";
  const values = c.values;
  const channels = values === undefined ? null : new Map([...values].filter(([k]) => !isInternalChannel(k)));
  const internalChannels = values === undefined ? [] : [...values.keys()].filter(isInternalChannel);
  const view = { checkpoint: c, status, nodes, next, failed, interrupted, channels, internalChannels, writes, gaps };
  return { ...view, summary: summarise(view) };
}

function tupleNodes(c: GraphCheckpoint): Pick<GraphView, "nodes" | "writes" | "next" | "gaps"> {
  const gaps: string[] = [];
  const nodes: GraphNode[] = [];
  for (const name of c.versionsSeen?.keys() ?? []) {
    if (!name.startsWith("__")) nodes.push(node(name, "completed", "earlier", null, []));
  }
  const triggered = triggeredNodes(c);
  const byTask = writesByTask(c.pendingWrites ?? []);
  const owner = new Map<string, string>();
  for (const t of triggered ?? []) if (t.taskId !== null) owner.set(t.taskId, t.name);
  for (const [taskId, list] of byTask) {
    const named = owner.has(taskId) || taskId === NULL_TASK_ID ? null : nodeNamedByWrites(list);
    if (named !== null) owner.set(taskId, named);
  }
  const next: string[] = [];
  for (const t of triggered ?? []) {
    const taskId = [...owner].find(([, name]) => name === t.name)?.[0] ?? t.taskId;
    const own = taskId === null ? [] : byTask.get(taskId) ?? [];
    const entry = node(t.name, statusOf(own), "next", taskId, own);
    const at = nodes.findIndex((n) => n.name === t.name);
    if (at >= 0) nodes.splice(at, 1);
    nodes.push(entry);
    if (entry.status !== "completed") next.push(t.name);
  }
  // Writes of a task no node was matched to: shown as the task itself, so an error is never lost.
  let unmatched = 0;
  for (const [taskId, list] of byTask) {
    if (taskId === NULL_TASK_ID || owner.has(taskId)) continue;
    nodes.push(node(`task ${taskId}`, statusOf(list), "next", taskId, list));
    unmatched++;
  }
  if (unmatched > 0) {
    gaps.push(
      `which node ran ${
        unmatched === 1 ? "task" : `${unmatched} tasks`
      } of the pending writes: the task ids are not the ones @langchain/langgraph gives (a checkpoint written by Python's LangGraph?); the state snapshot (getState) names them`,
    );
  }
  if (triggered === null) {
    gaps.push(
      "which nodes run next: the channels are not named branch:to:NODE or join:…:NODE (an older LangGraph); the state snapshot (getState) has next",
    );
  }
  if (c.pendingWrites === undefined) gaps.push("the pending writes of the next step: the document has none");
  if (c.versionsSeen === undefined) gaps.push("which nodes ran before: the checkpoint has no versions_seen");
  gaps.push("when each node ran and for how long: a checkpoint keeps channel versions, not times");
  const writes = (c.pendingWrites ?? []).map((w) => ({ ...w, node: owner.get(w.taskId) ?? null }));
  // A task no node was matched to may be any of the triggered nodes: which of them are left to run is not known.
  return { nodes, writes, next: triggered === null || unmatched > 0 ? null : next, gaps };
}

function snapshotNodes(c: GraphCheckpoint): Pick<GraphView, "nodes" | "writes" | "next" | "gaps"> {
  const nodes: GraphNode[] = [];
  const earlier = c.metadata?.get("writes");
  if (earlier instanceof Map) {
    for (const name of earlier.keys()) nodes.push(node(name, "completed", "earlier", null, []));
  }
  for (const t of c.tasks ?? []) {
    const status: GraphNodeStatus = t.result !== undefined
      ? "completed"
      : t.error !== undefined
      ? "failed"
      : t.interrupts.length > 0
      ? "interrupted"
      : "next";
    const written = t.result instanceof Map ? [...t.result.keys()] : [];
    const entry: GraphNode = {
      name: t.name,
      status,
      when: "next",
      taskId: t.id === "" ? null : t.id,
      writes: written,
      error: t.error === undefined ? null : errorText(t.error),
      interrupts: t.interrupts,
    };
    const at = nodes.findIndex((n) => n.name === t.name);
    if (at >= 0) nodes.splice(at, 1);
    nodes.push(entry);
  }
  const gaps = earlier instanceof Map ? [] : [
    "which nodes ran before this step: a state snapshot does not keep it (the checkpoint tuple's versions_seen does)",
  ];
  gaps.push("when each node ran and for how long: a checkpoint keeps channel versions, not times");
  return { nodes, writes: [], next: c.next ?? null, gaps };
}

function node(
  name: string,
  status: GraphNodeStatus,
  when: GraphNode["when"],
  taskId: string | null,
  own: readonly PendingWrite[],
): GraphNode {
  const error = own.find((w) => w.channel === "__error__");
  const interrupts = own.filter((w) => w.channel === "__interrupt__").flatMap((w) =>
    Array.isArray(w.value) ? w.value : [w.value]
  );
  return {
    name,
    status,
    when,
    taskId,
    writes: [...new Set(own.map((w) => w.channel).filter((ch) => !SPECIAL_CHANNELS.has(ch)))],
    error: error === undefined ? null : errorText(error.value),
    interrupts,
  };
}

/** A task's status from its writes: a write of its own means it finished; else its error, its interrupt, or not run. */
function statusOf(own: readonly PendingWrite[]): GraphNodeStatus {
  if (own.some((w) => !SPECIAL_CHANNELS.has(w.channel))) return "completed";
  if (own.some((w) => w.channel === "__error__")) return "failed";
  if (own.some((w) => w.channel === "__interrupt__")) return "interrupted";
  return "next";
}

/** `Error: message` from `{message, name}` (JavaScript), or the error as written (Python's text). */
export function errorText(value: JsonValue): string {
  if (value instanceof Map) {
    const message = value.get("message");
    const name = value.get("name");
    if (typeof message === "string") return typeof name === "string" && name !== "" ? `${name}: ${message}` : message;
  }
  return plainText(value);
}

function summarise(v: Omit<GraphView, "summary">): string {
  const step = v.checkpoint.metadata?.get("step");
  const after = step === undefined ? "" : ` after step ${plainText(step)}`;
  const names = (list: readonly string[]): string => list.map((n) => `"${n}"`).join(", ");
  const finished = v.nodes.filter((n) => n.when === "next" && n.status === "completed" && !v.next?.includes(n.name))
    .map((n) => n.name);
  const kept = finished.length === 0
    ? ""
    : ` ${names(finished)} finished in that step and ${
      finished.length === 1 ? "its writes are" : "their writes are"
    } kept, so a resume does not run ${finished.length === 1 ? "it" : "them"} again.`;
  const again = v.next === null || v.next.length === 0 ? "" : `; a resume runs ${names(v.next)}`;
  switch (v.status) {
    case "failed": {
      const what = v.failed.map((n) => `"${n.name}" failed (${n.error ?? "no error recorded"})`).join(", ");
      return `The thread stopped${after}: ${what}${again}.${kept}`;
    }
    case "interrupted":
      return `The thread is waiting${after}: ${names(v.interrupted.map((n) => n.name))} called interrupt()` +
        `${again}, with the value a Command's resume gives.${kept}`;
    case "pending":
      if (v.next !== null && v.next.length > 0) return `The thread runs next${after}: ${names(v.next)}.${kept}`;
      return `${typeof step === "number" ? `Step ${step + 1}` : "The next step"} ran: ${names(finished)} finished and ${
        finished.length === 1 ? "its writes are" : "their writes are"
      } kept; a resume applies them and goes on with the nodes they trigger.`;
    case "completed":
      return `The thread finished${step === undefined ? "" : ` at step ${plainText(step)}`}: no node is left to run.`;
    default:
      return `Which nodes run next${after} cannot be told from this checkpoint.${kept}`;
  }
}
