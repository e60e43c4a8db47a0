// A JSON number's value, exactly as `Number()` reads it: number.ts `numberAt`, operation
// by operation, or `slow` set when that is left to number.ts (more than 19 digits,
// powers beyond 10^22, NaN, Infinity, a hair from a midpoint).
import { byteAt, DOT, LOWER, MINUS, PLUS, ZERO } from "./bytes";
import { pow10 } from "./layout";

/** 1 when the number read last is left to number.ts. */
export let slow: i32 = 0;
/** The exact rounding error of the last {@link twoProduct}. */
let productError: f64 = 0;

/** A power that no exact path takes: what {@link exponent} returns for an exponent it does not read. */
const NO_EXPONENT: i32 = 0x10000;
/** 2^27 + 1, Dekker's splitter. */
const SPLITTER: f64 = 134217729;
/** Integers below this are exact doubles. */
const MAX_EXACT: f64 = 9007199254740992;

// @ts-ignore: decorator
@inline function powerOfTen(n: i32): f64 {
  return load<f64>(<usize>n * pow10.stride, pow10.at);
}

/** a * b rounded; the exact rounding error left in {@link productError} (Dekker). */
// @ts-ignore: decorator
@inline function twoProduct(a: f64, b: f64): f64 {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productError = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

/**
 * (high * scale + low) / divisor rounded to nearest; sets {@link slow} when that cannot
 * be decided cheaply (see number.ts wideQuotient).
 */
function wideQuotient(high: f64, low: f64, scale: f64, divisor: f64): f64 {
  const p = twoProduct(high, scale);
  const pError = productError;
  const sum = p + low;
  const z = sum - p;
  const sumError = (p - (sum - z)) + (low - z);
  const q = sum / divisor;
  if (q < 1e-290 || q > 1e300) { // near subnormals or overflow
    slow = 1;
    return 0;
  }
  const t = twoProduct(q, divisor);
  const correction = (((sum - t) - productError) + (sumError + pError)) / divisor;
  const bits = reinterpret<u64>(q);
  if ((bits & 0xfffffffffffff) == 0) { // a power of two: the ulp below is smaller
    slow = 1;
    return 0;
  }
  const ulp = reinterpret<f64>((((bits >> 52) & 0x7ff) - 52) << 52);
  const units = correction / ulp; // the correction in units of q's last place
  const fromMidpoint = units - Math.floor(units) - 0.5;
  if (fromMidpoint > -1e-6 && fromMidpoint < 1e-6) {
    slow = 1;
    return 0;
  }
  return q + correction;
}

/** The exponent written in [p, end) (after the 'e'), or {@link NO_EXPONENT} when it has no digits or more than 4. */
function exponent(p: i32, end: i32): i32 {
  const c = byteAt(p);
  const sign = c == MINUS ? -1 : 1;
  if (c == MINUS || c == PLUS) p++;
  if (p == end || end - p > 4) return NO_EXPONENT;
  let e = 0;
  for (; p < end; p++) {
    const d = byteAt(p) - ZERO;
    if (<u32>d >= 10) return NO_EXPONENT;
    e = e * 10 + d;
  }
  return e * sign;
}

/**
 * For a byte d (less ZERO) among the digits that is not one: the first '.' is the point
 * (its position returned), an 'e' or 'E' ends the digits (-2); anything else (NaN,
 * Infinity, a second point) is left to number.ts (-3).
 */
// @ts-ignore: decorator
@inline function pointOrExponent(d: i32, point: i32, p: i32): i32 {
  if (d == DOT - ZERO && point < 0) return p;
  return (d | LOWER) == 101 - ZERO ? -2 : -3;
}

/** The number in [p, end), exactly as Number() reads it, or {@link slow} set. */
export function number(p: i32, end: i32): f64 {
  slow = 0;
  let point = -1;
  const negative = byteAt(p) == MINUS;
  if (negative) p++;
  for (; p < end; p++) { // leading zeros, the point among them: not significant
    const c = byteAt(p);
    if (c == DOT && point < 0) point = p;
    else if (c != ZERO) break;
  }
  let high: u64 = 0; // the first 15 significant digits
  let taken = 0;
  for (; p < end && taken < 15; p++) {
    const d = byteAt(p) - ZERO;
    if (<u32>d < 10) {
      high = high * 10 + <u64>d;
      taken++;
      continue;
    }
    const at = pointOrExponent(d, point, p);
    if (at == -2) break;
    if (at == -3) {
      slow = 1;
      return 0;
    }
    point = at;
  }
  let low = 0; // up to 4 more
  let lowDigits = 0;
  for (; p < end; p++) {
    const d = byteAt(p) - ZERO;
    if (<u32>d < 10) {
      if (lowDigits == 4) { // more than 19 digits
        slow = 1;
        return 0;
      }
      low = low * 10 + d;
      lowDigits++;
      continue;
    }
    const at = pointOrExponent(d, point, p);
    if (at == -2) break;
    if (at == -3) {
      slow = 1;
      return 0;
    }
    point = at;
  }
  let power = point < 0 ? 0 : p - point - 1; // the value is the digits over 10^power
  if (p < end) power -= exponent(p + 1, end);
  if (<u32>(power + 22) > 44) {
    slow = 1;
    return 0;
  }
  const whole = <f64>high * powerOfTen(lowDigits) + <f64>low;
  let value: f64;
  if (whole < MAX_EXACT) { // an exact integer and an exact power of ten: one rounding
    value = power == 0 ? whole : power > 0 ? whole / powerOfTen(power) : whole * powerOfTen(-power);
  } else {
    if (power < 0) {
      slow = 1;
      return 0;
    }
    value = wideQuotient(<f64>high, <f64>low, powerOfTen(lowDigits), powerOfTen(power));
  }
  return negative ? -value : value;
}
