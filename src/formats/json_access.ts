import { type JsonObject, type JsonValue, numberOf } from "../json/value.ts";

/** The value at a key of an object, or undefined when the value is not an object. */
export function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return value instanceof Map ? value.get(key) : undefined;
}

/** The value at a dotted path (`state.type`) of an object. */
export function fieldAt(value: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let at = value;
  for (const key of path) at = field(at, key);
  return at;
}

/** The object at a key, or undefined. */
export function objectAt(value: JsonValue | undefined, key: string): JsonObject | undefined {
  const v = field(value, key);
  return v instanceof Map ? v : undefined;
}

/** The array at a key, or an empty one. */
export function arrayAt(value: JsonValue | undefined, key: string): readonly JsonValue[] {
  const v = field(value, key);
  return Array.isArray(v) ? v : [];
}

/** The string at a key (numbers as written), or undefined. */
export function stringAt(value: JsonValue | undefined, key: string): string | undefined {
  const v = field(value, key);
  if (typeof v === "string") return v;
  if (v !== null && v !== undefined && numberOf(v) !== undefined) return String(v);
  return undefined;
}

/** The number at a key (a number, or a decimal string as protobuf's JSON writes 64-bit integers), or undefined. */
export function numberAt(value: JsonValue | undefined, key: string): number | undefined {
  const v = field(value, key);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v === undefined || v === null ? undefined : numberOf(v);
}

/** An object of exechist fields from pairs, leaving out the undefined ones. */
export function recordOf(pairs: ReadonlyArray<readonly [string, JsonValue | undefined]>): JsonObject {
  const out: JsonObject = new Map();
  for (const [key, value] of pairs) if (value !== undefined) out.set(key, value);
  return out;
}
