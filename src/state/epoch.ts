import type { JsonValue } from "../json/value.ts";
import { numberOf } from "../json/value.ts";
import { classifyTimeNumber, CLOCK, type TimeReading } from "../read/time.ts";
import { formatIsoTime, type LocalZone } from "../render/time.ts";
import type { TimeValue } from "../types.ts";
import { plainText } from "./value_kind.ts";

/**
 * A RunState timestamp (`time.time()`: epoch seconds as a float). 0 means "not set";
 * a number too small to be an epoch time, or a value that is not a number, is kept as written.
 */
export type Stamp =
  | { kind: "unset" }
  | { kind: "instant"; time: TimeValue; seconds: number }
  | { kind: "other"; text: string };

/** Reads a timestamp field; larger numbers follow the log rules (epoch ms, µs, ns). */
export function readStamp(value: JsonValue): Stamp {
  const n = numberOf(value);
  if (n === 0) return { kind: "unset" };
  const reading: TimeReading = { clock: CLOCK.none, micros: 0 };
  if (n !== undefined && classifyTimeNumber(n, reading) && reading.clock === CLOCK.instant) {
    return { kind: "instant", time: { clock: CLOCK.instant, micros: reading.micros }, seconds: reading.micros / 1e6 };
  }
  return { kind: "other", text: plainText(value) };
}

/** ISO-8601 of an instant stamp (UTC unless `local`), null otherwise. */
export function stampIso(stamp: Stamp, local: LocalZone = null): string | null {
  return stamp.kind === "instant" ? formatIsoTime(stamp.time, local) : null;
}

/** Seconds from `a` to `b` when both are instants. */
export function secondsBetween(a: Stamp, b: Stamp): number | null {
  if (a.kind !== "instant" || b.kind !== "instant") return null;
  return Math.round(b.time.micros - a.time.micros) / 1e6;
}
