// The line bytes and the bytes of JSON the scanner tells apart. Positions are relative
// to the data area; the reader keeps a newline after the last line, and padding after it.
import { data } from "./layout";

export const TAB: i32 = 9;
export const NEWLINE: i32 = 10;
export const RETURN: i32 = 13;
export const SPACE: i32 = 32;
export const QUOTE: i32 = 34;
export const PLUS: i32 = 43;
export const COMMA: i32 = 44;
export const MINUS: i32 = 45;
export const DOT: i32 = 46;
export const ZERO: i32 = 48;
export const COLON: i32 = 58;
export const OPEN_BRACKET: i32 = 91;
export const BACKSLASH: i32 = 92;
export const OPEN_BRACE: i32 = 123;
export const CLOSE_BRACE: i32 = 125;
/** `x | 32` of an ASCII letter is its lower case. */
export const LOWER: i32 = 32;

/** The byte at line position p. */
// @ts-ignore: decorator
@inline export function byteAt(p: i32): i32 {
  return load<u8>(<usize>p, data.at);
}

/** True when the byte c is a digit. */
// @ts-ignore: decorator
@inline export function isDigit(c: i32): bool {
  return <u32>(c - ZERO) < 10;
}

/** The 16 bytes from p: a bit for each that is a quote, a backslash or a control byte. */
// @ts-ignore: decorator
@inline export function stringStops(p: i32): i32 {
  const v = v128.load(<usize>p, data.at);
  const stops = v128.or(
    v128.or(i8x16.eq(v, i8x16.splat(<i8>QUOTE)), i8x16.eq(v, i8x16.splat(<i8>BACKSLASH))),
    i8x16.lt_u(v, i8x16.splat(<i8>SPACE)),
  );
  return i8x16.bitmask(stops);
}

/** Past the digits at p, 16 bytes at a time. */
// @ts-ignore: decorator
@inline export function skipDigits(p: i32): i32 {
  while (true) {
    const v = v128.load(<usize>p, data.at);
    const others = i8x16.bitmask(i8x16.lt_u(i8x16.sub(v, i8x16.splat(<i8>ZERO)), i8x16.splat(10))) ^ 0xffff;
    if (others != 0) return p + ctz(others);
    p += 16;
  }
}
