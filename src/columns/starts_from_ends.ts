import { CLOCK, isShownClock } from "../read/time.ts";
import { type Columns, endClockOf, startClockOf } from "./columns.ts";

/**
 * Gives each record with no start, but an end on a shown clock and a duration, the start
 * end − duration, on the end's clock: a logger writes a line when the work is done, so
 * its time is the end (src/formats/logger_presets.ts). Returns how many it gave one.
 */
export function startsFromEnds(columns: Columns, size: number): number {
  const { start, end, duration, flags } = columns;
  let given = 0;
  for (let i = 0; i < size; i++) {
    const f = flags[i]!;
    if (startClockOf(f) !== CLOCK.none || !isShownClock(endClockOf(f)) || !Number.isFinite(duration[i]!)) continue;
    start[i] = end[i]! - Math.round(duration[i]! * 1e6);
    flags[i] = f | endClockOf(f);
    given++;
  }
  return given;
}
