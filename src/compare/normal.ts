/**
 * The standard normal distribution's upper tail, for the rank test's p-value: the
 * Chebyshev fit of erfc in Numerical Recipes (fractional error under 1.2e-7), enough for
 * a p-value shown to four decimals. Its exponential is {@link exactExp}, not `Math.exp`,
 * whose last bit differs between JavaScript engines (Node and Bun gave p-values one unit
 * apart in the last place): built on + - * / alone, which IEEE 754 rounds alike everywhere,
 * it gives the same p-value, and the same JSON, on Node, Bun and Deno alike.
 */

// ln 2 in two parts (fdlibm's split: the high part has zeros in its low bits, so k * LN2_HI is exact).
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e+00;
const BITS = new DataView(new ArrayBuffer(8));

/**
 * e^x from + - * / and exact steps only, the same bits on every engine: x = k ln2 + r with
 * |r| <= ln2 / 2, e^r by its Taylor series (18 terms: past the last bit), times 2^k. Within
 * a few units in the last place of `Math.exp`; 0 below e^-708 (subnormal results).
 */
export function exactExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709) return Infinity;
  if (x < -708) return 0;
  const k = Math.round(x * INV_LN2);
  const r = (x - k * LN2_HI) - k * LN2_LO;
  let sum = 1;
  let term = 1;
  for (let i = 1; i <= 18; i++) {
    term = (term * r) / i;
    sum += term;
  }
  // 2^k built from its bits: k is within -1021..1023, a normal double.
  BITS.setUint32(0, (k + 1023) << 20);
  BITS.setUint32(4, 0);
  return sum * BITS.getFloat64(0);
}

/** The complementary error function erfc(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * exactExp(
    -z * z - 1.26551223 +
      t * (1.00002368 +
          t * (0.37409196 +
              t * (0.09678418 +
                  t * (-0.18628806 +
                      t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return x >= 0 ? r : 2 - r;
}

/** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z score. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}
