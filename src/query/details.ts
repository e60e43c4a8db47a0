import { pythonRepr } from "../json/python_repr.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import { DEFAULT_FIELD_MAP, type FieldMap, firstAtPaths, valueAtPath } from "../read/field_map.ts";
import type { RecordDetails } from "../types.ts";

/**
 * The shown parts of a record's full object: result, exception, traceback, signature,
 * found where `map` says (the built-in keys, or `--map`'s paths).
 */
export function detailsOf(fields: JsonObject, name: string, map: FieldMap = DEFAULT_FIELD_MAP): RecordDetails {
  const traceback = firstAtPaths(fields, map.traceback);
  const signature = fields.get("signature");
  return {
    fields,
    result: firstAtPaths(fields, map.result),
    exception: exceptionOf(fields, map, traceback),
    traceback: typeof traceback === "string" && traceback !== "" ? traceback : null,
    signature: typeof signature === "string" && signature !== "" ? signature : buildSignature(name, fields),
  };
}

/**
 * The exception field, or the text a logger preset shows in its place (MappingOptions.errorText):
 * another field, or the last line of a traceback written as text (Python's: `TypeError: …`).
 */
function exceptionOf(fields: JsonObject, map: FieldMap, traceback: JsonValue): JsonValue {
  const exception = firstAtPaths(fields, map.exception);
  const { errorText } = map.options;
  if (errorText === undefined || exception === null) return exception;
  if (errorText !== null) return valueAtPath(fields, errorText) ?? null;
  if (typeof traceback !== "string") return exception;
  return traceback.trimEnd().split("\n").pop()!.trim() || exception;
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
