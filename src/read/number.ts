/**
 * The value of a JSON number written in bytes, exactly as `Number()` reads it (the
 * nearest double, ties to even), without building a string for the common shapes.
 *
 * While its digits make an integer below 2^53 (all of 15 digits, most of 16) the
 * decimal is an exact integer over an exact power of ten, so one division rounds
 * correctly. Python writes most floats with 16 or 17 digits, often beyond that; for up
 * to 19 digits the integer is held exactly as a sum of doubles, divided, and the
 * remainder of the division computed exactly (Dekker's products) to correct the
 * quotient. An exponent moves the point (Python writes 3.3e-05): the same holds while
 * the power of ten left is exact (10^22 at most), and an integer below 2^53 times an
 * exact power of ten is one rounding too. Only when the true value lies within a hair
 * of the midpoint between two doubles — or outside these shapes: more digits, larger
 * powers, NaN, Infinity — does it fall back to `Number()`.
 */

export const POW10 = [
  1,
  1e1,
  1e2,
  1e3,
  1e4,
  1e5,
  1e6,
  1e7,
  1e8,
  1e9,
  1e10,
  1e11,
  1e12,
  1e13,
  1e14,
  1e15,
  1e16,
  1e17,
  1e18,
  1e19,
  1e20,
  1e21,
  1e22,
];
const SPLITTER = 134217729; // 2^27 + 1
/** Integers up to this are exact doubles. */
const MAX_EXACT = 2 ** 53;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // the word with the exponent
let productError = 0;

/** a * b rounded; the exact rounding error left in {@link productError}. */
function twoProduct(a: number, b: number): number {
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

/** The number in `b[start, end)`: any JSON number, or NaN, Infinity, -Infinity. */
export function numberAt(b: Uint8Array, start: number, end: number): number {
  let p = start;
  const negative = b[p] === 45;
  if (negative) p++;
  let point = -1; // where the decimal point is
  // Leading zeros, the point among them ("0.000123"): not significant.
  for (; p < end; p++) {
    const c = b[p]!;
    if (c === 46 && point < 0) point = p;
    else if (c !== 48) break;
  }
  let high = 0; // the first 15 significant digits
  let taken = 0;
  for (; p < end && taken < 15; p++) {
    const d = b[p]! - 48;
    if (d >>> 0 < 10) {
      high = high * 10 + d;
      taken++;
    } else if (d === -2 && point < 0) { // "."
      point = p;
    } else if ((d | 32) === 53) { // "e" or "E": the exponent follows
      break;
    } else {
      return slow(b, start, end); // NaN, Infinity
    }
  }
  let low = 0; // up to 4 more
  let lowDigits = 0;
  for (; p < end; p++) {
    const d = b[p]! - 48;
    if (d >>> 0 < 10) {
      if (lowDigits === 4) return slow(b, start, end); // more than 19 digits
      low = low * 10 + d;
      lowDigits++;
    } else if (d === -2 && point < 0) {
      point = p;
    } else if ((d | 32) === 53) {
      break;
    } else {
      return slow(b, start, end);
    }
  }
  const fraction = point < 0 ? 0 : p - point - 1; // the grammar puts only digits after the point
  const power = fraction - (p < end ? exponentAt(b, p + 1, end) : 0); // the value is the digits over 10^power
  if (!(power >= -22 && power <= 22)) return slow(b, start, end); // NaN: an exponent of more than 4 digits
  const scale = POW10[lowDigits]!;
  const whole = high * scale + low; // rounded only when 2^53 or more (2^53 is a double)
  let value: number;
  if (whole < MAX_EXACT) { // an exact integer and an exact power of ten: one rounding
    value = power === 0 ? whole : power > 0 ? whole / POW10[power]! : whole * POW10[-power]!;
  } else {
    value = power < 0 ? NaN : wideQuotient(high, low, scale, POW10[power]!);
    if (Number.isNaN(value)) return slow(b, start, end);
  }
  return negative ? -value : value;
}

/** The exponent written in `b[p, end)` (after the "e"), NaN when it has no digits or more than 4. */
function exponentAt(b: Uint8Array, p: number, end: number): number {
  const sign = b[p] === 45 ? -1 : 1;
  if (b[p] === 45 || b[p] === 43) p++;
  if (p === end || end - p > 4) return NaN;
  let exponent = 0;
  for (; p < end; p++) {
    const d = b[p]! - 48;
    if (d >>> 0 >= 10) return NaN;
    exponent = exponent * 10 + d;
  }
  return sign * exponent;
}

/**
 * (high * scale + low) / divisor rounded to nearest, or NaN when that cannot be
 * decided cheaply. All four are exact integers: high < 10^15, low < scale <= 10^4,
 * divisor = 10^f with f <= 22.
 */
function wideQuotient(high: number, low: number, scale: number, divisor: number): number {
  // The integer M exactly as sum + sumError + productError (two-sum of p and low).
  const p = twoProduct(high, scale);
  const pError = productError;
  const sum = p + low;
  const z = sum - p;
  const sumError = (p - (sum - z)) + (low - z);
  const q = sum / divisor;
  if (q < 1e-290 || q > 1e300) return NaN; // far from subnormals and overflow
  // The remainder M - q * divisor, exact but for a rounding far below q's last bit.
  const t = twoProduct(q, divisor);
  const remainder = ((sum - t) - productError) + (sumError + pError);
  const correction = remainder / divisor;
  bits[0] = q;
  const high32 = words[HIGH]!;
  const exponent = (high32 >>> 20) & 0x7ff;
  if ((high32 & 0xfffff) === 0 && words[1 - HIGH] === 0) return NaN; // a power of two: the ulp below is smaller
  words[HIGH] = (exponent - 52) << 20;
  words[1 - HIGH] = 0;
  const units = correction / bits[0]!; // the correction in units of q's last place
  const fromMidpoint = units - Math.floor(units) - 0.5;
  if (fromMidpoint > -1e-6 && fromMidpoint < 1e-6) return NaN;
  return q + correction;
}

function slow(b: Uint8Array, start: number, end: number): number {
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(b[i]!);
  if (text === "NaN") return NaN;
  if (text === "Infinity") return Infinity;
  if (text === "-Infinity") return -Infinity;
  return Number(text);
}
