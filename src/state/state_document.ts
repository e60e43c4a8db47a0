import { type GraphFile, isGraphDocument, readGraphFile } from "./langgraph_history.ts";
import { type Checkpoint, checkpointFromValue, parseCheckpointText } from "./read_checkpoint.ts";

/** What a file given to `state` holds: a RunState checkpoint, or LangGraph checkpoints (one, or a history). */
export type StateDocument =
  | { kind: "runstate"; checkpoint: Checkpoint }
  | { kind: "langgraph"; graph: GraphFile };

/**
 * Reads a file given to `state`: LangGraph's documents by their shape (a checkpoint tuple,
 * a bare checkpoint, a state snapshot, or a list of them), anything else as
 * `RunState.from_dict` reads it, which refuses what is neither.
 */
export function readStateDocument(bytes: Uint8Array | string, file: string): StateDocument {
  const value = parseCheckpointText(bytes, file);
  if (isGraphDocument(value)) return { kind: "langgraph", graph: readGraphFile(value, file) };
  return { kind: "runstate", checkpoint: checkpointFromValue(value, file) };
}
