// Times written as numbers (time.ts classifyTimeNumber, parseDecimalTime): epoch seconds,
// milliseconds, microseconds or nanoseconds by magnitude, a monotonic reading below 1e9;
// and the same as decimal strings (OTLP writes nanoseconds so).
import { byteAt, DOT, isDigit, LOWER, MINUS, PLUS } from "./bytes";
import { CLOCK_INSTANT, CLOCK_MONOTONIC, slotClock, slotValue, YEAR_10000_MICROS } from "./layout";
import { number, slow } from "./numbers";

/** The micros of the time {@link classifyTime} read last. */
export let timeMicros: f64 = 0;

/** Digits of an integer string of nanoseconds at least (time.ts: past 2^53, micros come from the text). */
const NANOSECOND_DIGITS: i32 = 18;
/** Nanoseconds in a microsecond, as digits. */
const NANO_DIGITS: i32 = 3;

/** JavaScript's Math.round: to the nearest integer, halves up. */
// @ts-ignore: decorator
@inline function roundHalfUp(x: f64): f64 {
  const down = Math.floor(x);
  if (x - down < 0.5) return down;
  const up = down + 1;
  return up == 0 && x < 0 ? -0.0 : up;
}

/**
 * The clock of the time number n by the magnitude rule, its micros in {@link timeMicros};
 * -1 when it is not finite or no instant (negative from -1e9 down, or past the year 9999).
 */
export function classifyTime(n: f64): i32 {
  if (!isFinite(n)) return -1;
  const magnitude = Math.abs(n);
  if (magnitude < 1e9) {
    timeMicros = n * 1e6;
    return CLOCK_MONOTONIC;
  }
  if (n < 0) return -1;
  if (magnitude < 1e11) timeMicros = roundHalfUp(n * 1e6);
  else if (magnitude < 1e14) timeMicros = roundHalfUp(n * 1e3);
  else if (magnitude < 1e17) timeMicros = roundHalfUp(n);
  else timeMicros = Math.floor(n / 1e3);
  return timeMicros < YEAR_10000_MICROS ? CLOCK_INSTANT : -1;
}

/** Past the digits at p, not beyond e. */
function digitsEnd(p: i32, e: i32): i32 {
  while (p < e && isDigit(byteAt(p))) p++;
  return p;
}

/**
 * Reads the decimal time string [s, e) of a slot as time.ts parseDecimalTime does
 * (`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`): its clock and micros, or nothing (clock 0)
 * when it is not one or its value is left to number.ts.
 */
export function decimalTime(slot: i32, s: i32, e: i32): void {
  const sign = byteAt(s);
  const first = sign == PLUS || sign == MINUS ? s + 1 : s;
  let p = digitsEnd(first, e);
  let digits = p - first;
  const plain = p == e && first == s; // digits only
  if (p < e && byteAt(p) == DOT) {
    const fraction = p + 1;
    p = digitsEnd(fraction, e);
    digits += p - fraction;
  }
  if (digits == 0) return;
  if (p < e) {
    if ((byteAt(p) | LOWER) != 101) return; // e or E
    p++;
    if (p < e && (byteAt(p) == PLUS || byteAt(p) == MINUS)) p++;
    const exponent = p;
    p = digitsEnd(p, e);
    if (p == exponent || p != e) return;
  }
  let clock = CLOCK_INSTANT;
  if (plain && e - s >= NANOSECOND_DIGITS) { // integer nanoseconds: the micros are the text less its last 3 digits
    timeMicros = number(s, e - NANO_DIGITS);
    if (!(timeMicros < YEAR_10000_MICROS)) return; // past the year 9999: normalize.ts says so
  } else {
    clock = classifyTime(number(sign == PLUS ? s + 1 : s, e)); // Number() reads a leading + as nothing
  }
  if (slow || clock < 0) return;
  store<f64>(<usize>slot * slotValue.stride, timeMicros, slotValue.at);
  store<u8>(slot, clock, slotClock.at);
}
