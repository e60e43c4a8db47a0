import assert from "node:assert/strict";
import { test } from "node:test";
import { registryOf } from "../helpers/read_bytes.ts";

/** Each line alone, read by the scanner and by the full parse: its status, or the reason it is a bad line. */
function statusOf(line: string): string[] {
  return [true, false].map((scanner) => {
    const registry = registryOf([["x.jsonl", line + "\n"]], { scanner });
    return registry.size === 1 ? registry.statusOf(0) : `bad: ${registry.diagnostics.badLines[0]!.reason}`;
  });
}

const CASES: Array<[string, string, string]> = [
  ["OTLP status code 2 is an error", '{"name":"a","status":{"code":2,"message":"boom"}}', "error"],
  ["OTLP status code by name", '{"name":"a","status":{"code":"STATUS_CODE_ERROR"}}', "error"],
  ["OTLP status code 1 (ok)", '{"name":"a","status":{"code":1}}', "success"],
  ["OTLP status without a code is unset", '{"name":"a","status":{}}', "success"],
  ["a status object with another code", '{"name":"a","status":{"code":"x"}}', "bad: status is not a string: an object"],
  ["Prefect state_type FAILED", '{"name":"t","state_type":"FAILED","start_time":"2025-01-01T00:00:00Z"}', "error"],
  ["Prefect state_type CRASHED", '{"name":"t","state_type":"CRASHED"}', "error"],
  ["Prefect state_type COMPLETED", '{"name":"t","state_type":"COMPLETED"}', "success"],
  ["Prefect state_type CANCELLED, kept as written", '{"name":"t","state_type":"CANCELLED"}', "CANCELLED"],
  ["Prefect state.type", '{"name":"t","state":{"type":"FAILED","message":"x"}}', "error"],
  ["status wins over state_type", '{"name":"t","status":"ok","state_type":"FAILED"}', "success"],
  ["pino level 50", '{"name":"app","level":50,"msg":"x"}', "error"],
  ["pino level 60 (fatal)", '{"name":"app","level":60}', "error"],
  ["pino level 30", '{"name":"app","level":30}', "success"],
  ["winston level error", '{"name":"app","level":"error"}', "error"],
  ["Python levelname CRITICAL", '{"name":"app","levelname":"CRITICAL"}', "error"],
  ["Python levelname INFO", '{"name":"app","levelname":"INFO"}', "success"],
  ["a level below error with an exception", '{"name":"app","level":"info","exception":"boom"}', "error"],
  ["a status wins over the level", '{"name":"app","level":"error","status":"ok"}', "success"],
];

for (const [title, line, expected] of CASES) {
  test(`status: ${title}`, () => {
    assert.deepEqual(statusOf(line), [expected, expected]);
  });
}
