/**
 * Validating skippers for JSON values in bytes, building nothing: the scanner's inner
 * loops. Each takes the position of a value's first byte (of a string: just after its
 * opening quote) and returns the position after the value, or -1 when it is not valid
 * JSON (NaN and infinities allowed). None needs an end bound: every loop stops at a
 * newline (byte 10), which is never valid inside a value, so a buffer that ends in one
 * can be scanned without bounds checks.
 */

const MAX_DEPTH = 512;
const stack = new Uint8Array(MAX_DEPTH);
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
const INFINITY = [73, 110, 102, 105, 110, 105, 116, 121];

/** Set by {@link skipString}: 1 when the string held an escape. */
export let escaped = 0;

/** Past spaces, tabs and carriage returns (a newline ends the line, so it is not skipped). */
export function skipSpace(b: Uint8Array, p: number): number {
  let c = b[p]!;
  while (c === 32 || c === 9 || c === 13) c = b[++p]!;
  return p;
}

/** From just after an opening quote to just after the closing one; sets {@link escaped}. */
export function skipString(b: Uint8Array, p: number): number {
  escaped = 0;
  for (;;) {
    const c = b[p]!;
    if (c >= 35) {
      if (c !== 92) {
        p++;
        continue;
      }
      escaped = 1;
      const e = b[p + 1]!;
      if (e === 117) {
        if (HEX[b[p + 2]!] === 0 || HEX[b[p + 3]!] === 0 || HEX[b[p + 4]!] === 0 || HEX[b[p + 5]!] === 0) return -1;
        p += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        p += 2;
      } else {
        return -1;
      }
    } else if (c === 34) {
      return p + 1;
    } else if (c >= 32) {
      p++;
    } else {
      return -1;
    }
  }
}

/** A number or one of true, false, null, NaN, Infinity, -Infinity. */
export function skipScalar(b: Uint8Array, p: number): number {
  let c = b[p]!;
  switch (c) {
    case 116: // true
      return b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101 ? p + 4 : -1;
    case 102: // false
      return b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101 ? p + 5 : -1;
    case 110: // null
      return b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108 ? p + 4 : -1;
    case 78: // NaN
      return b[p + 1] === 97 && b[p + 2] === 78 ? p + 3 : -1;
    case 45: // minus
      c = b[++p]!;
      break;
  }
  if (c === 48) {
    c = b[++p]!;
  } else if (c >= 49 && c <= 57) {
    do c = b[++p]!; while (c >= 48 && c <= 57);
  } else if (c === 73) {
    for (let i = 0; i < 8; i++) if (b[p + i] !== INFINITY[i]) return -1;
    return p + 8;
  } else {
    return -1;
  }
  if (c === 46) {
    c = b[++p]!;
    if (c < 48 || c > 57) return -1;
    do c = b[++p]!; while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    c = b[++p]!;
    if (c === 43 || c === 45) c = b[++p]!;
    if (c < 48 || c > 57) return -1;
    do c = b[++p]!; while (c >= 48 && c <= 57);
  }
  return p;
}

/** An object key with its colon, from its opening quote to the value's first byte. */
function skipKey(b: Uint8Array, p: number): number {
  if (b[p] !== 34) return -1;
  p = skipString(b, p + 1);
  if (p < 0) return -1;
  p = skipSpace(b, p);
  if (b[p] !== 58) return -1;
  return skipSpace(b, p + 1);
}

/** A whole object or array from its opening bracket, validated without recursion. */
export function skipContainer(b: Uint8Array, p: number): number {
  let depth = 0;
  for (;;) {
    // p is at a value.
    const c = b[p]!;
    if (c === 123 || c === 91) {
      if (depth === MAX_DEPTH) return -1;
      stack[depth++] = c;
      p = skipSpace(b, p + 1);
      if (b[p] === c + 2) { // } is { + 2, ] is [ + 2
        p++;
        depth--;
      } else {
        if (c === 123 && (p = skipKey(b, p)) < 0) return -1;
        continue;
      }
    } else if (c === 34) {
      if ((p = skipString(b, p + 1)) < 0) return -1;
    } else if ((p = skipScalar(b, p)) < 0) {
      return -1;
    }
    // p is after a value: close what ends here, then find the next value.
    for (;;) {
      if (depth === 0) return p;
      p = skipSpace(b, p);
      const d = b[p]!;
      const open = stack[depth - 1]!;
      if (d === 44) {
        p = skipSpace(b, p + 1);
        if (open === 123 && (p = skipKey(b, p)) < 0) return -1;
        break;
      }
      if (d !== open + 2) return -1;
      p++;
      depth--;
    }
  }
}
