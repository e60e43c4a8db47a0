import { endClockOf, startClockOf } from "../columns/columns.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import { CLOCK, type Clock, isShownClock, MAX_INSTANT_MICROS } from "../read/time.ts";

/** Executions placed in time: start and end in microseconds on one clock. */
export interface Spans {
  /** The clock every span is on: wall-clock (instant or naive) when any record has one, else monotonic. */
  clock: Clock;
  positions: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  /** Earliest start and latest end. */
  from: number;
  to: number;
  /** Records left out: no start on that clock. */
  untimed: number;
}

/**
 * The executions among `positions` that can be placed on a time line: those whose
 * start is on the chosen clock (wall-clock when some record has one, else the
 * monotonic one). The end is the logged end on the same clock, else start + duration,
 * kept within what can be shown: on a wall clock the end of the year 9999 at the latest
 * (a huge duration would end past any date), on the monotonic clock a finite number.
 */
export function placeSpans(registry: ExecutionRegistry, positions: Uint32Array): Spans {
  const { flags, start, end, duration } = registry.columns;
  let clock: Clock = CLOCK.none;
  for (let j = 0; j < positions.length && !isShownClock(clock); j++) {
    const c = startClockOf(flags[positions[j]!]!);
    if (isShownClock(c) || (c === CLOCK.monotonic && clock === CLOCK.none)) clock = c;
  }
  const wall = isShownClock(clock);
  const last = wall ? MAX_INSTANT_MICROS : Number.MAX_VALUE;
  const keep = new Uint32Array(positions.length);
  const s = new Float64Array(positions.length);
  const e = new Float64Array(positions.length);
  let n = 0;
  let from = Infinity;
  let to = -Infinity;
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    const f = flags[pos]!;
    const c = startClockOf(f);
    if (c === CLOCK.none || (wall ? !isShownClock(c) : c !== CLOCK.monotonic)) continue;
    const begin = start[pos]!;
    const d = duration[pos]!;
    const ec = endClockOf(f);
    const finish = (wall ? isShownClock(ec) : false) ? end[pos]! : Number.isNaN(d) ? begin : begin + d * 1e6;
    keep[n] = pos;
    s[n] = begin;
    e[n] = Math.max(begin, Math.min(finish, last));
    if (begin < from) from = begin;
    if (e[n]! > to) to = e[n]!;
    n++;
  }
  return {
    clock,
    positions: keep.slice(0, n),
    start: s.slice(0, n),
    end: e.slice(0, n),
    from: n === 0 ? 0 : from,
    to: n === 0 ? 0 : to,
    untimed: positions.length - n,
  };
}
