import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import { DEFAULT_FIELD_MAP, type FieldMap } from "./field_map.ts";
import { type FieldTables, normalizeSlots, type RecordFields } from "./normalize.ts";
import { slotsFromObject } from "./object_slots.ts";
import type { Slots } from "./scanner.ts";

const decoder = new TextDecoder();

/**
 * The full parse of the line in `buf[start, end)`: the scanner's fallback, and the
 * reference it is tested against. Fills `out` through `slots` as the scanner's path
 * does; returns null when the record is good, else why the line is bad. `last`: the
 * input's last line, with no newline after it; `fields`: where the fields are.
 */
export function parseLine(
  buf: Uint8Array,
  start: number,
  end: number,
  last: boolean,
  slots: Slots,
  tables: FieldTables,
  out: RecordFields,
  fields: FieldMap = DEFAULT_FIELD_MAP,
): string | null {
  const text = decoder.decode(buf.subarray(start, end));
  let value;
  try {
    value = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    if (last) return "truncated: the last line has no newline and is not complete JSON";
    return `not JSON: ${error.message}`;
  }
  if (!(value instanceof Map)) return `not an object (${describeValue(value)})`;
  const bytes = slotsFromObject(value, slots, fields);
  return normalizeSlots(bytes, slots, tables, out, fields);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return "a number";
}
