// Validating skippers of JSON values (NaN and infinities allowed), building nothing:
// each takes the position of a value's first byte (of a string: just after its opening
// quote) and returns the position after it, or -1 when it is not valid JSON. No loop
// needs a bound: each stops at a newline, and the reader keeps one after the bytes.
// Strings and digits go 16 bytes at a time (SIMD).
import {
  BACKSLASH,
  byteAt,
  COLON,
  COMMA,
  isDigit,
  LOWER,
  MINUS,
  DOT,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  RETURN,
  SPACE,
  skipDigits,
  stringStops,
  TAB,
  ZERO,
} from "./bytes";
import { data, escapable, hexDigit, stack } from "./layout";

/** 1 when the string skipped last held an escape. */
export let escaped: i32 = 0;

/** Past blanks from p. */
export function skipSpace(p: i32): i32 {
  while (true) {
    const c = byteAt(p);
    if (c != SPACE && c != TAB && c != RETURN) return p;
    p++;
  }
}

/** Past blanks at p: a call only when the byte there is one (or below: a newline returns at once). */
// @ts-ignore: decorator
@inline export function space(p: i32): i32 {
  return byteAt(p) <= SPACE ? skipSpace(p) : p;
}

/** From just after an opening quote to just after the closing one (-1: not valid); sets {@link escaped}. */
export function skipString(p: i32): i32 {
  escaped = 0;
  while (true) {
    const stops = stringStops(p);
    if (stops == 0) {
      p += 16;
      continue;
    }
    p += ctz(stops);
    const c = byteAt(p);
    if (c == QUOTE) return p + 1;
    if (c != BACKSLASH) return -1; // a control byte (a newline ends the line)
    escaped = 1;
    const e = load<u8>(<usize>p, data.at + 1);
    if (e == 117) { // \u and four hexadecimal digits
      const hex = load<u8>(load<u8>(<usize>p, data.at + 2), hexDigit.at) &
        load<u8>(load<u8>(<usize>p, data.at + 3), hexDigit.at) &
        load<u8>(load<u8>(<usize>p, data.at + 4), hexDigit.at) &
        load<u8>(load<u8>(<usize>p, data.at + 5), hexDigit.at);
      if (hex == 0) return -1;
      p += 6;
      continue;
    }
    if (load<u8>(e, escapable.at) == 0) return -1;
    p += 2;
  }
}

/**
 * As {@link skipString}, without a call when the string closes within 16 bytes without
 * an escape, as most keys and many values do.
 */
// @ts-ignore: decorator
@inline export function skipShortString(p: i32): i32 {
  const stops = stringStops(p);
  if (stops != 0) {
    const q = p + ctz(stops);
    if (byteAt(q) == QUOTE) {
      escaped = 0;
      return q + 1;
    }
  }
  return skipString(p);
}

/** A number or one of true, false, null, NaN, Infinity, -Infinity. */
export function skipScalar(p: i32): i32 {
  let c = byteAt(p);
  // Literals: their bytes compared as one little-endian load.
  if (c == 116) return load<u32>(<usize>p, data.at) == 0x65757274 ? p + 4 : -1; // true
  if (c == 102) return load<u32>(<usize>p, data.at + 1) == 0x65736c61 ? p + 5 : -1; // false: alse
  if (c == 110) return load<u32>(<usize>p, data.at) == 0x6c6c756e ? p + 4 : -1; // null
  if (c == 78) return load<u16>(<usize>p, data.at + 1) == 0x4e61 ? p + 3 : -1; // NaN: aN
  if (c == MINUS) c = byteAt(++p);
  if (c == 73) return load<u64>(<usize>p, data.at) == 0x7974696e69666e49 ? p + 8 : -1; // Infinity
  if (c == ZERO) {
    p++;
  } else {
    if (<u32>(c - ZERO - 1) >= 9) return -1;
    p = skipDigits(p + 1);
  }
  if (byteAt(p) == DOT) {
    if (!isDigit(byteAt(p + 1))) return -1;
    p = skipDigits(p + 2);
  }
  if ((byteAt(p) | LOWER) == 101) { // e or E
    c = byteAt(++p);
    if (c == PLUS || c == MINUS) p++;
    if (!isDigit(byteAt(p))) return -1;
    p = skipDigits(p + 1);
  }
  return p;
}

/** From just after a key's closing quote at p past blanks, the colon and blanks, to the value's first byte (or -1). */
// @ts-ignore: decorator
@inline export function skipColon(p: i32): i32 {
  p = space(p);
  if (byteAt(p) != COLON) return -1;
  return space(p + 1);
}

/** An object key with its colon, from its opening quote to the value's first byte. */
function skipKey(p: i32): i32 {
  if (byteAt(p) != QUOTE) return -1;
  p = skipShortString(p + 1);
  return p < 0 ? -1 : skipColon(p);
}

/** A whole object or array from its opening bracket, validated without recursion. */
export function skipContainer(p: i32): i32 {
  let depth = 0;
  while (true) { // p is at a value
    let c = byteAt(p);
    if (c == OPEN_BRACE || c == OPEN_BRACKET) {
      if (depth == stack.count) return -1;
      store<u8>(depth, c, stack.at);
      depth++;
      p = space(p + 1);
      if (byteAt(p) != c + 2) { // } is { + 2, ] is [ + 2
        if (c == OPEN_BRACE) {
          p = skipKey(p);
          if (p < 0) return -1;
        }
        continue;
      }
      p++;
      depth--;
    } else {
      p = c == QUOTE ? skipShortString(p + 1) : skipScalar(p);
      if (p < 0) return -1;
    }
    // p is after a value: close what ends here, then find the next value.
    while (true) {
      if (depth == 0) return p;
      p = space(p);
      c = byteAt(p);
      const open = <i32>load<u8>(depth - 1, stack.at);
      if (c == COMMA) {
        p = space(p + 1);
        if (open == OPEN_BRACE) {
          p = skipKey(p);
          if (p < 0) return -1;
        }
        break;
      }
      if (c != open + 2) return -1;
      p++;
      depth--;
    }
  }
}
