import type { Comparison } from "./compare_logs.ts";

/** The values of `compare --fail-on`. */
export const COMPARE_FAIL_ON = ["new-failure", "regression", "any", "none"] as const;

/** What makes `compare` exit 1: a new failure, a duration regression, either, or nothing. */
export type CompareFailOn = (typeof COMPARE_FAIL_ON)[number];

/** True when the comparison holds what `failOn` names. */
export function compareFails(comparison: Comparison, failOn: CompareFailOn): boolean {
  const newFailure = comparison.newFailures.length > 0;
  const regression = comparison.regressions > 0;
  switch (failOn) {
    case "new-failure":
      return newFailure;
    case "regression":
      return regression;
    case "any":
      return newFailure || regression;
    case "none":
      return false;
  }
}

/** `20%` or `20` (a percent either way) as a fraction, 0.2; null when it is not a number above 0. */
export function parseThreshold(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  if (!match) return null;
  const fraction = Number(match[1]) / 100;
  return fraction > 0 && Number.isFinite(fraction) ? fraction : null;
}
