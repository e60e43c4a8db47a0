/**
 * exechist: what ran, what failed, what it returned, where a durable run stopped.
 * The library surface; run as a program, it is the `exechist` CLI.
 *
 * @example Read a JSON-lines log into the columnar registry and ask it questions
 * ```ts
 * import assert from "node:assert/strict";
 *
 * const log = new TextEncoder().encode(
 *   '{"name":"build","start_wall":"2025-06-01T09:30:00Z","duration":1.5,"status":"OK"}\n' +
 *     '{"name":"deploy","exception":"ConnectionError()","traceback":"Traceback ..."}\n' +
 *     "not json\n",
 * );
 * const reader = new LogReader();
 * reader.read({
 *   name: "run.jsonl",
 *   read: (target, offset, length, position) => {
 *     const bytes = log.subarray(position, position + length);
 *     target.set(bytes, offset);
 *     return bytes.length;
 *   },
 * });
 * const registry = new ExecutionRegistry(reader);
 * assert.equal(registry.size, 2);
 * assert.deepEqual(registry.counts(), { success: 1, error: 1, other: 0 });
 * assert.equal(registry.record(1).source, "run.jsonl:2");
 * assert.equal(registry.details(1).exception, "ConnectionError()");
 * assert.equal(reader.diagnostics.badLines[0]?.line, 3);
 *
 * const failed = filterPositions(registry, { status: "error" });
 * assert.deepEqual([...failed].map((pos) => registry.nameOf(pos)), ["deploy"]);
 * const [build] = groupPositions(registry, undefined, "name");
 * assert.equal(build?.key, "build");
 * assert.equal(build?.p50, 1.5);
 * ```
 *
 * @example JSON read faithfully: big integers keep every digit; Python's NaN is read, and written as strict JSON
 * ```ts
 * import assert from "node:assert/strict";
 *
 * const value = parseJson('{"id":12345678901234567890123,"ratio":NaN}');
 * assert.equal(stringifyJson(value), '{"id":12345678901234567890123,"ratio":null}');
 * ```
 *
 * @example A RunState checkpoint, and where its run would resume
 * ```ts
 * import assert from "node:assert/strict";
 *
 * const checkpoint = readCheckpoint(
 *   JSON.stringify({
 *     run_id: "r1",
 *     status: "failed",
 *     current_node: "deploy",
 *     current_step: 3,
 *     node_states: { build: { status: "completed" }, deploy: { status: "failed", error: "timeout" } },
 *     completed_nodes: ["build"],
 *   }),
 *   "ckpt.json",
 * );
 * assert.equal(checkpoint.state.runId, "r1");
 * const derived = deriveState(checkpoint);
 * assert.deepEqual(derived.resume.failed.map((n) => n.node), ["deploy"]);
 * assert.deepEqual(derived.completedOrder, ["build"]);
 * ```
 * @module
 */
export { ExecutionRegistry, type StatusCounts } from "./src/query/registry.ts";
export { type ByteReader, LogReader, type LogSource, type ReadOptions } from "./src/ingest/log_reader.ts";
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
export { readStateDocument, type StateDocument } from "./src/state/state_document.ts";
export { type GraphNode, type GraphView, viewGraph } from "./src/state/langgraph_view.ts";
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
