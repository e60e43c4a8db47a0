import { stringifyJson } from "../json/stringify.ts";
import { JsonNumber, type JsonObject, type JsonValue } from "../json/value.ts";
import { DEFAULT_FIELD_MAP, type FieldMap } from "./field_map.ts";
import { KIND, SLOT } from "./fields.ts";
import type { Slots } from "./scanner.ts";

const encoder = new TextEncoder();

/**
 * Fills `slots` from an object the full parser built, writing each indexed value's
 * JSON text into a fresh byte buffer, so that one normalizer serves both paths.
 * Returns that buffer. `fields`: where the fields are (their keys and dotted paths).
 */
export function slotsFromObject(object: JsonObject, slots: Slots, fields: FieldMap = DEFAULT_FIELD_MAP): Uint8Array {
  slots.clear();
  const texts: Array<[number, JsonValue]> = [];
  const { topKeys, nestedIgnoreKey } = fields;
  for (const [key, value] of object) {
    const slot = topKeys.get(key);
    if (slot === undefined) continue;
    texts.push([slot, value]);
    if (slot === SLOT.action && nestedIgnoreKey !== "" && value instanceof Map && value.has(nestedIgnoreKey)) {
      texts.push([SLOT.nested_ignore, value.get(nestedIgnoreKey) ?? null]);
    }
  }
  for (const { segments, slot } of fields.nested) {
    let value: JsonValue | undefined = object;
    for (const segment of segments) value = value instanceof Map ? value.get(segment) : undefined;
    if (value !== undefined) texts.push([slot, value]);
  }
  const pieces: string[] = [];
  let offset = 0;
  const ranges: Array<[number, number, number, JsonValue]> = [];
  for (const [slot, value] of texts) {
    const text = stringifyJson(value, { nonFinite: "raw" });
    const length = encoder.encode(text).length;
    ranges.push([slot, offset, offset + length, value]);
    pieces.push(text);
    offset += length;
  }
  const bytes = encoder.encode(pieces.join(""));
  for (const [slot, start, end, value] of ranges) {
    const kind = kindOf(value);
    let s = start;
    let e = end;
    let flag = 0;
    if (kind === KIND.string) {
      s++;
      e--;
      flag = bytes.subarray(s, e).includes(92) ? 1 : 0;
    } else if (kind === KIND.number) {
      flag = 1; // its value is read from the text
    } else if (kind === KIND.object) {
      flag = (value as JsonObject).size > 0 ? 1 : 0;
    } else if (kind === KIND.array) {
      flag = (value as JsonValue[]).length > 0 ? 1 : 0;
    }
    slots.kind[slot] = kind;
    slots.start[slot] = s;
    slots.end[slot] = e;
    slots.flag[slot] = flag;
    slots.id[slot] = -1; // not from the scanner's cache
    slots.entry[slot] = -1;
    slots.clock[slot] = 0;
  }
  return bytes;
}

function kindOf(value: JsonValue): number {
  if (value === null) return KIND.null;
  if (value === true) return KIND.true;
  if (value === false) return KIND.false;
  if (typeof value === "string") return KIND.string;
  if (typeof value === "number" || value instanceof JsonNumber) return KIND.number;
  if (Array.isArray(value)) return KIND.array;
  return KIND.object;
}
