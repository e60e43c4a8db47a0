import type { JsonObject, JsonValue } from "../json/value.ts";
import type { GraphDocumentKind } from "./document_kind.ts";
import { CheckpointError } from "./read_checkpoint.ts";
import { kindOf } from "./value_kind.ts";

/** One pending write `[task_id, channel, value]`: what a task of the next step wrote before the checkpoint was saved. */
export interface PendingWrite {
  taskId: string;
  channel: string;
  value: JsonValue;
}

/** A task of a state snapshot (`tasks[]`): the node it runs, and its error, interrupts and result when it has them. */
export interface SnapshotTask {
  id: string;
  name: string;
  error: JsonValue | undefined;
  interrupts: JsonValue[];
  result: JsonValue | undefined;
}

/** A LangGraph checkpoint read from a file, whichever document held it; a field the document lacks is undefined. */
export interface GraphCheckpoint {
  file: string;
  kind: GraphDocumentKind;
  threadId: JsonValue | undefined;
  checkpointNs: JsonValue | undefined;
  checkpointId: JsonValue | undefined;
  parentId: JsonValue | undefined;
  /** `checkpoint.v`, the checkpoint format's version. */
  version: JsonValue | undefined;
  /** `checkpoint.ts`, or a snapshot's `createdAt`. */
  created: JsonValue | undefined;
  metadata: JsonObject | undefined;
  /** `checkpoint.channel_values`, or a snapshot's `values`. */
  values: JsonObject | undefined;
  channelVersions: JsonObject | undefined;
  versionsSeen: JsonObject | undefined;
  pendingWrites: PendingWrite[] | undefined;
  tasks: SnapshotTask[] | undefined;
  next: string[] | undefined;
}

/**
 * Reads a LangGraph document: a checkpoint tuple (`getTuple`, `list`), a bare checkpoint,
 * or a state snapshot (`getState`, `getStateHistory`), in JavaScript's camelCase or Python's
 * snake_case keys. Throws a {@link CheckpointError} for a field of the wrong kind.
 */
export function readGraphCheckpoint(d: JsonObject, kind: GraphDocumentKind, file: string, where = ""): GraphCheckpoint {
  const fail = (reason: string): never => {
    throw new CheckpointError(file, `${where}${reason}`);
  };
  const object = (parent: JsonObject | undefined, key: string, path: string): JsonObject | undefined => {
    const value = parent?.get(key);
    if (value === undefined || value === null) return undefined;
    if (!(value instanceof Map)) fail(`${path} is ${kindOf(value)}, not an object`);
    return value as JsonObject;
  };
  const config = object(d, "config", "config");
  const configurable = object(config, "configurable", "config.configurable");
  const parentKey = d.has("parentConfig") ? "parentConfig" : "parent_config";
  const parent = object(object(d, parentKey, parentKey), "configurable", `${parentKey}.configurable`);
  const checkpoint = kind === "tuple" ? object(d, "checkpoint", "checkpoint") : kind === "checkpoint" ? d : undefined;
  const at = kind === "tuple" ? "checkpoint." : "";
  const metadata = object(d, "metadata", "metadata");
  // The LangGraph server's thread state names its checkpoint `checkpoint{thread_id, checkpoint_id}`.
  const server = kind === "snapshot" ? object(d, "checkpoint", "checkpoint") : undefined;
  const parentServer = kind === "snapshot" ? object(d, "parent_checkpoint", "parent_checkpoint") : undefined;
  const out: GraphCheckpoint = {
    file,
    kind,
    threadId: configurable?.get("thread_id") ?? server?.get("thread_id") ?? metadata?.get("thread_id"),
    checkpointNs: configurable?.get("checkpoint_ns") ?? server?.get("checkpoint_ns"),
    checkpointId: checkpoint?.get("id") ?? configurable?.get("checkpoint_id") ?? server?.get("checkpoint_id"),
    parentId: parent?.get("checkpoint_id") ?? parentServer?.get("checkpoint_id"),
    version: checkpoint?.get("v"),
    created: checkpoint?.get("ts") ?? d.get("createdAt") ?? d.get("created_at"),
    metadata,
    values: kind === "snapshot"
      ? object(d, "values", "values")
      : object(checkpoint, "channel_values", `${at}channel_values`),
    channelVersions: object(checkpoint, "channel_versions", `${at}channel_versions`),
    versionsSeen: object(checkpoint, "versions_seen", `${at}versions_seen`),
    pendingWrites: undefined,
    tasks: undefined,
    next: undefined,
  };
  const writesKey = d.has("pendingWrites") ? "pendingWrites" : "pending_writes";
  const writes = d.get(writesKey);
  if (writes !== undefined && writes !== null) {
    if (!Array.isArray(writes)) fail(`${writesKey} is ${kindOf(writes)}, not an array`);
    out.pendingWrites = (writes as JsonValue[]).map((w, i) => {
      if (!Array.isArray(w) || w.length !== 3 || typeof w[0] !== "string" || typeof w[1] !== "string") {
        return fail(`${writesKey}[${i}] is not [task_id, channel, value]`);
      }
      return { taskId: w[0], channel: w[1], value: w[2]! };
    });
  }
  if (kind === "snapshot") {
    const next = d.get("next") as JsonValue[];
    out.next = next.map((n, i) => typeof n === "string" ? n : fail(`next[${i}] is ${kindOf(n)}, not a string`));
    const tasks = d.get("tasks") ?? [];
    if (!Array.isArray(tasks)) fail(`tasks is ${kindOf(tasks)}, not an array`);
    out.tasks = (tasks as JsonValue[]).map((t, i) => readTask(t, `tasks[${i}]`, fail));
  }
  return out;
}

function readTask(t: JsonValue, path: string, fail: (reason: string) => never): SnapshotTask {
  if (!(t instanceof Map)) return fail(`${path} is ${kindOf(t)}, not an object`);
  const name = t.get("name");
  if (typeof name !== "string") return fail(`${path}.name is ${kindOf(name)}, not a string`);
  const interrupts = t.get("interrupts") ?? [];
  if (!Array.isArray(interrupts)) return fail(`${path}.interrupts is ${kindOf(interrupts)}, not an array`);
  const id = t.get("id");
  const error = t.get("error");
  return {
    id: typeof id === "string" ? id : "",
    name,
    error: error === null ? undefined : error,
    interrupts,
    result: t.get("result"),
  };
}
