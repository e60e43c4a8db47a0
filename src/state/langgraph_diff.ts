import type { JsonObject, JsonValue } from "../json/value.ts";
import { type Change, keyChanges, type NodeChange, type StateDiff } from "./diff.ts";
import { diffJson } from "./render_diff.ts";
import type { GraphNode, GraphView } from "./langgraph_view.ts";
import { plainText, sameJson } from "./value_kind.ts";

/** What the text view of a LangGraph diff calls things. */
const LABELS = { subject: "thread", data: "Channel values", completed: "Nodes completed between them" };

/**
 * What changed from LangGraph checkpoint `a` to `b`, as a {@link StateDiff} (rendered by the
 * RunState diff's views): the checkpoint's fields, each node's status, error and writes, the
 * nodes completed in between, and the channel values and metadata keys added, removed or changed.
 */
export function diffGraphs(a: GraphView, b: GraphView, from: string, to: string): StateDiff {
  const x = a.checkpoint;
  const y = b.checkpoint;
  const fields: Change[] = [];
  const field = (name: string, p: JsonValue | undefined, q: JsonValue | undefined): void => {
    if (!sameJson(p ?? null, q ?? null)) fields.push({ field: name, from: p ?? null, to: q ?? null });
  };
  field("thread_id", x.threadId, y.threadId);
  field("checkpoint_id", x.checkpointId, y.checkpointId);
  field("step", x.metadata?.get("step"), y.metadata?.get("step"));
  field("source", x.metadata?.get("source"), y.metadata?.get("source"));
  field("created", x.created, y.created);
  field("status", a.status, b.status);
  field("next", a.next, b.next);
  const warnings: string[] = [];
  if (!sameJson(x.threadId ?? null, y.threadId ?? null)) {
    warnings.push(
      `the checkpoints belong to different threads: "${plainText(x.threadId ?? null)}" and "${
        plainText(y.threadId ?? null)
      }"`,
    );
  }
  const stepA = x.metadata?.get("step");
  const stepB = y.metadata?.get("step");
  if (typeof stepA === "number" && typeof stepB === "number" && stepB < stepA) {
    warnings.push(`"${to}" is at an earlier step than "${from}": the changes read backwards`);
  }
  const completedBefore = new Set(a.nodes.filter((n) => n.status === "completed").map((n) => n.name));
  return {
    from,
    to,
    runId: sameJson(x.threadId ?? null, y.threadId ?? null) ? plainText(y.threadId ?? null) : null,
    fields,
    nodes: nodeChanges(a.nodes, b.nodes),
    completedAdded: b.nodes.filter((n) => n.status === "completed" && !completedBefore.has(n.name)).map((n) => n.name),
    completedRewritten: false,
    data: a.channels !== null && b.channels !== null ? keyChanges(a.channels, b.channels) : null,
    metadata: x.metadata !== undefined && y.metadata !== undefined ? keyChanges(x.metadata, y.metadata) : null,
    cache: null,
    historyAdded: [],
    historyGap: false,
    warnings,
    labels: LABELS,
  };
}

/** The `-o json` document of a LangGraph diff: the RunState diff's, with LangGraph's names and without its history. */
export function graphDiffJson(d: StateDiff): JsonObject {
  const all = diffJson(d);
  return new Map<string, JsonValue>([
    ["format", "langgraph"],
    ["from", all.get("from")!],
    ["to", all.get("to")!],
    ["thread_id", all.get("run_id")!],
    ["fields", all.get("fields")!],
    ["nodes", all.get("nodes")!],
    ["nodes_completed", all.get("completed_nodes_added")!],
    ["channel_values", all.get("data")!],
    ["metadata", all.get("metadata")!],
    ["warnings", all.get("warnings")!],
  ]);
}

function nodeChanges(p: readonly GraphNode[], q: readonly GraphNode[]): NodeChange[] {
  const out: NodeChange[] = [];
  const names = [...p.map((n) => n.name), ...q.map((n) => n.name).filter((n) => !p.some((m) => m.name === n))];
  for (const name of names) {
    const before = p.find((n) => n.name === name);
    const after = q.find((n) => n.name === name);
    if (after === undefined) out.push({ node: name, kind: "removed", changes: [] });
    else if (before === undefined) {
      out.push({ node: name, kind: "added", changes: nodeFields(null, after) });
    } else {
      const changes = nodeFields(before, after).filter((c) => !sameJson(c.from, c.to));
      if (changes.length > 0) out.push({ node: name, kind: "changed", changes });
    }
  }
  return out;
}

/** Status and error; writes only where both sides know them (a task of the step after, not a node that ran before). */
function nodeFields(p: GraphNode | null, q: GraphNode): Change[] {
  const changes: Change[] = [
    { field: "status", from: p?.status ?? null, to: q.status },
    { field: "error", from: p?.error ?? null, to: q.error },
  ];
  if (p === null && q.writes.length > 0) changes.push({ field: "writes", from: null, to: q.writes });
  if (p !== null && p.when === "next" && q.when === "next") {
    changes.push({ field: "writes", from: p.writes, to: q.writes });
  }
  return changes;
}
