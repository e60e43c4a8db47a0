import type { JsonValue } from "../json/value.ts";
import { numberOf } from "../json/value.ts";
import type { Stamp } from "./epoch.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { HISTORY_KEPT, type RunState } from "./run_state.ts";
import { isJsonInteger, kindOf, plainText, quoted } from "./value_kind.ts";

type Expect = "string" | "integer" | "number" | "object" | "list";

const RUN_TYPES: [keyof RunState, string, Expect][] = [
  ["runId", "run_id", "string"],
  ["sessionId", "session_id", "string"],
  ["purpose", "purpose", "string"],
  ["currentNode", "current_node", "string"],
  ["currentStep", "current_step", "integer"],
  ["maxSteps", "max_steps", "integer"],
  ["data", "data", "object"],
  ["completedNodes", "completed_nodes", "list"],
  ["startedAt", "started_at", "number"],
  ["updatedAt", "updated_at", "number"],
  ["finishedAt", "finished_at", "number"],
  ["toolResultsCache", "tool_results_cache", "object"],
  ["heuristicCountAtCheckpoint", "heuristic_count_at_checkpoint", "integer"],
  ["experienceCountAtCheckpoint", "experience_count_at_checkpoint", "integer"],
  ["metadata", "metadata", "object"],
  ["version", "version", "integer"],
];

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** A warning, with what it is about: the text view shows unknown fields in their own section. */
export interface Warning {
  kind: "history" | "type" | "consistency" | "unknown";
  text: string;
}

/** What looks wrong in a checkpoint that `from_dict` still accepts. */
export function findWarnings(
  checkpoint: Checkpoint,
  times: { started: Stamp; updated: Stamp; finished: Stamp },
): Warning[] {
  const state = checkpoint.state;
  const out: Warning[] = [];
  const type = (text: string): number => out.push({ kind: "type", text });
  const odd = (text: string): number => out.push({ kind: "consistency", text });
  for (const text of historyWarnings(state.actionHistory)) out.push({ kind: "history", text });
  for (const [field, name, expect] of RUN_TYPES) {
    const problem = typeProblem(state[field] as JsonValue, expect);
    if (problem) type(`${name} ${problem}`);
  }
  for (const node of state.nodeStates.values()) {
    const at = `node_states[${quoted(node.key)}]`;
    const checks: [string, JsonValue, Expect | "error"][] = [
      ["status", node.status, "string"],
      ["attempts", node.attempts, "integer"],
      ["error", node.error, "error"],
      ["input_data", node.inputData, "object"],
      ["output_data", node.outputData, "object"],
    ];
    for (const [name, value, expect] of checks) {
      const problem = expect === "error"
        ? (value === null || typeof value === "string"
          ? null
          : `is ${kindOf(value)} (${quoted(value)}), not a string or null`)
        : typeProblem(value, expect);
      if (problem) type(`${at}.${name} ${problem}`);
    }
  }
  const node = plainText(state.currentNode);
  if (node !== "" && !state.nodeStates.has(node)) odd(`current_node "${node}" has no entry in node_states`);
  const step = numberOf(state.currentStep);
  const max = numberOf(state.maxSteps);
  if (step !== undefined && max !== undefined && step > max) odd(`current_step ${step} is past max_steps ${max}`);
  if (Array.isArray(state.completedNodes)) {
    const missing = [...new Set(state.completedNodes.map(plainText))].filter((n) => !state.nodeStates.has(n));
    if (missing.length > 0) {
      odd(`completed_nodes names ${missing.map((n) => `"${n}"`).join(", ")}, with no entry in node_states`);
    }
  }
  statusWarnings(state, times.finished).forEach(odd);
  if (
    times.started.kind === "instant" && times.updated.kind === "instant" &&
    times.updated.seconds < times.started.seconds
  ) {
    odd("updated_at is earlier than started_at");
  }
  if (checkpoint.unknownFields.size > 0) {
    const text = `unknown fields: ${
      [...checkpoint.unknownFields.keys()].join(", ")
    } (from_dict ignores them and to_dict drops them)`;
    out.push({ kind: "unknown", text });
  }
  const nodeFields: string[] = [];
  for (const [key, fields] of checkpoint.unknownNodeFields) {
    for (const name of fields.keys()) nodeFields.push(`${key}.${name}`);
  }
  if (nodeFields.length > 0) {
    out.push({
      kind: "unknown",
      text: `unknown node fields: ${nodeFields.join(", ")} (from_dict ignores them and to_dict drops them)`,
    });
  }
  return out;
}

function historyWarnings(history: JsonValue): string[] {
  if (Array.isArray(history)) {
    if (history.length > HISTORY_KEPT) {
      return [`action_history holds ${history.length} entries; to_dict() keeps only the last ${HISTORY_KEPT}`];
    }
    if (history.length === HISTORY_KEPT) {
      return [
        `action_history has exactly ${HISTORY_KEPT} entries, the most to_dict() keeps: older entries may have been dropped`,
      ];
    }
    return [];
  }
  if (typeof history === "string") {
    return ["action_history is a string, not a list: to_dict() keeps its last 50 characters"];
  }
  return [`action_history is ${kindOf(history)}, not a list: to_dict() raises TypeError on it`];
}

function statusWarnings(state: RunState, finished: Stamp): string[] {
  const out: string[] = [];
  const terminal = TERMINAL.has(state.status);
  if (terminal && finished.kind === "unset") out.push(`status is ${state.status} but finished_at is not set`);
  if (!terminal && finished.kind !== "unset") out.push(`finished_at is set but status is ${state.status}`);
  for (const n of state.nodeStates.values()) {
    if (n.status === "completed" && n.error !== null && n.error !== "") {
      out.push(
        `node "${n.key}" is completed but keeps the error of an earlier attempt (mark_node_completed does not clear it)`,
      );
    }
  }
  if (state.status === "completed") {
    const open = [...state.nodeStates.values()].filter((n) => n.status === "running" || n.status === "failed");
    for (const n of open) out.push(`status is completed but node "${n.key}" is ${plainText(n.status)}`);
  }
  return out;
}

function typeProblem(value: JsonValue, expect: Expect): string | null {
  const ok = expect === "string"
    ? typeof value === "string"
    : expect === "integer"
    ? isJsonInteger(value)
    : expect === "number"
    ? numberOf(value) !== undefined
    : expect === "object"
    ? value instanceof Map
    : Array.isArray(value);
  if (ok) return null;
  const shown = value === null || value instanceof Map || Array.isArray(value) ? "" : ` (${quoted(value)})`;
  const article = expect === "integer" || expect === "object" ? "an" : "a";
  return `is ${kindOf(value)}${shown}, not ${article} ${expect}`;
}
