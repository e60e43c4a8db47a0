import assert from "node:assert/strict";
import { test } from "node:test";
import { ExechistError } from "../../src/errors.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import { CheckpointError, readCheckpoint } from "../../src/state/read_checkpoint.ts";
import { toDict } from "../../src/state/run_state.ts";

const STATUSES = "pending, running, paused, completed, failed, cancelled";

const rejected: Array<[string, string | Uint8Array, string]> = [
  // [case, file content, reason]
  ["empty file", "", "the file is empty"],
  ["only whitespace", " \n\t\n", "the file is empty"],
  [
    "truncated inside a string",
    '{"run_id": "ab',
    "the file is truncated: the JSON stops at line 1, column 15 before the document is complete",
  ],
  [
    "truncated after a key",
    '{\n  "run_id"',
    "the file is truncated: the JSON stops at line 2, column 11 before the document is complete",
  ],
  [
    "truncated inside a literal",
    '{"error": nu',
    "the file is truncated: the JSON stops at line 1, column 13 before the document is complete",
  ],
  [
    "truncated after a value",
    '{"current_step": 3,\n',
    "the file is truncated: the JSON stops at line 1, column 20 before the document is complete",
  ],
  ["not JSON", '{"a": 1,, "b": 2}', "not valid JSON at line 1, column 9: expected a string key"],
  [
    "Python repr",
    "{'run_id': 'x'}",
    "not valid JSON at line 1, column 2: expected a string key (single quotes: this looks like Python's str() of a dict, not json.dumps)",
  ],
  ["array document", "[]", "the document is an array, not an object (RunState.from_dict needs a JSON object)"],
  ["string document", '"running"', "the document is a string, not an object (RunState.from_dict needs a JSON object)"],
  ["null document", "null", "the document is null, not an object (RunState.from_dict needs a JSON object)"],
  ["unknown status", '{"status": "exploded"}', `status "exploded" is not one of ${STATUSES}`],
  ["status in capitals", '{"status": "RUNNING"}', `status "RUNNING" is not one of ${STATUSES}`],
  ["status null", '{"status": null}', `status null is not one of ${STATUSES}`],
  ["status a number", '{"status": 1}', `status 1 is not one of ${STATUSES}`],
  ["node_states a list", '{"node_states": []}', "node_states is an array, not an object"],
  ["node_states null", '{"node_states": null}', "node_states is null, not an object"],
  ["node_states a string", '{"node_states": "a"}', "node_states is a string, not an object"],
  ["a node that is a string", '{"node_states": {"a": {}, "b": "done"}}', 'node_states["b"] is a string, not an object'],
  ["a node that is null", '{"node_states": {"a": null}}', 'node_states["a"] is null, not an object'],
  ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), "the file is not valid UTF-8"],
];

for (const [name, content, reason] of rejected) {
  test(`rejected: ${name}`, () => {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    assert.throws(() => readCheckpoint(bytes, "runs/a.json"), (error: unknown) => {
      assert.ok(error instanceof CheckpointError && error instanceof ExechistError);
      assert.equal(error.reason, reason);
      assert.equal(error.message, `Cannot read checkpoint "runs/a.json": ${reason}`);
      assert.equal(error.exitStatus, 2);
      return true;
    });
  });
}

const DEFAULTS = '{"run_id":"","session_id":"","status":"pending","purpose":"","current_node":"","current_step":0,' +
  '"max_steps":20,"data":{},"node_states":{},"completed_nodes":[],"action_history":[],"started_at":0,"updated_at":0,' +
  '"finished_at":0,"tool_results_cache":{},"heuristic_count_at_checkpoint":0,"experience_count_at_checkpoint":0,' +
  '"metadata":{},"version":1}';

const accepted: Array<[string, string, string]> = [
  // [case, file content, to_dict() as compact JSON]
  ["an empty object takes every default", "{}", DEFAULTS],
  ["a byte-order mark is skipped", "\uFEFF{}", DEFAULTS],
  [
    "keys in any order are written in to_dict order",
    '{"version": 3, "run_id": "r"}',
    DEFAULTS.replace('"run_id":""', '"run_id":"r"').replace('"version":1', '"version":3'),
  ],
  [
    "a key present with null keeps null (d.get does not default)",
    '{"run_id": null, "max_steps": null}',
    DEFAULTS.replace('"run_id":""', '"run_id":null').replace('"max_steps":20', '"max_steps":null'),
  ],
  [
    "a duplicate key: the last value, at the first place",
    '{"purpose": "a", "run_id": "x", "purpose": "b"}',
    DEFAULTS.replace('"run_id":""', '"run_id":"x"').replace('"purpose":""', '"purpose":"b"'),
  ],
  [
    "an empty node: node_id falls back to its key, error None, idempotency_key empty",
    '{"node_states": {"n1": {}}}',
    DEFAULTS.replace(
      '"node_states":{}',
      '"node_states":{"n1":{"node_id":"n1","status":"pending","input_data":{},"output_data":{},"attempts":0,"error":null,"idempotency_key":""}}',
    ),
  ],
  [
    "node started_at/finished_at are dropped, as to_dict drops them",
    '{"node_states": {"n": {"node_id": "N", "started_at": 1.5, "finished_at": 2.5, "attempts": 2}}}',
    DEFAULTS.replace(
      '"node_states":{}',
      '"node_states":{"n":{"node_id":"N","status":"pending","input_data":{},"output_data":{},"attempts":2,"error":null,"idempotency_key":""}}',
    ),
  ],
  [
    "action_history keeps its last 50",
    `{"action_history": [${Array.from({ length: 53 }, (_, i) => i).join(",")}]}`,
    DEFAULTS.replace(
      '"action_history":[]',
      `"action_history":[${Array.from({ length: 50 }, (_, i) => i + 3).join(",")}]`,
    ),
  ],
  [
    "big integers and NaN survive",
    '{"data": {"n": 123456789012345678901234567890, "x": NaN, "f": 1.0}}',
    DEFAULTS.replace('"data":{}', '"data":{"n":123456789012345678901234567890,"x":NaN,"f":1.0}'),
  ],
];

for (const [name, content, expected] of accepted) {
  test(`from_dict: ${name}`, () => {
    const checkpoint = readCheckpoint(new TextEncoder().encode(content), "a.json");
    assert.equal(stringifyJson(toDict(checkpoint.state), { nonFinite: "raw" }), expected);
  });
}

test("unknown fields are kept aside, at the top and in nodes, in file order", () => {
  const c = readCheckpoint(
    '{"schema": 2, "run_id": "r", "owner": {"t": 1}, "node_states": {"a": {"started_at": 5, "status": "running"}}}',
    "a.json",
  );
  assert.deepEqual([...c.unknownFields.keys()], ["schema", "owner"]);
  assert.deepEqual([...c.unknownNodeFields.keys()], ["a"]);
  assert.deepEqual([...c.unknownNodeFields.get("a")!.keys()], ["started_at"]);
  assert.equal(c.state.nodeStates.get("a")!.status, "running");
});
