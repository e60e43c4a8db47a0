import { CLOCK, MAX_INSTANT_MICROS, YEAR_10000_MICROS } from "../read/time.ts";
import type { ByteSink } from "./byte_sink.ts";

const DAY_MS = 86_400_000;

/**
 * Writes what `formatIsoTime` writes in UTC (no `--local`) for a time of years 0001-9999,
 * digit by digit; false, with nothing written, for any other year (the caller writes the string).
 */
export function writeIsoTime(sink: ByteSink, microsIn: number, clock: number): boolean {
  const micros = microsIn === YEAR_10000_MICROS ? MAX_INSTANT_MICROS : Math.round(microsIn);
  const ms = Math.floor(micros / 1000);
  const subMicros = ((micros % 1000) + 1000) % 1000;
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  // Days to a civil date (H. Hinnant's algorithm), March-based years.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 1 && year <= 9999)) return false;
  sink.ensure(40);
  put(sink, year, 4);
  sink.buffer[sink.length++] = 45;
  put(sink, month, 2);
  sink.buffer[sink.length++] = 45;
  put(sink, day, 2);
  sink.buffer[sink.length++] = 84;
  put(sink, Math.floor(inDay / 3_600_000), 2);
  sink.buffer[sink.length++] = 58;
  put(sink, Math.floor(inDay / 60_000) % 60, 2);
  sink.buffer[sink.length++] = 58;
  put(sink, Math.floor(inDay / 1000) % 60, 2);
  const milli = inDay % 1000;
  if (subMicros !== 0 || milli !== 0) {
    sink.buffer[sink.length++] = 46;
    put(sink, milli, 3);
    if (subMicros !== 0) put(sink, subMicros, 3);
  }
  if (clock === CLOCK.instant) sink.buffer[sink.length++] = 90;
  return true;
}

function put(sink: ByteSink, n: number, width: number): void {
  const buffer = sink.buffer;
  for (let i = sink.length + width - 1; i >= sink.length; i--) {
    buffer[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  sink.length += width;
}
