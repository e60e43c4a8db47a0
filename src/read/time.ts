/**
 * The time rules of exechist's input: which clock a value is on and where it sits.
 * Times are kept as microseconds (a float64 holds every microsecond of our era exactly).
 */

/** Which clock a time value is on. */
export const CLOCK = {
  none: 0,
  /** An instant: epoch numbers, ISO-8601 with a zone. Micros since the Unix epoch, UTC. */
  instant: 1,
  /** Wall-clock ISO-8601 without a zone, shown as written: micros as if it were UTC. */
  naive: 2,
  /** `perf_counter()` and its kind: micros since an arbitrary origin; durations only. */
  monotonic: 3,
} as const;

/** True for the clocks a time can be shown on: instant and naive (not none, not monotonic). */
export function isShownClock(clock: number): boolean {
  return clock === CLOCK.instant || clock === CLOCK.naive;
}

export type Clock = (typeof CLOCK)[keyof typeof CLOCK];

/** A time read from a record. */
export interface TimeReading {
  clock: Clock;
  micros: number;
}

/** 10000-01-01T00:00:00Z in microseconds: no instant a number names may reach it. */
export const YEAR_10000_MICROS = Date.UTC(10000, 0, 1) * 1000;

/**
 * The last double below {@link YEAR_10000_MICROS}: 32 µs before it, as close as a double
 * comes to 9999-12-31T23:59:59.999999Z (at this size doubles are 32 µs apart).
 */
export const MAX_INSTANT_MICROS = 253402300799999968;

/**
 * Applies the magnitude rule to a number of seconds/ms/µs/ns or a monotonic reading.
 * False for NaN and infinities, and for what is no instant: a negative number from -1e9
 * down (epochs are positive) or one past the year 9999.
 */
export function classifyTimeNumber(n: number, out: TimeReading): boolean {
  if (!Number.isFinite(n)) return false;
  const abs = Math.abs(n);
  if (abs < 1e9) {
    out.clock = CLOCK.monotonic;
    out.micros = n * 1e6;
    return true;
  }
  if (n < 0) return false;
  if (abs < 1e11) {
    out.clock = CLOCK.instant;
    out.micros = Math.round(n * 1e6);
  } else if (abs < 1e14) {
    out.clock = CLOCK.instant;
    out.micros = Math.round(n * 1e3);
  } else if (abs < 1e17) {
    out.clock = CLOCK.instant;
    out.micros = Math.round(n);
  } else {
    out.clock = CLOCK.instant;
    out.micros = Math.floor(n / 1e3);
  }
  return out.micros < YEAR_10000_MICROS;
}

/**
 * Reads a time string from bytes `[start, end)`: ISO-8601 (`T` or space between date
 * and time, optional fraction, `Z` or `±HH:MM`/`±HHMM`/`±HH` zone) or a decimal number
 * (epoch seconds to nanoseconds, as OTLP writes them). False when it is neither.
 */
export function parseTimeBytes(b: Uint8Array, start: number, end: number, out: TimeReading): boolean {
  if (end - start >= 10 && b[start + 4] === 45 && b[start + 7] === 45) return parseIso(b, start, end, out);
  return parseDecimalTime(b, start, end, out);
}

/** As {@link parseTimeBytes}, for a string. */
export function parseTimeString(text: string, out: TimeReading): boolean {
  const bytes = new TextEncoder().encode(text);
  return parseTimeBytes(bytes, 0, bytes.length, out);
}

function digitsAt(b: Uint8Array, pos: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    const d = (b[pos + i] ?? 0) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// The date of the last ISO time read, and its day number: logs repeat the same date for many lines.
const lastDate = new Uint8Array(10);
let lastDays = NaN;

/** The day number of the `YYYY-MM-DD` at `b[start]`, NaN when it is not a valid date. */
function isoDays(b: Uint8Array, start: number): number {
  let same = !Number.isNaN(lastDays);
  for (let i = 0; same && i < 10; i++) same = b[start + i] === lastDate[i];
  if (same) return lastDays;
  const year = digitsAt(b, start, 4);
  const month = digitsAt(b, start + 5, 2);
  const day = digitsAt(b, start + 8, 2);
  // Years 0001 to 9999, as ISO-8601 writes them in four digits (the scanner leaves year 0 here).
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  lastDate.set(b.subarray(start, start + 10));
  lastDays = daysFromCivil(year, month, day);
  return lastDays;
}

function parseIso(b: Uint8Array, start: number, end: number, out: TimeReading): boolean {
  const days = isoDays(b, start);
  if (Number.isNaN(days)) return false;
  let pos = start + 10;
  let hour = 0, minute = 0, second = 0, micros = 0;
  if (pos < end) {
    const sep = b[pos];
    if (sep !== 84 && sep !== 116 && sep !== 32) return false; // T, t, space
    hour = digitsAt(b, pos + 1, 2);
    if (b[pos + 3] !== 58) return false;
    minute = digitsAt(b, pos + 4, 2);
    pos += 6;
    if (b[pos] === 58) {
      second = digitsAt(b, pos + 1, 2);
      pos += 3;
      if (b[pos] === 46 || b[pos] === 44) {
        pos++;
        let scale = 100000;
        const fracStart = pos;
        while (pos < end) {
          const d = (b[pos] ?? 0) - 48;
          if (d < 0 || d > 9) break;
          micros += d * scale;
          scale /= 10;
          pos++;
        }
        micros = Math.floor(micros);
        if (pos === fracStart) return false;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  }
  let clock: Clock = CLOCK.naive;
  let offsetMinutes = 0;
  if (pos < end) {
    const z = b[pos];
    if ((z === 90 || z === 122) && pos + 1 === end) {
      clock = CLOCK.instant;
    } else if (z === 43 || z === 45) {
      const oh = digitsAt(b, pos + 1, 2);
      let om = 0;
      const rest = end - (pos + 3);
      if (rest === 3 && b[pos + 3] === 58) om = digitsAt(b, pos + 4, 2);
      else if (rest === 2) om = digitsAt(b, pos + 3, 2);
      else if (rest !== 0) return false;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
      clock = CLOCK.instant;
    } else {
      return false;
    }
  }
  const seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  out.clock = clock;
  out.micros = seconds * 1e6 + micros;
  return true;
}

function parseDecimalTime(b: Uint8Array, start: number, end: number, out: TimeReading): boolean {
  let text = "";
  for (let i = start; i < end; i++) {
    const c = b[i] ?? 0;
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) return false;
    text += String.fromCharCode(c);
  }
  if (text === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  const digitsOnly = /^\d{18,}$/.test(text);
  // Integer nanosecond strings beyond 2^53: take microseconds from the text itself.
  if (digitsOnly) {
    out.clock = CLOCK.instant;
    out.micros = Number(text.slice(0, -3));
    return out.micros < YEAR_10000_MICROS;
  }
  return classifyTimeNumber(Number(text), out);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
