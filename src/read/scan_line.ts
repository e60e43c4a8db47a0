import { F, KIND, SLOT_COUNT } from "./fields.ts";

/**
 * Where the indexed fields of one line sit: for each slot its kind and the byte range
 * of its value (inside the quotes for strings). Reused from line to line.
 */
export class Slots {
  readonly kind = new Uint8Array(SLOT_COUNT);
  readonly start = new Int32Array(SLOT_COUNT);
  readonly end = new Int32Array(SLOT_COUNT);
  /** 1 when a string holds escapes, or an object/array is non-empty. */
  readonly flag = new Uint8Array(SLOT_COUNT);

  clear(): void {
    this.kind.fill(0);
  }
}

/** The scanner's answer: the line is an object and its slots are filled, or it cannot decide. */
export const SCAN_OK = 0;
export const SCAN_UNDECIDED = 1;

const MAX_DEPTH = 512;

// Indexed keys by a hash computed while the key is scanned: open addressing, 128 slots.
const TABLE_SIZE = 128;
const tableHash = new Int32Array(TABLE_SIZE);
const tableSlot = new Int8Array(TABLE_SIZE).fill(-1);
const tableKey: Uint8Array[] = [];
const encoder = new TextEncoder();

function hashKey(bytes: Uint8Array): number {
  let h = 0;
  for (const c of bytes) h = (Math.imul(h, 31) + c) | 0;
  return h;
}

for (const [key, slot] of Object.entries({
  name: F.name,
  action: F.action,
  action_name: F.action_name,
  index: F.index,
  start_wall: F.start_wall,
  started_at: F.started_at,
  start: F.start,
  start_time: F.start_time,
  timestamp: F.timestamp,
  end_wall: F.end_wall,
  finished_at: F.finished_at,
  end: F.end,
  end_time: F.end_time,
  duration: F.duration,
  duration_ms: F.duration_ms,
  status: F.status,
  exception: F.exception,
  error: F.error,
  run_id: F.run_id,
  session_id: F.session_id,
  ignore_in_history: F.ignore_in_history,
  "action.ignore_in_history": F.action_dot_ignore,
})) {
  const bytes = encoder.encode(key);
  const h = hashKey(bytes);
  let i = h & (TABLE_SIZE - 1);
  while (tableSlot[i] !== -1) i = (i + 1) & (TABLE_SIZE - 1);
  tableHash[i] = h;
  tableSlot[i] = slot;
  tableKey[i] = bytes;
}
const IGNORE_KEY = encoder.encode("ignore_in_history");

function lookupKey(b: Uint8Array, start: number, end: number, h: number): number {
  let i = h & (TABLE_SIZE - 1);
  for (;;) {
    const slot = tableSlot[i]!;
    if (slot < 0) return -1;
    if (tableHash[i] === h) {
      const key = tableKey[i]!;
      if (key.length === end - start) {
        let same = true;
        for (let k = 0; k < key.length; k++) {
          if (b[start + k] !== key[k]) {
            same = false;
            break;
          }
        }
        if (same) return slot;
      }
    }
    i = (i + 1) & (TABLE_SIZE - 1);
  }
}

/**
 * Walks the top-level object of the line in `b[start, end)`, validating every value by
 * the JSON grammar (NaN and infinities allowed) but building none, and fills `slots`
 * with the indexed keys (a repeated key: the last wins, as in a full parse). `b[end]`
 * must be readable (the reader keeps the newline there). Anything unusual — escaped
 * keys, deep nesting, a line that is not one valid object — gives
 * {@link SCAN_UNDECIDED}, and the caller parses the line fully.
 */
export function scanLine(b: Uint8Array, start: number, end: number, slots: Slots): number {
  const kind = slots.kind;
  kind.fill(0);
  let p = skipSpace(b, start, end);
  if (b[p] !== 123) return SCAN_UNDECIDED;
  p = skipSpace(b, p + 1, end);
  if (b[p] === 125) return skipSpace(b, p + 1, end) === end ? SCAN_OK : SCAN_UNDECIDED;
  for (;;) {
    if (b[p] !== 34) return SCAN_UNDECIDED;
    const keyStart = ++p;
    let h = 0;
    for (;;) {
      if (p >= end) return SCAN_UNDECIDED;
      const c = b[p]!;
      if (c === 34) break;
      if (c === 92 || c < 32) return SCAN_UNDECIDED; // escaped key: the full parse decodes it
      h = (Math.imul(h, 31) + c) | 0;
      p++;
    }
    const slot = lookupKey(b, keyStart, p, h);
    p = skipSpace(b, p + 1, end);
    if (b[p] !== 58) return SCAN_UNDECIDED;
    p = skipSpace(b, p + 1, end);
    const valueStart = p;
    const c = b[p];
    let valueKind: number;
    let flag = 0;
    if (c === 34) {
      p = skipString(b, p + 1, end);
      if (p < 0) {
        if (p === -1) return SCAN_UNDECIDED;
        flag = 1; // -2 - position: the string held an escape
        p = -2 - p;
      }
      valueKind = KIND.string;
    } else if (c === 123 || c === 91) {
      p = slot === F.action && c === 123 ? scanActionObject(b, p, end, slots) : skipContainer(b, p, end);
      if (p < 0) return SCAN_UNDECIDED;
      valueKind = c === 123 ? KIND.object : KIND.array;
      flag = skipSpace(b, valueStart + 1, end) === p - 1 ? 0 : 1;
    } else {
      p = skipScalar(b, p, end);
      if (p < 0) return SCAN_UNDECIDED;
      valueKind = c === 116 ? KIND.true : c === 102 ? KIND.false : c === 110 ? KIND.null : KIND.number;
    }
    if (slot >= 0) {
      kind[slot] = valueKind;
      if (valueKind === KIND.string) {
        slots.start[slot] = valueStart + 1;
        slots.end[slot] = p - 1;
      } else {
        slots.start[slot] = valueStart;
        slots.end[slot] = p;
      }
      slots.flag[slot] = flag;
    }
    p = skipSpace(b, p, end);
    const next = b[p];
    if (next === 44) {
      p = skipSpace(b, p + 1, end);
      continue;
    }
    if (next === 125) return skipSpace(b, p + 1, end) === end ? SCAN_OK : SCAN_UNDECIDED;
    return SCAN_UNDECIDED;
  }
}

function skipSpace(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = b[p]!;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    p++;
  }
  return p;
}

/**
 * From just after an opening quote to just after the closing one. -1 when invalid;
 * `-2 - position` when valid but holding an escape (the caller decodes those).
 */
function skipString(b: Uint8Array, p: number, end: number): number {
  let escaped = false;
  while (p < end) {
    const c = b[p]!;
    if (c === 34) return escaped ? -2 - (p + 1) : p + 1;
    if (c === 92) {
      escaped = true;
      const e = b[p + 1];
      if (e === 117) {
        if (p + 6 > end) return -1;
        for (let i = p + 2; i < p + 6; i++) {
          const x = b[i]!;
          if (!((x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102))) return -1;
        }
        p += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        p += 2;
      } else {
        return -1;
      }
    } else if (c < 32) {
      return -1;
    } else {
      p++;
    }
  }
  return -1;
}

function matchWord(b: Uint8Array, p: number, end: number, word: Uint8Array): number {
  if (p + word.length > end) return -1;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return -1;
  return p + word.length;
}

const TRUE = encoder.encode("true");
const FALSE = encoder.encode("false");
const NULL = encoder.encode("null");
const NAN = encoder.encode("NaN");
const INFINITY = encoder.encode("Infinity");

/** A number or literal; -1 when invalid. */
function skipScalar(b: Uint8Array, p: number, end: number): number {
  const c = b[p];
  if (c === 116) return matchWord(b, p, end, TRUE);
  if (c === 102) return matchWord(b, p, end, FALSE);
  if (c === 110) return matchWord(b, p, end, NULL);
  if (c === 78) return matchWord(b, p, end, NAN);
  if (c === 73) return matchWord(b, p, end, INFINITY);
  if (c === 45) {
    p++;
    if (b[p] === 73) return matchWord(b, p, end, INFINITY);
  }
  let d = b[p]!;
  if (p >= end) return -1;
  if (d === 48) p++;
  else if (d >= 49 && d <= 57) {
    p++;
    while (p < end && (d = b[p]!) >= 48 && d <= 57) p++;
  } else return -1;
  if (p < end && b[p] === 46) {
    const from = ++p;
    while (p < end && (d = b[p]!) >= 48 && d <= 57) p++;
    if (p === from) return -1;
  }
  if (p < end && (b[p] === 101 || b[p] === 69)) {
    p++;
    if (p < end && (b[p] === 43 || b[p] === 45)) p++;
    const from = p;
    while (p < end && (d = b[p]!) >= 48 && d <= 57) p++;
    if (p === from) return -1;
  }
  return p;
}

const S_VALUE = 0;
const S_AFTER = 1;
const S_KEY = 2;
const stack = new Uint8Array(MAX_DEPTH);

/** A whole object or array from its opening bracket, validated without recursion; -1 when invalid. */
function skipContainer(b: Uint8Array, p: number, end: number): number {
  let depth = 0;
  let state = S_VALUE;
  for (;;) {
    if (state === S_VALUE) {
      const c = b[p];
      if (c === 34) {
        p = skipString(b, p + 1, end);
        if (p < 0) {
          if (p === -1) return -1;
          p = -2 - p;
        }
        state = S_AFTER;
      } else if (c === 123 || c === 91) {
        if (depth >= MAX_DEPTH) return -1;
        stack[depth++] = c;
        p = skipSpace(b, p + 1, end);
        const d = b[p];
        if (d === (c === 123 ? 125 : 93)) {
          p++;
          depth--;
          state = S_AFTER;
        } else {
          state = c === 123 ? S_KEY : S_VALUE;
        }
      } else {
        p = skipScalar(b, p, end);
        if (p < 0) return -1;
        state = S_AFTER;
      }
    } else if (state === S_AFTER) {
      if (depth === 0) return p;
      p = skipSpace(b, p, end);
      const c = b[p];
      const open = stack[depth - 1];
      if (c === 44) {
        p = skipSpace(b, p + 1, end);
        state = open === 123 ? S_KEY : S_VALUE;
      } else if (c === (open === 123 ? 125 : 93)) {
        p++;
        depth--;
      } else {
        return -1;
      }
    } else {
      if (b[p] !== 34) return -1;
      p = skipString(b, p + 1, end);
      if (p < 0) {
        if (p === -1) return -1;
        p = -2 - p;
      }
      p = skipSpace(b, p, end);
      if (b[p] !== 58) return -1;
      p = skipSpace(b, p + 1, end);
      state = S_VALUE;
    }
  }
}

/** The Falyx action object: skipped like any object, but its `ignore_in_history` is kept. */
function scanActionObject(b: Uint8Array, p: number, end: number, slots: Slots): number {
  p = skipSpace(b, p + 1, end);
  if (b[p] === 125) return p + 1;
  for (;;) {
    if (b[p] !== 34) return -1;
    const keyStart = p + 1;
    let q = skipString(b, keyStart, end);
    if (q < 0) {
      if (q === -1) return -1;
      q = -2 - q;
    }
    const isIgnore = q - 1 - keyStart === IGNORE_KEY.length && matchWord(b, keyStart, q - 1, IGNORE_KEY) > 0;
    p = skipSpace(b, q, end);
    if (b[p] !== 58) return -1;
    p = skipSpace(b, p + 1, end);
    const valueStart = p;
    const c = b[p];
    p = c === 123 || c === 91 ? skipContainer(b, p, end) : c === 34 ? skipString(b, p + 1, end) : skipScalar(b, p, end);
    if (p < -1) p = -2 - p;
    if (p < 0) return -1;
    if (isIgnore) {
      slots.kind[F.nested_ignore] = c === 116 ? KIND.true : c === 102 ? KIND.false : c === 110 ? KIND.null : KIND.number;
      slots.start[F.nested_ignore] = valueStart;
      slots.end[F.nested_ignore] = p;
      slots.flag[F.nested_ignore] = 0;
    }
    p = skipSpace(b, p, end);
    const next = b[p];
    if (next === 44) p = skipSpace(b, p + 1, end);
    else if (next === 125) return p + 1;
    else return -1;
  }
}
