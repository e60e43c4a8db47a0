import { pythonRepr } from "../json/python_repr.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import type { RecordDetails } from "../types.ts";

function first(fields: JsonObject, keys: readonly string[]): JsonValue {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && value !== null) return value;
  }
  return null;
}

/** The shown parts of a record's full object: result, exception, traceback, signature. */
export function detailsOf(fields: JsonObject, name: string): RecordDetails {
  const traceback = first(fields, ["traceback", "stack", "stacktrace"]);
  const signature = fields.get("signature");
  return {
    fields,
    result: fields.get("result") ?? null,
    exception: first(fields, ["exception", "error"]),
    traceback: typeof traceback === "string" && traceback !== "" ? traceback : null,
    signature: typeof signature === "string" && signature !== "" ? signature : buildSignature(name, fields),
  };
}

/** `name(1, 'a', k=v)` from `args` (a list, or one value) and `kwargs` (an object). */
export function buildSignature(name: string, fields: JsonObject): string {
  const parts: string[] = [];
  const args = fields.get("args");
  if (Array.isArray(args)) {
    // A loop, not push(...args): a spread of 130,000 arguments overflows the stack.
    for (const arg of args) parts.push(pythonRepr(arg));
  } else if (args !== undefined && args !== null && !(args instanceof Map)) parts.push(pythonRepr(args));
  const kwargs = fields.get("kwargs") ?? (args instanceof Map ? args : undefined);
  if (kwargs instanceof Map) {
    for (const [key, value] of kwargs) parts.push(`${key}=${pythonRepr(value)}`);
  }
  return `${name}(${parts.join(", ")})`;
}
