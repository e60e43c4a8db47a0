import { stringifyJson } from "../json/stringify.ts";
import { JsonNumber, type JsonValue, numberOf } from "../json/value.ts";

/** What kind of JSON value this is, with its article: "an array", "a string", "null". */
export function kindOf(value: JsonValue | undefined): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "number" || value instanceof JsonNumber) return "a number";
  if (Array.isArray(value)) return "an array";
  return "an object";
}

/** True for a number written as an integer (`3`, `18446744073709551617`), not `3.0`. */
export function isJsonInteger(value: JsonValue | undefined): boolean {
  if (typeof value === "number") return Number.isInteger(value);
  return value instanceof JsonNumber && /^-?\d+$/.test(value.raw);
}

/** A value for a message: strings quoted as JSON, anything else as compact JSON (NaN kept). */
export function quoted(value: JsonValue): string {
  return stringifyJson(value, { nonFinite: "raw" });
}

/** A value for display: strings as they are, null as "", anything else as compact JSON. */
export function plainText(value: JsonValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  return stringifyJson(value, { nonFinite: "raw" });
}

/** Bytes of the compact JSON text of a value, as UTF-8. */
export function jsonSize(value: JsonValue): number {
  return new TextEncoder().encode(stringifyJson(value, { nonFinite: "raw" })).length;
}

/**
 * The same value, as Python's `==` sees it after `json.loads`: objects by keys whatever
 * their order, `1 == 1.0`, big integers exactly; unlike Python, NaN equals NaN (unchanged).
 */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, item] of a) {
      const other = b.get(key);
      if (other === undefined || !sameJson(item, other)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i] ?? null));
  }
  const x = numberOf(a);
  const y = numberOf(b);
  if (x === undefined || y === undefined) return false;
  if (isJsonInteger(a) && isJsonInteger(b)) return integerOf(a) === integerOf(b);
  return Object.is(x, y) || x === y;
}

/** An integer exactly: from its text when kept (big integers), else from the double (1e22 too). */
function integerOf(value: JsonValue): bigint {
  return value instanceof JsonNumber ? BigInt(value.raw) : BigInt(value as number);
}
