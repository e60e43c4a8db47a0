/**
 * exechist: what ran, what failed, what it returned, where a durable run stopped.
 * The library surface; run as a program, it is the `exechist` CLI.
 * @module
 */
export { ExecutionRegistry, type StatusCounts } from "./src/index/registry.ts";
export { type ByteReader, LogReader, type LogSource, type ReadOptions } from "./src/read/read_log.ts";
export { type BadLine, Diagnostics } from "./src/read/diagnostics.ts";
export { filterPositions, type RecordFilter } from "./src/query/filter.ts";
export { type GroupKey, groupPositions, type GroupStats } from "./src/query/group.ts";
export { JsonSyntaxError, parseJson } from "./src/json/parse.ts";
export { stringifyJson } from "./src/json/stringify.ts";
export { JsonNumber, type JsonObject, type JsonValue } from "./src/json/value.ts";
export { type ErrorCode, ExechistError } from "./src/errors.ts";
export { type Checkpoint, CheckpointError, checkpointFromValue, readCheckpoint } from "./src/state/read_checkpoint.ts";
export { type NodeState, RUN_STATUSES, type RunState, type RunStatus, toDict } from "./src/state/run_state.ts";
export { type Derived, deriveState } from "./src/state/derive.ts";
export { diffStates, type StateDiff } from "./src/state/diff.ts";
export type { ExecRecord, RecordDetails, StatusClass, TimeValue } from "./src/types.ts";
export type { Io, Output } from "./src/io.ts";
export { main, VERSION } from "./src/cli/main.ts";
export { NodeIo } from "./src/runtime/node_io.ts";

import { main } from "./src/cli/main.ts";
import { isMainModule, programArgs, runtimeIo, scanWorkerModule, setExitStatus } from "./src/runtime/entry.ts";

const meta = import.meta as ImportMeta & { main?: boolean };
if (isMainModule(import.meta.url, meta.main)) {
  setExitStatus(await main(programArgs(), runtimeIo(scanWorkerModule(import.meta.url))));
}
