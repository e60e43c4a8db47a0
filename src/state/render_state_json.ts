import type { JsonObject, JsonValue } from "../json/value.ts";
import { formatIsoTime } from "../render/time.ts";
import type { TimeValue } from "../types.ts";
import type { Derived, NodeMention } from "./derive.ts";
import { stampIso } from "./epoch.ts";
import type { LogJoin } from "./log_join.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { toDict } from "./run_state.ts";

/**
 * The `-o json` document of one checkpoint: exactly `RunState.from_dict(d).to_dict()`
 * (same keys, same order, same values), plus one key, `derived`, with what exechist computed.
 */
export function stateDocument(checkpoint: Checkpoint, derived: Derived, log?: LogJoin): JsonObject {
  const doc = toDict(checkpoint.state);
  doc.set("derived", derivedJson(derived, log));
  return doc;
}

/** The `derived` object: resume point, counts, warnings, unknown fields (and the log join). */
export function derivedJson(d: Derived, log?: LogJoin): JsonObject {
  const r = d.resume;
  const out = obj([
    ["file", d.file],
    ["started_at", stampIso(d.started)],
    ["updated_at", stampIso(d.updated)],
    ["finished_at", stampIso(d.finished)],
    ["elapsed_seconds", d.elapsed],
    ["elapsed_until", d.elapsedUntil],
    ["node_counts", obj(d.nodeCounts)],
    ["completed_nodes", obj([["count", d.completedOrder.length], ["repeated", obj(d.completedRepeats)]])],
    [
      "resume",
      obj([
        ["summary", r.summary],
        ["step", r.step],
        ["node", r.node],
        ["current", r.current === null ? null : mention(r.current)],
        ["running", r.running.map(mention)],
        ["failed", r.failed.map(mention)],
        ["more_than_one_attempt", r.moreThanOneAttempt.map(mention)],
      ]),
    ],
    [
      "tool_results_cache",
      d.cache === null ? null : obj([
        ["count", d.cache.length],
        ["entries", d.cache.map((e) => obj([["key", e.key], ["bytes", e.bytes]]))],
      ]),
    ],
    [
      "action_history",
      obj([
        ["in_file", d.historyInFile],
        ["kept", d.history === null ? null : d.history.length],
        ["possibly_truncated", d.historyPossiblyTruncated],
      ]),
    ],
    ["data_keys", d.dataKeys],
    ["metadata_keys", d.metadataKeys],
    ["unknown_fields", d.unknownFields],
    ["unknown_node_fields", obj([...d.unknownNodeFields])],
    ["not_in_checkpoint", d.notInCheckpoint],
    ["warnings", [...d.warnings.map((w) => w.text), ...(log?.warnings ?? [])]],
  ]);
  if (log !== undefined) out.set("log", logJson(log));
  return out;
}

/** The log join as JSON: per node, the newest execution's timings and what the checkpoint lacks. */
export function logJson(log: LogJoin): JsonObject {
  return obj([
    ["file", log.file],
    ["run_id", log.runId],
    ["records", log.records],
    [
      "nodes",
      obj(log.nodes.map((n): [string, JsonValue] => [
        n.node,
        obj([
          ["executions", n.executions],
          ["start", time(n.start)],
          ["end", time(n.end)],
          ["duration", n.duration],
          ["total_duration", n.totalDuration],
          ["status", n.status],
          ["source", n.source],
          ...(n.result === undefined ? [] : [["result", n.result] as [string, JsonValue]]),
          ...(n.exception === undefined ? [] : [["exception", n.exception] as [string, JsonValue]]),
          ["traceback", n.traceback],
        ]),
      ])),
    ],
    ["unmatched", obj(log.unmatched)],
  ]);
}

function mention(n: NodeMention): JsonObject {
  return obj([["node", n.node], ["status", n.status], ["attempts", n.attempts], ["error", n.error]]);
}

function time(t: TimeValue | null): string | null {
  return t === null ? null : formatIsoTime(t, null);
}

function obj(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  return new Map(entries);
}
