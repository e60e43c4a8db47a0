import { CLOCK, MAX_INSTANT_MICROS, YEAR_10000_MICROS } from "../read/time.ts";
import type { TimeValue } from "../types.ts";

/**
 * The local zone for `--local`: minutes east of UTC at an epoch millisecond (historical
 * offsets with seconds as a fraction: +05:41:16 is 341.27), or null for UTC. Handed in
 * by the runtime, so the core never reads the process's zone.
 */
export type LocalZone = ((epochMs: number) => number) | null;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `+05:30`, or `+05:41:16` when the offset has seconds (ISO 8601's ±hh:mm:ss; local mean time before 1900 or so). */
function formatOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  const hhmm = `${seconds > 0 ? "+" : "-"}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
  return abs % 60 === 0 ? hhmm : `${hhmm}:${pad(abs % 60)}`;
}

interface Parts {
  date: string;
  time: string;
  fraction: string;
  zone: string;
}

function parts(t: TimeValue, local: LocalZone, digits: 0 | 3 | 6 | "auto"): Parts {
  // The last 16 µs of 9999-12-31 (written `23:59:59.99999…`) round up to 10000-01-01 in a double.
  const micros = t.micros === YEAR_10000_MICROS ? MAX_INSTANT_MICROS : Math.round(t.micros);
  let ms = Math.floor(micros / 1000);
  // `%` is exact on doubles; `micros - ms * 1000` is not past 2^53.
  const subMicros = ((micros % 1000) + 1000) % 1000;
  let zone = "";
  if (t.clock === CLOCK.instant) {
    if (local) {
      const offset = Math.round(local(ms) * 60); // seconds
      ms += offset * 1000;
      zone = offset === 0 ? "Z" : formatOffset(offset);
    } else {
      zone = "Z";
    }
  }
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const date = `${year < 0 ? "-" + pad(-year, 6) : year > 9999 ? "+" + pad(year, 6) : pad(year, 4)}-${
    pad(d.getUTCMonth() + 1)
  }-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const milli = d.getUTCMilliseconds();
  let n = digits;
  if (n === "auto") n = subMicros !== 0 ? 6 : milli !== 0 ? 3 : 0;
  const fraction = n === 0 ? "" : n === 3 ? "." + pad(milli, 3) : "." + pad(milli, 3) + pad(subMicros, 3);
  return { date, time, fraction, zone };
}

/**
 * ISO-8601 text of a time: instants in UTC with `Z` (or local with an offset under
 * `--local`), naive wall times as written, without a zone. Fractions as needed: none,
 * milliseconds or microseconds.
 */
export function formatIsoTime(t: TimeValue, local: LocalZone): string {
  const p = parts(t, local, "auto");
  return `${p.date}T${p.time}${p.fraction}${p.zone}`;
}

/** The table's form: `2025-06-01 12:00:00.123Z`; with `sameDayAs`, the time alone when the date matches. */
export function formatTableTime(t: TimeValue | null, local: LocalZone, sameDayAs?: TimeValue | null): string {
  if (t === null) return "n/a";
  const p = parts(t, local, 3);
  if (sameDayAs && sameDayAs.clock === t.clock && parts(sameDayAs, local, 3).date === p.date) {
    return `${p.time}${p.fraction}${p.zone}`;
  }
  return `${p.date} ${p.time}${p.fraction}${p.zone}`;
}

/** The date part (`YYYY-MM-DD`) of a time as it is shown. */
export function formatDate(t: TimeValue, local: LocalZone): string {
  return parts(t, local, 0).date;
}

/** Time of day to the second, with the zone mark: `09:30:50Z`. */
export function formatTimeOfDay(t: TimeValue | null, local: LocalZone): string {
  if (t === null) return "n/a";
  const p = parts(t, local, 0);
  return `${p.time}${p.zone}`;
}

/** Seconds with three decimals, as Falyx shows them: `0.000s`; `n/a` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "n/a";
  return `${seconds.toFixed(3)}s`;
}
