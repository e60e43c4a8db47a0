import { ExechistError } from "../errors.ts";
import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import { notACheckpoint, notACheckpointArray, notACheckpointText } from "./document_kind.ts";
import { isRunStatus, type NodeState, RUN_STATUSES, type RunState } from "./run_state.ts";
import { kindOf, quoted } from "./value_kind.ts";

/** A checkpoint file read as `RunState.from_dict` reads it, with what it did not read. */
export interface Checkpoint {
  /** The path as given or listed. */
  readonly file: string;
  readonly state: RunState;
  /** Top-level keys `from_dict` does not know, in file order. */
  readonly unknownFields: JsonObject;
  /** Per node key, the keys of that node `from_dict` does not know (`started_at`, ...). */
  readonly unknownNodeFields: ReadonlyMap<string, JsonObject>;
}

/** A checkpoint that cannot be read: `Cannot read checkpoint "FILE": REASON`, exit 2. */
export class CheckpointError extends ExechistError {
  override name = "CheckpointError";
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string) {
    super("input", `Cannot read checkpoint "${file}": ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

const RUN_KEYS = new Set([
  "run_id",
  "session_id",
  "status",
  "purpose",
  "current_node",
  "current_step",
  "max_steps",
  "data",
  "node_states",
  "completed_nodes",
  "action_history",
  "started_at",
  "updated_at",
  "finished_at",
  "tool_results_cache",
  "heuristic_count_at_checkpoint",
  "experience_count_at_checkpoint",
  "metadata",
  "version",
]);
const NODE_KEYS = new Set(["node_id", "status", "input_data", "output_data", "attempts", "error", "idempotency_key"]);
const LITERALS = ["true", "false", "null", "NaN", "Infinity", "-Infinity"];

/**
 * Reads a checkpoint file's bytes exactly as `RunState.from_dict(json.loads(bytes))` does:
 * missing keys take their defaults, values keep their JSON (big integers, NaN). Throws a
 * {@link CheckpointError} for what `from_dict` would raise on, and for bytes that are not JSON.
 */
export function readCheckpoint(bytes: Uint8Array | string, file: string): Checkpoint {
  return checkpointFromValue(parseCheckpointText(bytes, file), file);
}

/**
 * A checkpoint file's bytes as one JSON document (UTF-8, a BOM skipped); a
 * {@link CheckpointError} for an empty file, bytes that are not UTF-8 or not JSON.
 */
export function parseCheckpointText(bytes: Uint8Array | string, file: string): JsonValue {
  let text: string;
  if (typeof bytes === "string") text = bytes.replace(/^\uFEFF/, "");
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new CheckpointError(file, "the file is not valid UTF-8");
    }
  }
  if (text.trim() === "") throw new CheckpointError(file, "the file is empty");
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new CheckpointError(file, notACheckpointText(text, error, file) ?? syntaxReason(text, error));
    }
    throw error;
  }
}

/** `RunState.from_dict(d)` of a parsed document; `file` names it in errors. */
export function checkpointFromValue(d: JsonValue, file: string): Checkpoint {
  if (!(d instanceof Map)) {
    throw new CheckpointError(
      file,
      (Array.isArray(d) ? notACheckpointArray(d, file) : null) ??
        `the document is ${kindOf(d)}, not an object (RunState.from_dict needs a JSON object)`,
    );
  }
  const notOne = notACheckpoint(d, file, RUN_KEYS);
  if (notOne !== null) throw new CheckpointError(file, notOne);
  const status = get(d, "status", "pending");
  if (!isRunStatus(status)) {
    throw new CheckpointError(file, `status ${quoted(status)} is not one of ${RUN_STATUSES.join(", ")}`);
  }
  const nodesValue = get(d, "node_states", new Map());
  if (!(nodesValue instanceof Map)) {
    throw new CheckpointError(file, `node_states is ${kindOf(nodesValue)}, not an object`);
  }
  const nodeStates = new Map<string, NodeState>();
  const unknownNodeFields = new Map<string, JsonObject>();
  for (const [key, v] of nodesValue) {
    if (!(v instanceof Map)) {
      throw new CheckpointError(file, `node_states[${quoted(key)}] is ${kindOf(v)}, not an object`);
    }
    nodeStates.set(key, {
      key,
      nodeId: get(v, "node_id", key),
      status: get(v, "status", "pending"),
      inputData: get(v, "input_data", new Map()),
      outputData: get(v, "output_data", new Map()),
      attempts: get(v, "attempts", 0),
      error: get(v, "error", null),
      idempotencyKey: get(v, "idempotency_key", ""),
    });
    const unknown = unknownOf(v, NODE_KEYS);
    if (unknown.size > 0) unknownNodeFields.set(key, unknown);
  }
  const state: RunState = {
    runId: get(d, "run_id", ""),
    sessionId: get(d, "session_id", ""),
    status,
    purpose: get(d, "purpose", ""),
    currentNode: get(d, "current_node", ""),
    currentStep: get(d, "current_step", 0),
    maxSteps: get(d, "max_steps", 20),
    data: get(d, "data", new Map()),
    nodeStates,
    completedNodes: get(d, "completed_nodes", []),
    actionHistory: get(d, "action_history", []),
    startedAt: get(d, "started_at", 0),
    updatedAt: get(d, "updated_at", 0),
    finishedAt: get(d, "finished_at", 0),
    toolResultsCache: get(d, "tool_results_cache", new Map()),
    heuristicCountAtCheckpoint: get(d, "heuristic_count_at_checkpoint", 0),
    experienceCountAtCheckpoint: get(d, "experience_count_at_checkpoint", 0),
    metadata: get(d, "metadata", new Map()),
    version: get(d, "version", 1),
  };
  return { file, state, unknownFields: unknownOf(d, RUN_KEYS), unknownNodeFields };
}

/** Python's `d.get(key, default)`: a key present with `null` gives null, not the default. */
function get(d: JsonObject, key: string, fallback: JsonValue): JsonValue {
  const value = d.get(key);
  return value === undefined ? fallback : value;
}

function unknownOf(d: JsonObject, known: ReadonlySet<string>): JsonObject {
  const out: JsonObject = new Map();
  for (const [key, value] of d) if (!known.has(key)) out.set(key, value);
  return out;
}

function syntaxReason(text: string, error: JsonSyntaxError): string {
  const end = text.trimEnd().length;
  const rest = text.slice(error.offset, end);
  const truncated = error.offset >= end || error.reason === "unterminated string" ||
    (rest !== "" && LITERALS.some((word) => word.startsWith(rest) && word !== rest));
  if (truncated) {
    const { line, column } = lineAndColumn(text, end);
    return `the file is truncated: the JSON stops at line ${line}, column ${column} before the document is complete`;
  }
  const { line, column } = lineAndColumn(text, error.offset);
  const hint = text[error.offset] === "'"
    ? " (single quotes: this looks like Python's str() of a dict, not json.dumps)"
    : "";
  return `not valid JSON at line ${line}, column ${column}: ${error.reason}${hint}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: Math.min(offset, text.length) - start + 1 };
}
