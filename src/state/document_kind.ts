import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import { CHECKPOINT_ONLY_KEYS } from "./run_state.ts";
import { quoted } from "./value_kind.ts";

/** Keys an execution log's record names its action by (the log reader's aliases of `name`). */
const LOG_NAME_KEYS = ["name", "action", "action_name"];

/** Keys that make an object a LangGraph checkpoint (`checkpoint{v,id,ts,channel_values}`), or a tuple holding one. */
const LANGGRAPH_KEYS = ["v", "id", "ts", "channel_values"];

/** Which of LangGraph's documents a file holds: a checkpointer's tuple, a bare checkpoint, or a graph's state snapshot. */
export type GraphDocumentKind = "tuple" | "checkpoint" | "snapshot";

/** Keys named in a refusal, at most. */
const KEYS_NAMED = 5;

/** An execution log's record: an action's name, and no key that only a checkpoint has. */
export function looksLikeLogRecord(value: JsonValue): boolean {
  return value instanceof Map && LOG_NAME_KEYS.some((key) => value.has(key)) &&
    !CHECKPOINT_ONLY_KEYS.some((key) => value.has(key));
}

/**
 * Which LangGraph document a value is, by its shape, or null: a tuple (`checkpoint` holding
 * `channel_values`), a bare checkpoint (`channel_values`, or `v`, `id`, `ts` and
 * `channel_values`), a state snapshot (`values`, a `next` list, and `tasks` or `config`).
 */
export function graphDocumentKind(value: JsonValue): GraphDocumentKind | null {
  if (!(value instanceof Map)) return null;
  const inner = value.get("checkpoint");
  if (inner instanceof Map && inner.has("channel_values")) return "tuple";
  if (value.has("channel_values") || LANGGRAPH_KEYS.every((key) => value.has(key))) return "checkpoint";
  if (value.has("values") && Array.isArray(value.get("next")) && (value.has("tasks") || value.has("config"))) {
    return "snapshot";
  }
  return null;
}

/**
 * Why an object given as a checkpoint is not a RunState checkpoint, or null when it is
 * one: an execution log's record, a LangGraph checkpoint (read by `state` only when given
 * alone), or an object none of whose keys RunState knows (`runKeys`). `{}` is a checkpoint:
 * `from_dict` gives it every default.
 */
export function notACheckpoint(d: JsonObject, file: string, runKeys: ReadonlySet<string>): string | null {
  if (looksLikeLogRecord(d)) return logReason(file);
  if (graphDocumentKind(d) !== null) {
    return `this looks like a LangGraph checkpoint: exechist state reads one given alone, not in a directory of RunState checkpoints (try: exechist state ${file})`;
  }
  const keys = [...d.keys()];
  if (keys.length === 0 || keys.some((key) => runKeys.has(key))) return null;
  const named = keys.slice(0, KEYS_NAMED).map((key) => quoted(key)).join(", ");
  const more = keys.length > KEYS_NAMED ? `, and ${keys.length - KEYS_NAMED} more` : "";
  return `none of its keys (${named}${more}) is a RunState key (run_id, status, node_states, ...), ` +
    "nor has it a LangGraph checkpoint's (checkpoint, channel_values, or values and next): " +
    "this is neither a RunState nor a LangGraph checkpoint";
}

/**
 * Why a text that is not one JSON document is not a checkpoint, when its first document
 * tells: JSON lines whose first line is a log record. Null when it does not tell.
 */
export function notACheckpointText(text: string, error: JsonSyntaxError, file: string): string | null {
  if (error.reason !== "unexpected text after the JSON value") return null;
  let first: JsonValue;
  try {
    first = parseJson(text.slice(0, error.offset));
  } catch (inner) {
    if (inner instanceof JsonSyntaxError) return null;
    throw inner;
  }
  return looksLikeLogRecord(first) ? logReason(file) : null;
}

/** Why an array is not a checkpoint, when its first item tells: a JSON array of log records. */
export function notACheckpointArray(items: readonly JsonValue[], file: string): string | null {
  return items.length > 0 && looksLikeLogRecord(items[0]!)
    ? `this looks like a JSON array of execution log records, not a RunState checkpoint (try: jq -c '.[]' ${file} | exechist summary)`
    : null;
}

function logReason(file: string): string {
  return `this looks like an execution log, not a RunState checkpoint (try: exechist summary ${file})`;
}
