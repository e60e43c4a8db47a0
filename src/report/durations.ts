/**
 * Seconds for JUnit's `time` (an `xs:decimal`): three decimals, no exponent, never negative;
 * unknown is 0, and a sum too large for a double (Infinity) is written as the largest double.
 */
export function junitSeconds(seconds: number): string {
  if (!(seconds > 0)) return "0.000";
  const s = Math.min(seconds, Number.MAX_VALUE);
  // toFixed writes 1e21 and above with an exponent; a double that large is an integer.
  return s < 1e21 ? s.toFixed(3) : `${BigInt(s)}.000`;
}

/** Integer milliseconds for CTRF: 0 when unknown, at most 2^53 - 1 (an exact integer for every reader). */
export function wholeMillis(seconds: number | null): number {
  if (seconds === null || !(seconds > 0)) return 0;
  return Math.min(Math.round(seconds * 1000), Number.MAX_SAFE_INTEGER);
}

/** A long span as people read it: `2h 03m 05s`, `4m 05s`; empty under a minute. */
export function humanSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 60) return "";
  const total = Math.round(seconds);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${two(h)}h ${two(m)}m`;
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  return `${m}m ${two(s)}s`;
}
