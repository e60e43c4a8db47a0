import { F, FIELD_KEYS, KIND, SLOT_COUNT } from "./fields.ts";
import { escaped, skipContainer, skipScalar, skipSpace, skipString } from "./scan_value.ts";

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

// Indexed keys by length, first and last byte: open addressing, verified byte by byte.
const TABLE_SIZE = 256;
const tableSlot = new Int8Array(TABLE_SIZE).fill(-1);
const tableKey: Uint8Array[] = [];
const encoder = new TextEncoder();
const hashKey = (length: number, first: number, last: number): number => (length * 37 + first * 7 + last) & (TABLE_SIZE - 1);

for (let slot = 0; slot < FIELD_KEYS.length; slot++) {
  const bytes = encoder.encode(FIELD_KEYS[slot]);
  let i = hashKey(bytes.length, bytes[0]!, bytes[bytes.length - 1]!);
  while (tableSlot[i] !== -1) i = (i + 1) & (TABLE_SIZE - 1);
  tableSlot[i] = slot;
  tableKey[i] = bytes;
}
const IGNORE_KEY = encoder.encode("ignore_in_history");

/** The slot of the key in `b[start, end)`, -1 when it is not indexed. */
function lookupKey(b: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return -1;
  let i = hashKey(length, b[start]!, b[end - 1]!);
  for (;;) {
    const slot = tableSlot[i]!;
    if (slot < 0) return -1;
    const key = tableKey[i]!;
    if (key.length === length) {
      let k = 0;
      while (k < length && b[start + k] === key[k]) k++;
      if (k === length) return slot;
    }
    i = (i + 1) & (TABLE_SIZE - 1);
  }
}

/**
 * Walks the top-level object of the line starting at `b[p]` (an opening brace),
 * validating every value by the JSON grammar (NaN and infinities allowed) but building
 * none, and fills `slots` with the indexed keys (a repeated key: the last wins, as in a
 * full parse). Returns the position of the newline that ends the line, or -1 when the
 * scanner cannot decide — escaped keys, deep nesting, anything that is not one valid
 * object followed by blanks — and the caller parses the line fully. The buffer must
 * hold a newline at or after the line's end (the reader keeps one as a sentinel).
 */
export function scanRecord(b: Uint8Array, p: number, slots: Slots): number {
  const kind = slots.kind;
  slots.clear();
  p = skipSpace(b, p + 1);
  if (b[p] === 125) return lineEnd(b, p + 1);
  for (;;) {
    if (b[p] !== 34) return -1;
    const keyStart = ++p;
    let c = b[p]!;
    while (c !== 34) {
      if (c === 92 || c < 32) return -1; // escaped key: the full parse decodes it
      c = b[++p]!;
    }
    const slot = lookupKey(b, keyStart, p);
    p = skipSpace(b, p + 1);
    if (b[p] !== 58) return -1;
    p = skipSpace(b, p + 1);
    const valueStart = p;
    c = b[p]!;
    if (c === 34) {
      if ((p = skipString(b, p + 1)) < 0) return -1;
      if (slot >= 0) {
        kind[slot] = kindOfValue(c);
        slots.start[slot] = valueStart + 1;
        slots.end[slot] = p - 1;
        slots.flag[slot] = escaped;
      }
    } else if (c === 123 || c === 91) {
      p = slot === F.action && c === 123 ? scanActionObject(b, p, slots) : skipContainer(b, p);
      if (p < 0) return -1;
      if (slot >= 0) {
        kind[slot] = kindOfValue(c);
        slots.start[slot] = valueStart;
        slots.end[slot] = p;
        slots.flag[slot] = skipSpace(b, valueStart + 1) === p - 1 ? 0 : 1;
      }
    } else {
      if ((p = skipScalar(b, p)) < 0) return -1;
      if (slot >= 0) {
        kind[slot] = kindOfValue(c);
        slots.start[slot] = valueStart;
        slots.end[slot] = p;
        slots.flag[slot] = 0;
      }
    }
    p = skipSpace(b, p);
    c = b[p]!;
    if (c === 44) {
      p = skipSpace(b, p + 1);
      continue;
    }
    return c === 125 ? lineEnd(b, p + 1) : -1;
  }
}

function kindOfValue(c: number): number {
  switch (c) {
    case 34:
      return KIND.string;
    case 123:
      return KIND.object;
    case 91:
      return KIND.array;
    case 116:
      return KIND.true;
    case 102:
      return KIND.false;
    case 110:
      return KIND.null;
    default:
      return KIND.number;
  }
}

function lineEnd(b: Uint8Array, p: number): number {
  p = skipSpace(b, p);
  return b[p] === 10 ? p : -1;
}

/** The Falyx action object: skipped like any object, but its `ignore_in_history` is kept. */
function scanActionObject(b: Uint8Array, p: number, slots: Slots): number {
  p = skipSpace(b, p + 1);
  if (b[p] === 125) return p + 1;
  for (;;) {
    if (b[p] !== 34) return -1;
    const keyStart = p + 1;
    const q = skipString(b, keyStart);
    if (q < 0 || escaped) return -1; // an escaped key: the full parse decodes it
    let isIgnore = q - 1 - keyStart === IGNORE_KEY.length;
    for (let k = 0; isIgnore && k < IGNORE_KEY.length; k++) isIgnore = b[keyStart + k] === IGNORE_KEY[k];
    p = skipSpace(b, q);
    if (b[p] !== 58) return -1;
    p = skipSpace(b, p + 1);
    const valueStart = p;
    const c = b[p];
    p = c === 123 || c === 91 ? skipContainer(b, p) : c === 34 ? skipString(b, p + 1) : skipScalar(b, p);
    if (p < 0) return -1;
    if (isIgnore) {
      slots.kind[F.nested_ignore] = kindOfValue(c!);
      slots.start[F.nested_ignore] = valueStart;
      slots.end[F.nested_ignore] = p;
      slots.flag[F.nested_ignore] = 0;
    }
    p = skipSpace(b, p);
    const next = b[p];
    if (next === 44) p = skipSpace(b, p + 1);
    else if (next === 125) return p + 1;
    else return -1;
  }
}
