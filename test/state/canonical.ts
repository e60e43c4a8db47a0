import { parseJson } from "../../src/json/parse.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import { JsonNumber, type JsonValue } from "../../src/json/value.ts";

/**
 * A text that two JSON documents share when Python would read them as the same data:
 * key order kept, integers compared exactly (every digit), floats by value (`1e5` is
 * `100000.0`), and NaN/Infinity as null (exechist's JSON writes them as null).
 */
export function canonicalJson(text: string): string {
  return stringifyJson(canonicalValue(parseJson(text)), { indent: 2 });
}

function canonicalValue(v: JsonValue): JsonValue {
  if (v instanceof Map) return new Map([...v].map(([k, item]) => [k, canonicalValue(item)]));
  if (Array.isArray(v)) return v.map(canonicalValue);
  if (typeof v === "number" || v instanceof JsonNumber) {
    const raw = v instanceof JsonNumber ? v.raw : String(v);
    const value = v instanceof JsonNumber ? v.value : v;
    if (/^-?\d+$/.test(raw)) return new JsonNumber(`int:${BigInt(raw)}`, value);
    if (!Number.isFinite(value)) return null;
    return new JsonNumber(`float:${String(value)}`, value);
  }
  return v;
}
