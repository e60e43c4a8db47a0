import { ExechistError } from "../errors.ts";
import { CLOCK, parseTimeString, type TimeReading } from "../read/time.ts";
import type { RecordFilter } from "./filter.ts";

/** The filters as typed on a command line. */
export interface FilterText {
  names: readonly string[];
  index: string | undefined;
  status: string | undefined;
  since: string | undefined;
  until: string | undefined;
  run: string | undefined;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time from `--since`/`--until`: an ISO-8601 time (a zone-less one is
 * taken as UTC) or a span back from `nowMs`: `90s`, `30m`, `2h`, `7d`, `1w`, `1h30m`.
 * Returns epoch microseconds.
 */
export function parseTimeBound(text: string, nowMs: number, flag: string): number {
  const relative = /^(\d+(?:\.\d+)?(?:ms|[smhdw]))+$/.exec(text);
  if (relative) {
    let ms = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|[smhdw])/g)) {
      ms += Number(amount) * UNIT_MS[unit!]!;
    }
    return (nowMs - ms) * 1000;
  }
  const reading: TimeReading = { clock: CLOCK.none, micros: 0 };
  if (parseTimeString(text, reading) && reading.clock !== CLOCK.monotonic) return reading.micros;
  throw new ExechistError("usage", `${flag} must be an ISO-8601 time or a span like 30m, 2h, 7d; got "${text}"`);
}

/** `-i N`, `N..M`, `N..` or `..M` as an inclusive range. */
export function parseIndexRange(text: string): { from: number; to: number } {
  const m = /^(\d*)(?:\.\.(\d*))?$/.exec(text.trim());
  if (m && (m[1] !== "" || (m[2] !== undefined && m[2] !== ""))) {
    const from = m[1] === "" ? 0 : Number(m[1]);
    const to = m[2] === undefined ? from : m[2] === "" ? Infinity : Number(m[2]);
    if (from <= to) return { from, to };
  }
  throw new ExechistError("usage", `--index must be N or N..M (integers, N <= M); got "${text}"`);
}

/** Turns command-line filters into a {@link RecordFilter}. */
export function buildFilter(text: FilterText, nowMs: number): RecordFilter {
  const filter: RecordFilter = {};
  if (text.names.length > 0) filter.names = text.names;
  if (text.index !== undefined) {
    const { from, to } = parseIndexRange(text.index);
    filter.indexFrom = from;
    filter.indexTo = to;
  }
  if (text.status !== undefined) filter.status = text.status;
  if (text.since !== undefined) filter.sinceMicros = parseTimeBound(text.since, nowMs, "--since");
  if (text.until !== undefined) filter.untilMicros = parseTimeBound(text.until, nowMs, "--until");
  if (text.run !== undefined) filter.runId = text.run;
  return filter;
}
