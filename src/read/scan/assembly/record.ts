// The walk of one line's top-level object: each key looked up among the indexed ones,
// each value skipped, and where the indexed values sit written into the slots.
import { byteAt, CLOSE_BRACE, COMMA, NEWLINE, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./bytes";
import { cacheLookup } from "./intern_cache";
import { readTimeString } from "./iso_time";
import {
  DURATION_ALIASES,
  END_ALIASES,
  KIND_ARRAY,
  KIND_FALSE,
  KIND_NULL,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_STRING,
  KIND_TRUE,
  data,
  keys,
  keyTable,
  record,
  SLOT_ACTION,
  SLOT_IGNORE_IN_HISTORY,
  SLOT_INDEX,
  SLOT_NESTED_IGNORE,
  slotEnd,
  slotFlag,
  slotKind,
  slotStart,
  slotValue,
  START_ALIASES,
} from "./layout";
import { normalize } from "./normalize";
import { number, slow } from "./numbers";
import { escaped, skipColon, skipContainer, skipScalar, skipShortString, skipSpace, space } from "./skip";

/** The string slots whose times the scanner reads. */
const TIME_SLOTS = START_ALIASES | END_ALIASES;
/** The number slots whose value the scanner reads: those every record needs. */
const PARSED_NUMBERS = (1 << SLOT_INDEX) | DURATION_ALIASES;
const KEY_MASK: i32 = keyTable.count - 1;

/** The slots of the line being scanned that hold a value other than null, and those that hold a string (bits). */
let present: i32 = 0;
let strings: i32 = 0;

/**
 * The slot of the key in [s, e), -1 when it is not indexed. Keys are compared 16 bytes at
 * a time: table entries hold 31 key bytes, the line has padding after it.
 */
function lookupKey(s: i32, e: i32): i32 {
  const len = e - s;
  if (len == 0) return -1;
  let i = (len * 37 + byteAt(s) * 7 + byteAt(e - 1)) & KEY_MASK;
  while (true) {
    const slot = <i32>load<u8>(i, keyTable.at);
    if (slot == 0) return -1;
    const key = <usize>i * keys.stride;
    if (<i32>load<u8>(key, keys.length) == len) {
      // Bytes that differ among the first 16, then among the next 16, within the length.
      const first = ~i8x16.bitmask(i8x16.eq(v128.load(<usize>s, data.at), v128.load(key, keys.text))) &
        ((1 << (len < 16 ? len : 16)) - 1);
      const second = ~i8x16.bitmask(i8x16.eq(v128.load(<usize>s, data.at + 16), v128.load(key, keys.text + 16))) &
        ((1 << (len > 16 ? len - 16 : 0)) - 1);
      if ((first | second) == 0) return slot - 1;
    }
    i = (i + 1) & KEY_MASK;
  }
}

function kindOf(c: i32): i32 {
  if (c == QUOTE) return KIND_STRING;
  if (c == OPEN_BRACE) return KIND_OBJECT;
  if (c == OPEN_BRACKET) return KIND_ARRAY;
  if (c == 116) return KIND_TRUE;
  if (c == 102) return KIND_FALSE;
  if (c == 110) return KIND_NULL;
  return KIND_NUMBER;
}

/**
 * Records a value in a slot (nothing for -1, a key exechist does not index); the value of
 * an index or a duration too, its flag set when that is left to number.ts (as for times,
 * read only when a record needs them); a string's cached id, a time string's micros.
 */
function setSlot(slot: i32, kind: i32, start: i32, end: i32, flag: i32): void {
  if (slot < 0) return;
  store<u8>(slot, kind, slotKind.at);
  const bit = 1 << slot;
  if (kind == KIND_NULL) present &= ~bit;
  else present |= bit;
  if (kind == KIND_STRING) {
    strings |= bit;
    cacheLookup(slot, start, end); // by its bytes as written, escapes too
    if ((TIME_SLOTS & bit) != 0 && flag == 0) readTimeString(slot, start, end);
  } else {
    strings &= ~bit;
    if (kind == KIND_NUMBER) {
      flag = 1;
      if ((PARSED_NUMBERS & bit) != 0) {
        store<f64>(<usize>slot * slotValue.stride, number(start, end), slotValue.at);
        flag = slow;
      }
    }
  }
  store<u8>(slot, flag, slotFlag.at);
  store<i32>(<usize>slot * slotStart.stride, start, slotStart.at);
  store<i32>(<usize>slot * slotEnd.stride, end, slotEnd.at);
}

/** The newline after p and blanks, or -1. */
function lineEnd(p: i32): i32 {
  p = space(p);
  return byteAt(p) == NEWLINE ? p : -1;
}

/** The Falyx action object: skipped like any object, but its ignore_in_history is kept. */
function scanAction(p: i32): i32 {
  p = space(p + 1);
  if (byteAt(p) == CLOSE_BRACE) return p + 1;
  while (true) {
    if (byteAt(p) != QUOTE) return -1;
    const keyStart = p + 1;
    const keyEnd = skipShortString(keyStart);
    if (keyEnd < 0 || escaped) return -1; // an escaped key: the full parse decodes it
    const isIgnore = lookupKey(keyStart, keyEnd - 1) == SLOT_IGNORE_IN_HISTORY;
    const valueStart = skipColon(keyEnd);
    if (valueStart < 0) return -1;
    const c = byteAt(valueStart);
    p = c == OPEN_BRACE || c == OPEN_BRACKET
      ? skipContainer(valueStart)
      : c == QUOTE
      ? skipShortString(valueStart + 1)
      : skipScalar(valueStart);
    if (p < 0) return -1;
    if (isIgnore) setSlot(SLOT_NESTED_IGNORE, kindOf(c), valueStart, p, 0);
    p = space(p);
    const next = byteAt(p);
    if (next == COMMA) {
      p = space(p + 1);
      continue;
    }
    return next == CLOSE_BRACE ? p + 1 : -1;
  }
}

/**
 * The line whose opening brace is at p: fills the slots (a repeated key: the last wins),
 * normalises the record when it can, and returns the position of the newline that ends
 * it, or -1 when the scanner cannot decide (escaped keys, deep nesting, anything but one
 * valid object and blanks).
 */
export function scanRecord(p: i32): i32 {
  for (let at: usize = 0; at < slotKind.size; at += 16) v128.store(at, i64x2.splat(0), slotKind.at);
  present = 0;
  strings = 0;
  store<u8>(0, 0, record.ok); // not normalised (yet)
  p = space(p + 1);
  if (byteAt(p) == CLOSE_BRACE) return lineEnd(p + 1);
  while (true) {
    if (byteAt(p) != QUOTE) return -1;
    const keyStart = p + 1;
    p = skipShortString(keyStart);
    if (p < 0 || escaped) return -1; // an escaped key: the full parse decodes it
    const slot = lookupKey(keyStart, p - 1);
    const valueStart = skipColon(p);
    if (valueStart < 0) return -1;
    const c = byteAt(valueStart);
    if (c == QUOTE) {
      p = skipShortString(valueStart + 1);
      if (p < 0) return -1;
      setSlot(slot, KIND_STRING, valueStart + 1, p - 1, escaped);
    } else if (c == OPEN_BRACE || c == OPEN_BRACKET) {
      p = slot == SLOT_ACTION && c == OPEN_BRACE ? scanAction(valueStart) : skipContainer(valueStart);
      if (p < 0) return -1;
      const nonEmpty = skipSpace(valueStart + 1) != p - 1;
      setSlot(slot, c == OPEN_BRACE ? KIND_OBJECT : KIND_ARRAY, valueStart, p, nonEmpty ? 1 : 0);
    } else {
      p = skipScalar(valueStart);
      if (p < 0) return -1;
      setSlot(slot, kindOf(c), valueStart, p, 0);
    }
    p = space(p);
    const next = byteAt(p);
    if (next == COMMA) {
      p = space(p + 1);
      continue;
    }
    if (next != CLOSE_BRACE) return -1;
    p = lineEnd(p + 1);
    if (p >= 0) normalize(present, strings);
    return p;
  }
}
