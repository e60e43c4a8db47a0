/** Seconds for JUnit's `time`: three decimals, no exponent, never negative. */
export function junitSeconds(seconds: number): string {
  return Number.isFinite(seconds) && seconds > 0 ? seconds.toFixed(3) : "0.000";
}

/** Integer milliseconds for CTRF. */
export function wholeMillis(seconds: number | null): number {
  return seconds !== null && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
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
