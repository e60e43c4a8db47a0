import type { JsonObject, JsonValue } from "../json/value.ts";
import type { GraphCheckpoint, PendingWrite } from "./langgraph_checkpoint.ts";
import { uuid5 } from "./uuid5.ts";

/** A node the checkpoint's channels trigger in the next step, and the channel that does. */
export interface TriggeredNode {
  name: string;
  trigger: string;
  /** The id LangGraph gives the node's task (its pending writes carry it); null when it cannot be worked out. */
  taskId: string | null;
}

/** The channels a task writes that say how it ended rather than what it produced. */
export const SPECIAL_CHANNELS = new Set(["__error__", "__interrupt__", "__resume__", "__error_source_node__"]);

/** The task id of writes made outside any task (a `Command`'s resume value). */
export const NULL_TASK_ID = "00000000-0000-0000-0000-000000000000";

/** Channel names LangGraph keeps for itself: triggers, joins, the input, the queue of sends. */
export function isInternalChannel(name: string): boolean {
  return name.startsWith("__") || name.startsWith("branch:") || name.startsWith("join:") || name.startsWith("start:");
}

/**
 * The nodes a checkpoint's channels trigger in the step after it, as LangGraph's loop finds
 * them: a `branch:to:NODE` channel or `__start__` that holds a value, or a `join:A+B:NODE`
 * channel once every source has arrived, whose version is newer than the one the node has
 * seen (`versions_seen`).
 * Null when no channel is named so (an older LangGraph's names): then it cannot be told.
 */
export function triggeredNodes(c: GraphCheckpoint): TriggeredNode[] | null {
  if (c.channelVersions === undefined) return null;
  const seen = c.versionsSeen ?? new Map<string, JsonValue>();
  const out: TriggeredNode[] = [];
  let named = false;
  for (const [channel, version] of c.channelVersions) {
    const target = triggerTarget(channel, c.values);
    if (target === undefined) continue;
    named = true;
    if (target === null || out.some((n) => n.name === target)) continue;
    const nodeSeen = seen.get(target);
    const seenVersion = nodeSeen instanceof Map ? nodeSeen.get(channel) : undefined;
    if (newer(version, seenVersion)) out.push({ name: target, trigger: channel, taskId: taskIdOf(c, target, channel) });
  }
  if (!named) return null;
  const sends = c.values?.get("__pregel_tasks");
  if (Array.isArray(sends)) {
    for (const send of sends) {
      const node = send instanceof Map ? send.get("node") : undefined;
      if (typeof node === "string") out.push({ name: node, trigger: "__pregel_tasks", taskId: null });
    }
  }
  return out;
}

/** Pending writes grouped by task id, in file order. */
export function writesByTask(writes: readonly PendingWrite[]): Map<string, PendingWrite[]> {
  const out = new Map<string, PendingWrite[]>();
  for (const w of writes) {
    const list = out.get(w.taskId);
    if (list) list.push(w);
    else out.set(w.taskId, [w]);
  }
  return out;
}

/**
 * The node a task's writes name, when LangGraph's id is not the one worked out (a checkpoint
 * written by Python): a write to `join:A+B:NODE` holds the name of the node that wrote it.
 */
export function nodeNamedByWrites(writes: readonly PendingWrite[]): string | null {
  for (const w of writes) if (w.channel.startsWith("join:") && typeof w.value === "string") return w.value;
  return null;
}

/**
 * The node a trigger channel runs: a name, null for a trigger that holds no value or a join
 * whose sources have not all arrived, undefined for a channel that triggers no node by its name.
 */
function triggerTarget(channel: string, values: JsonObject | undefined): string | null | undefined {
  // A trigger is available only while it holds a value: once its node ran, it is gone from channel_values.
  if (channel === "__start__") return values?.has(channel) ? "__start__" : null;
  if (channel.startsWith("branch:to:")) return values?.has(channel) ? channel.slice("branch:to:".length) : null;
  if (!channel.startsWith("join:")) return undefined;
  const rest = channel.slice("join:".length);
  const colon = rest.lastIndexOf(":");
  if (colon < 0) return undefined;
  const arrived = values?.get(channel);
  const sources = rest.slice(0, colon).split("+");
  const all = Array.isArray(arrived) && sources.every((s) => arrived.includes(s));
  return all ? rest.slice(colon + 1) : null;
}

/** A channel version newer than the one seen: numbers (JavaScript) by value, strings (Python) by their text. */
function newer(version: JsonValue, seen: JsonValue | undefined): boolean {
  if (seen === undefined || seen === null) return version !== null;
  if (typeof version === "string" && typeof seen === "string") return version > seen;
  return Number(version) > Number(seen);
}

/**
 * The id @langchain/langgraph gives the task of node `name` triggered by `trigger` in the
 * step after the checkpoint: uuid5 of `[namespace, step, name, "__pregel_pull", [trigger]]`
 * as JSON, in the namespace of the checkpoint's id.
 */
function taskIdOf(c: GraphCheckpoint, name: string, trigger: string): string | null {
  const step = c.metadata?.get("step");
  const ns = typeof c.checkpointNs === "string" ? c.checkpointNs : "";
  if (typeof c.checkpointId !== "string" || typeof step !== "number") return null;
  const namespace = ns === "" ? name : `${ns}|${name}`;
  return uuid5(JSON.stringify([namespace, String(step + 1), name, "__pregel_pull", [trigger]]), c.checkpointId);
}
