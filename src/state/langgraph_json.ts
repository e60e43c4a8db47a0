import type { JsonObject, JsonValue } from "../json/value.ts";
import type { GraphCheckpoint } from "./langgraph_checkpoint.ts";
import type { GraphFile } from "./langgraph_history.ts";
import { type GraphNode, type GraphView, viewGraph } from "./langgraph_view.ts";

/**
 * The `-o json` document of one LangGraph checkpoint: what was read from which field
 * (thread, checkpoint, step), the nodes with their status, error and interrupts, where a
 * resume starts, the channel values and pending writes as written.
 */
export function graphDocument(v: GraphView): JsonObject {
  const c = v.checkpoint;
  return obj([
    ["format", "langgraph"],
    ["document", c.kind],
    ["file", c.file],
    ...identity(c),
    ["status", v.status],
    ["summary", v.summary],
    ["next", v.next],
    ["failed", v.failed.map((n) => n.name)],
    ["interrupted", v.interrupted.map((n) => n.name)],
    ["nodes", v.nodes.map(nodeJson)],
    ["channel_values", v.channels],
    ["internal_channels", v.internalChannels],
    [
      "pending_writes",
      c.kind === "snapshot"
        ? null
        : v.writes.map((w) =>
          obj([["task_id", w.taskId], ["node", w.node], ["channel", w.channel], ["value", w.value]])
        ),
    ],
    ["metadata", c.metadata ?? null],
    ["not_in_checkpoint", v.gaps],
  ]);
}

/** The history part of `-o json`: the file and each checkpoint in it, oldest first. */
export function graphHistoryJson(g: GraphFile): [string, JsonValue][] {
  return [
    ["path", g.file],
    [
      "checkpoints",
      g.checkpoints.map((c) => {
        const v = viewGraph(c);
        return obj([...identity(c), ["status", v.status], ["next", v.next]]);
      }),
    ],
  ];
}

function identity(c: GraphCheckpoint): [string, JsonValue][] {
  return [
    ["thread_id", c.threadId ?? null],
    ["checkpoint_ns", c.checkpointNs ?? null],
    ["checkpoint_id", c.checkpointId ?? null],
    ["parent_checkpoint_id", c.parentId ?? null],
    ["step", c.metadata?.get("step") ?? null],
    ["source", c.metadata?.get("source") ?? null],
    ["created_at", c.created ?? null],
    ["version", c.version ?? null],
  ];
}

function nodeJson(n: GraphNode): JsonObject {
  return obj([
    ["node", n.name],
    ["status", n.status],
    ["when", n.when],
    ["task_id", n.taskId],
    ["writes", n.writes],
    ["error", n.error],
    ["interrupts", n.interrupts],
  ]);
}

function obj(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  return new Map(entries);
}
