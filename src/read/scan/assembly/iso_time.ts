// ISO-8601 times in a string slot, as time.ts `parseIso` reads them (operation by
// operation where doubles are involved): `YYYY-MM-DD`, then `T`, `t` or a space and
// `HH:MM[:SS[.fraction]]`, then nothing (naive), `Z` or an offset (instant). Only
// successes are recorded (the slot's clock); anything else, and years before 1, is left
// to time.ts, which also words the error. A string not shaped as a date may be a decimal
// time (time_number.ts).
import { byteAt, COLON, COMMA, DOT, LOWER, MINUS, PLUS, SPACE, ZERO } from "./bytes";
import { CLOCK_INSTANT, CLOCK_NAIVE, data, slotClock, slotValue } from "./layout";
import { decimalTime } from "./time_number";

/** The two digits at p, or -1. */
function digits2(p: i32): i32 {
  const a = byteAt(p) - ZERO;
  const b = <i32>load<u8>(<usize>p, data.at + 1) - ZERO;
  return (<u32>a > 9) | (<u32>b > 9) ? -1 : a * 10 + b;
}

function daysInMonth(year: i32, month: i32): i32 {
  if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/** Days since 1970-01-01 (Howard Hinnant's algorithm), for years from 1 (no negative division). */
function daysFromCivil(year: i32, month: i32, day: i32): i32 {
  const y = <u32>(year - (month <= 2 ? 1 : 0));
  const era = y / 400;
  const yoe = y - era * 400;
  const doy = (153 * <u32>((month + 9) % 12) + 2) / 5 + <u32>day - 1;
  return <i32>(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

/** Reads the string [s, e) of a time slot: its clock and micros, or clock 0 when left to time.ts. */
export function readTimeString(slot: i32, s: i32, e: i32): void {
  store<u8>(slot, 0, slotClock.at);
  if (e - s < 10 || load<u8>(<usize>s, data.at + 4) != MINUS || load<u8>(<usize>s, data.at + 7) != MINUS) {
    decimalTime(slot, s, e); // not a date: a decimal time, or not a time
    return;
  }
  const century = digits2(s);
  let year = digits2(s + 2);
  if ((century | year) < 0) return;
  year += century * 100;
  if (year == 0) return;
  const month = digits2(s + 5);
  if (<u32>(month - 1) >= 12) return;
  const day = digits2(s + 8);
  if (day < 1 || day > daysInMonth(year, month)) return;
  let pos = s + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micros: f64 = 0;
  if (pos < e) {
    const separator = byteAt(pos);
    if ((separator | LOWER) != 116 && separator != SPACE) return; // T, t or a space
    if (load<u8>(<usize>pos, data.at + 3) != COLON) return;
    hour = digits2(pos + 1);
    minute = digits2(pos + 4);
    pos += 6;
    if (byteAt(pos) == COLON) {
      second = digits2(pos + 1);
      pos += 3;
      const c = byteAt(pos);
      if (c == DOT || c == COMMA) {
        const from = ++pos;
        let scale: f64 = 100000;
        for (; pos < e; pos++) {
          const d = byteAt(pos) - ZERO;
          if (<u32>d > 9) break;
          micros += <f64>d * scale;
          scale /= 10;
        }
        micros = Math.floor(micros);
        if (pos == from) return;
      }
    }
    if (<u32>hour > 23 || <u32>minute > 59 || <u32>second > 60) return; // -1 (not digits) is above them too
  }
  let clock = CLOCK_NAIVE;
  let offset = 0;
  if (pos < e) {
    const z = byteAt(pos);
    if ((z | LOWER) == 122 && pos + 1 == e) { // Z or z, last
      clock = CLOCK_INSTANT;
    } else {
      if (z != PLUS && z != MINUS) return;
      const oh = digits2(pos + 1);
      let om = 0;
      const rest = e - (pos + 3);
      if (rest == 3 && load<u8>(<usize>pos, data.at + 3) == COLON) om = digits2(pos + 4);
      else if (rest == 2) om = digits2(pos + 3);
      else if (rest != 0) return;
      if (<u32>oh > 23 || <u32>om > 59) return;
      offset = oh * 60 + om;
      if (z == MINUS) offset = -offset;
      clock = CLOCK_INSTANT;
    }
  }
  // (days * 86400 + hour * 3600 + minute * 60 + second - offset * 60) * 1e6 + micros: exact
  // integers until the product, as the doubles of time.ts are.
  const seconds = <i64>daysFromCivil(year, month, day) * 86400 + <i64>(hour * 3600 + minute * 60 + second - offset * 60);
  store<f64>(<usize>slot * slotValue.stride, <f64>seconds * 1e6 + micros, slotValue.at);
  store<u8>(slot, clock, slotClock.at);
}
