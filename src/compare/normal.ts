/**
 * The standard normal distribution's upper tail, for the rank test's p-value. Only
 * `Math.exp` is used (no `Math.erf` exists), through the Chebyshev fit of erfc in
 * Numerical Recipes (fractional error under 1.2e-7), enough for a p-value shown to
 * four decimals.
 */

/** The complementary error function erfc(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(
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
