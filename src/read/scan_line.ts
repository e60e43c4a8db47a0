import { F, KIND, SLOT_COUNT } from "./fields.ts";
import { matchWord, skipContainer, skipScalar, skipSpace, skipString } from "./scan_value.ts";

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
