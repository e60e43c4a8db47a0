import type { JsonObject, JsonValue } from "../json/value.ts";

/** The six values of the seed's `RunStatus` enum: anything else is rejected by `from_dict`. */
export const RUN_STATUSES = ["pending", "running", "paused", "completed", "failed", "cancelled"] as const;

/** A run's status, as `RunStatus(value)` accepts it. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** True when `value` is one of {@link RUN_STATUSES}. */
export function isRunStatus(value: JsonValue | undefined): value is RunStatus {
  return typeof value === "string" && (RUN_STATUSES as readonly string[]).includes(value);
}

/**
 * One node as `RunState.from_dict` rebuilds it. `from_dict` checks no types, so every
 * field keeps the JSON value the file had (or its default); `to_dict` writes it back as is.
 * The file's `started_at`/`finished_at` of a node are never read: `to_dict` drops them.
 */
export interface NodeState {
  /** The key in `node_states`. */
  readonly key: string;
  /** `node_id`, falling back to the key. */
  readonly nodeId: JsonValue;
  readonly status: JsonValue;
  readonly inputData: JsonValue;
  readonly outputData: JsonValue;
  readonly attempts: JsonValue;
  /** `None` (null) unless the file has one. */
  readonly error: JsonValue;
  readonly idempotencyKey: JsonValue;
}

/** A run as `RunState.from_dict` rebuilds it: the file's values, defaults where keys are missing. */
export interface RunState {
  readonly runId: JsonValue;
  readonly sessionId: JsonValue;
  readonly status: RunStatus;
  readonly purpose: JsonValue;
  readonly currentNode: JsonValue;
  readonly currentStep: JsonValue;
  readonly maxSteps: JsonValue;
  readonly data: JsonValue;
  /** In file order; keys are unique. */
  readonly nodeStates: ReadonlyMap<string, NodeState>;
  readonly completedNodes: JsonValue;
  /** Every entry the file holds; `to_dict` keeps the last 50. */
  readonly actionHistory: JsonValue;
  readonly startedAt: JsonValue;
  readonly updatedAt: JsonValue;
  readonly finishedAt: JsonValue;
  readonly toolResultsCache: JsonValue;
  readonly heuristicCountAtCheckpoint: JsonValue;
  readonly experienceCountAtCheckpoint: JsonValue;
  readonly metadata: JsonValue;
  readonly version: JsonValue;
}

/** RunState keys that an execution log's record never has (a log has its own `status`, `started_at`, `run_id`, ...). */
export const CHECKPOINT_ONLY_KEYS: readonly string[] = [
  "node_states",
  "current_node",
  "current_step",
  "max_steps",
  "completed_nodes",
  "action_history",
  "tool_results_cache",
  "heuristic_count_at_checkpoint",
  "experience_count_at_checkpoint",
  "updated_at",
  "purpose",
];

/** How many `action_history` entries `to_dict` keeps. */
export const HISTORY_KEPT = 50;

/** Python's `value[-50:]` for a list or a string (code points); other values are kept as they are. */
export function lastFifty(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.slice(-HISTORY_KEPT);
  if (typeof value === "string") return Array.from(value).slice(-HISTORY_KEPT).join("");
  return value;
}

/** `RunState.to_dict()`: the keys in the order it writes them, with the values it writes. */
export function toDict(state: RunState): JsonObject {
  const nodes: JsonObject = new Map();
  for (const [key, node] of state.nodeStates) {
    nodes.set(
      key,
      new Map<string, JsonValue>([
        ["node_id", node.nodeId],
        ["status", node.status],
        ["input_data", node.inputData],
        ["output_data", node.outputData],
        ["attempts", node.attempts],
        ["error", node.error],
        ["idempotency_key", node.idempotencyKey],
      ]),
    );
  }
  return new Map<string, JsonValue>([
    ["run_id", state.runId],
    ["session_id", state.sessionId],
    ["status", state.status],
    ["purpose", state.purpose],
    ["current_node", state.currentNode],
    ["current_step", state.currentStep],
    ["max_steps", state.maxSteps],
    ["data", state.data],
    ["node_states", nodes],
    ["completed_nodes", state.completedNodes],
    ["action_history", lastFifty(state.actionHistory)],
    ["started_at", state.startedAt],
    ["updated_at", state.updatedAt],
    ["finished_at", state.finishedAt],
    ["tool_results_cache", state.toolResultsCache],
    ["heuristic_count_at_checkpoint", state.heuristicCountAtCheckpoint],
    ["experience_count_at_checkpoint", state.experienceCountAtCheckpoint],
    ["metadata", state.metadata],
    ["version", state.version],
  ]);
}
