/**
 * Validating skippers for JSON values in bytes, building nothing: the scanner's inner
 * loops. Each returns the position after the value, or -1 when it is not valid JSON
 * (NaN and infinities allowed). Reads stop at `end`; `b[end]` must be readable.
 */

const encoder = new TextEncoder();
const MAX_DEPTH = 512;

export function skipSpace(b: Uint8Array, p: number, end: number): number {
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
export function skipString(b: Uint8Array, p: number, end: number): number {
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

export function matchWord(b: Uint8Array, p: number, end: number, word: Uint8Array): number {
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
export function skipScalar(b: Uint8Array, p: number, end: number): number {
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
export function skipContainer(b: Uint8Array, p: number, end: number): number {
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
