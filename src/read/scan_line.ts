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

// Known keys by byte length, each as [bytes, slot].
const KEYS_BY_LENGTH: Array<Array<[Uint8Array, number]>> = [];
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
  const bytes = new TextEncoder().encode(key);
  (KEYS_BY_LENGTH[bytes.length] ??= []).push([bytes, slot]);
}
const IGNORE_KEY = new TextEncoder().encode("ignore_in_history");

const MAX_DEPTH = 500;

let buf: Uint8Array = new Uint8Array(0);
let limit = 0;

/**
 * Walks the top-level object of the line in `bytes[start, end)`, validating every value
 * by the JSON grammar (NaN and infinities allowed) but building none, and fills `slots`
 * with the indexed keys. Anything unusual (escaped keys, deep nesting, a line that is not
 * a valid object) gives {@link SCAN_UNDECIDED}: the caller then parses the line fully.
 */
export function scanLine(bytes: Uint8Array, start: number, end: number, slots: Slots): number {
  buf = bytes;
  limit = end;
  slots.clear();
  let pos = skipSpace(start);
  if (buf[pos] !== 123) return SCAN_UNDECIDED;
  pos = skipSpace(pos + 1);
  if (buf[pos] === 125) return skipSpace(pos + 1) === end ? SCAN_OK : SCAN_UNDECIDED;
  for (;;) {
    if (buf[pos] !== 34) return SCAN_UNDECIDED;
    const keyStart = pos + 1;
    const keyEnd = skipString(keyStart);
    if (keyEnd < 0) return SCAN_UNDECIDED;
    const slot = slotOf(keyStart, keyEnd - 1);
    if (slot === -2) return SCAN_UNDECIDED; // escaped key: let the full parse decode it
    pos = skipSpace(keyEnd);
    if (buf[pos] !== 58) return SCAN_UNDECIDED;
    pos = skipSpace(pos + 1);
    const valueStart = pos;
    if (slot === F.action && buf[pos] === 123) {
      pos = scanActionObject(pos, slots);
    } else {
      pos = skipValue(pos, 0);
    }
    if (pos < 0) return SCAN_UNDECIDED;
    if (slot >= 0) record(slots, slot, valueStart, pos);
    pos = skipSpace(pos);
    const c = buf[pos];
    if (c === 44) {
      pos = skipSpace(pos + 1);
      continue;
    }
    if (c === 125) return skipSpace(pos + 1) === end ? SCAN_OK : SCAN_UNDECIDED;
    return SCAN_UNDECIDED;
  }
}

function record(slots: Slots, slot: number, start: number, end: number): void {
  const c = buf[start];
  let kind: number;
  let flag = 0;
  if (c === 34) {
    kind = KIND.string;
    start++;
    end--;
    for (let i = start; i < end; i++) {
      if (buf[i] === 92) {
        flag = 1;
        break;
      }
    }
  } else if (c === 123) {
    kind = KIND.object;
    flag = skipSpace(start + 1) === end - 1 ? 0 : 1;
  } else if (c === 91) {
    kind = KIND.array;
    flag = skipSpace(start + 1) === end - 1 ? 0 : 1;
  } else if (c === 116) kind = KIND.true;
  else if (c === 102) kind = KIND.false;
  else if (c === 110) kind = KIND.null;
  else kind = KIND.number;
  // A repeated key: the last one wins, as in JSON.parse and Python.
  slots.kind[slot] = kind;
  slots.start[slot] = start;
  slots.end[slot] = end;
  slots.flag[slot] = flag;
}

/** The Falyx action object: skipped like any object, but its `ignore_in_history` is kept. */
function scanActionObject(pos: number, slots: Slots): number {
  pos = skipSpace(pos + 1);
  if (buf[pos] === 125) return pos + 1;
  for (;;) {
    if (buf[pos] !== 34) return -1;
    const keyStart = pos + 1;
    const keyEnd = skipString(keyStart);
    if (keyEnd < 0) return -1;
    const isIgnore = keyEnd - 1 - keyStart === IGNORE_KEY.length && equalsAt(keyStart, IGNORE_KEY);
    pos = skipSpace(keyEnd);
    if (buf[pos] !== 58) return -1;
    pos = skipSpace(pos + 1);
    const valueStart = pos;
    pos = skipValue(pos, 1);
    if (pos < 0) return -1;
    if (isIgnore) record(slots, F.nested_ignore, valueStart, pos);
    pos = skipSpace(pos);
    const c = buf[pos];
    if (c === 44) pos = skipSpace(pos + 1);
    else if (c === 125) return pos + 1;
    else return -1;
  }
}

function slotOf(start: number, end: number): number {
  const candidates = KEYS_BY_LENGTH[end - start];
  for (let i = start; i < end; i++) if (buf[i] === 92) return -2;
  if (candidates === undefined) return -1;
  for (const [bytes, slot] of candidates) if (equalsAt(start, bytes)) return slot;
  return -1;
}

function equalsAt(pos: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false;
  return true;
}

function skipSpace(pos: number): number {
  while (pos < limit) {
    const c = buf[pos];
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else break;
  }
  return pos;
}

/** From just after an opening quote to just after the closing one; -1 if invalid. */
function skipString(pos: number): number {
  while (pos < limit) {
    const c = buf[pos]!;
    if (c === 34) return pos + 1;
    if (c === 92) {
      const e = buf[pos + 1];
      if (e === 117) {
        for (let i = 2; i < 6; i++) {
          const h = buf[pos + i] ?? 0;
          if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return -1;
        }
        pos += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        pos += 2;
      } else {
        return -1;
      }
    } else if (c < 32) {
      return -1;
    } else {
      pos++;
    }
  }
  return -1;
}

function skipValue(pos: number, depth: number): number {
  const c = buf[pos];
  if (c === 34) return skipString(pos + 1);
  if (c === 123) return depth >= MAX_DEPTH ? -1 : skipObject(pos, depth + 1);
  if (c === 91) return depth >= MAX_DEPTH ? -1 : skipArray(pos, depth + 1);
  if (c === 116) return word(pos, TRUE);
  if (c === 102) return word(pos, FALSE);
  if (c === 110) return word(pos, NULL);
  if (c === 78) return word(pos, NAN);
  if (c === 73) return word(pos, INFINITY);
  return skipNumber(pos);
}

const TRUE = new TextEncoder().encode("true");
const FALSE = new TextEncoder().encode("false");
const NULL = new TextEncoder().encode("null");
const NAN = new TextEncoder().encode("NaN");
const INFINITY = new TextEncoder().encode("Infinity");

function word(pos: number, bytes: Uint8Array): number {
  if (pos + bytes.length > limit || !equalsAt(pos, bytes)) return -1;
  return pos + bytes.length;
}

function skipDigits(pos: number): number {
  while (pos < limit) {
    const c = buf[pos]!;
    if (c < 48 || c > 57) break;
    pos++;
  }
  return pos;
}

function skipNumber(pos: number): number {
  if (buf[pos] === 45) {
    pos++;
    if (buf[pos] === 73) return word(pos, INFINITY);
  }
  const first = buf[pos];
  if (first === 48) pos++;
  else if (first !== undefined && first >= 49 && first <= 57 && pos < limit) pos = skipDigits(pos + 1);
  else return -1;
  if (buf[pos] === 46 && pos < limit) {
    const after = skipDigits(pos + 1);
    if (after === pos + 1) return -1;
    pos = after;
  }
  const e = buf[pos];
  if ((e === 101 || e === 69) && pos < limit) {
    pos++;
    const s = buf[pos];
    if (s === 43 || s === 45) pos++;
    const after = skipDigits(pos);
    if (after === pos) return -1;
    pos = after;
  }
  return pos;
}

function skipObject(pos: number, depth: number): number {
  pos = skipSpace(pos + 1);
  if (buf[pos] === 125) return pos + 1;
  for (;;) {
    if (buf[pos] !== 34) return -1;
    pos = skipString(pos + 1);
    if (pos < 0) return -1;
    pos = skipSpace(pos);
    if (buf[pos] !== 58) return -1;
    pos = skipValue(skipSpace(pos + 1), depth);
    if (pos < 0) return -1;
    pos = skipSpace(pos);
    const c = buf[pos];
    if (c === 44) pos = skipSpace(pos + 1);
    else if (c === 125) return pos + 1;
    else return -1;
  }
}

function skipArray(pos: number, depth: number): number {
  pos = skipSpace(pos + 1);
  if (buf[pos] === 93) return pos + 1;
  for (;;) {
    pos = skipValue(pos, depth);
    if (pos < 0) return -1;
    pos = skipSpace(pos);
    const c = buf[pos];
    if (c === 44) pos = skipSpace(pos + 1);
    else if (c === 93) return pos + 1;
    else return -1;
  }
}
