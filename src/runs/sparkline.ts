/** The eight levels of a sparkline, lowest first. */
export const SPARK_LEVELS = "▁▂▃▄▅▆▇█";

/**
 * Values as a unicode sparkline, one character each, scaled from `floor` (default: the
 * lowest value) to the highest; a missing value is a space. A flat line sits at the
 * fourth level, or the first when it is at the floor (zero errors).
 */
export function sparkline(values: ReadonlyArray<number | null>, floor?: number): string {
  let lowest = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lowest) lowest = v;
    if (v > high) high = v;
  }
  if (high === -Infinity) return values.map(() => " ").join("");
  const low = floor ?? lowest;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return " ";
    if (high === low) return floor !== undefined && v === floor ? SPARK_LEVELS[0] : SPARK_LEVELS[3];
    return SPARK_LEVELS[Math.max(0, Math.min(7, Math.round(((v - low) / (high - low)) * 7)))];
  }).join("");
}
