import { endClockOf, startClockOf } from "../columns/columns.ts";
import type { ExecutionRegistry, StatusCounts } from "../query/registry.ts";
import { groupPositions, type GroupStats } from "../query/group.ts";
import { CLOCK, type Clock, isShownClock, YEAR_10000_MICROS } from "../read/time.ts";
import type { TimeValue } from "../types.ts";
import { type FailOn, failOnMatches } from "./fail_on.ts";
import { type FailureGroup, groupFailures } from "./failure_groups.ts";
import { slowestPositions } from "./slowest.ts";

/** How much of a log a report reads back and shows. */
export interface ReportLimits {
  /** Failures shown with their traceback (markdown, json). */
  failuresShown: number;
  slowest: number;
  /** Failures read back to group by exception. */
  failuresGrouped: number;
}

/** The limits of `exechist report`. */
export const REPORT_LIMITS: ReportLimits = { failuresShown: 50, slowest: 10, failuresGrouped: 10_000 };

/** What a report says of an input with no record (stderr, annotations). */
export const EMPTY_INPUT = "No records in the input: an empty log, or a run that stopped before it logged anything " +
  "(the report fails; --allow-empty accepts an empty input)";

/** The time the matched records cover. */
export interface TimeSpan {
  /** Earliest start and latest end (or start + duration) among displayable times. */
  start: TimeValue | null;
  end: TimeValue | null;
  /** From `start` to `end`, in seconds. */
  wallSeconds: number | null;
  /** The sum of the known durations, in seconds. */
  busySeconds: number | null;
}

/**
 * The facts of a report, computed from the registry's columns. Details (exceptions,
 * tracebacks) are not here: renderers read them back for the failures they show.
 */
export interface ReportData {
  /** Records read, before filters. */
  total: number;
  badLines: number;
  /** The records that pass the filters, in input order. */
  positions: Uint32Array;
  /** Success / error / other among `positions`. */
  counts: StatusCounts;
  /** Each "other" status as written, with its count, most frequent first. */
  otherStatuses: Array<[string, number]>;
  span: TimeSpan;
  /** Per name, in order of first appearance. */
  names: GroupStats[];
  /** The longest executions, longest first. */
  slowest: number[];
  /** Every failure (status class error) among `positions`, in input order. */
  failures: Uint32Array;
  failureGroups: FailureGroup[];
  /** How many of `failures` the groups were built from. */
  failuresGrouped: number;
  failOn: FailOn;
  /** No record was read at all (an empty log, a run that stopped before it logged): a failure unless allowed. */
  empty: boolean;
  /** True when `failOn` matches, or the input is empty and that was not allowed: the report's exit status is 1. */
  failing: boolean;
}

/** Computes a report's facts over the given (filtered) positions; an input with no record fails unless `allowEmpty`. */
export function buildReportData(
  registry: ExecutionRegistry,
  positions: Uint32Array,
  failOn: FailOn,
  limits: ReportLimits = REPORT_LIMITS,
  allowEmpty = false,
): ReportData {
  const counts = { success: 0, error: 0, other: 0 };
  const others = new Map<string, number>();
  const failures = new Uint32Array(positions.length);
  let failed = 0;
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    const status = registry.statusClassOf(pos);
    counts[status]++;
    if (status === "error") failures[failed++] = pos;
    else if (status === "other") {
      const text = registry.statusOf(pos);
      others.set(text, (others.get(text) ?? 0) + 1);
    }
  }
  const failurePositions = failures.slice(0, failed);
  const grouping = groupFailures(registry, failurePositions, limits.failuresGrouped);
  return {
    total: registry.size,
    badLines: registry.diagnostics.badLineCount,
    positions,
    counts,
    otherStatuses: [...others].sort((a, b) => b[1] - a[1]),
    span: timeSpan(registry, positions),
    names: groupPositions(registry, positions, "name"),
    slowest: slowestPositions(registry, positions, limits.slowest),
    failures: failurePositions,
    failureGroups: grouping.groups,
    failuresGrouped: grouping.grouped,
    failOn,
    empty: registry.size === 0,
    failing: failOnMatches(counts, failOn) || (registry.size === 0 && !allowEmpty),
  };
}

/** Earliest start to latest end of the given records; naive wall times are compared as if UTC. */
export function timeSpan(registry: ExecutionRegistry, positions: Uint32Array): TimeSpan {
  const { columns } = registry;
  let start = Infinity;
  let end = -Infinity;
  let startClock: Clock = CLOCK.none;
  let endClock: Clock = CLOCK.none;
  let busy = 0;
  let timed = 0;
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    const flags = columns.flags[pos]!;
    const duration = columns.duration[pos]!;
    if (!Number.isNaN(duration)) {
      busy += duration;
      timed++;
    }
    const sc = startClockOf(flags);
    const s = columns.start[pos]!;
    const hasStart = isShownClock(sc);
    if (hasStart && s < start) {
      start = s;
      startClock = sc;
    }
    const ec = endClockOf(flags);
    if (isShownClock(ec)) {
      if (columns.end[pos]! > end) {
        end = columns.end[pos]!;
        endClock = ec;
      }
    } else if (hasStart && !Number.isNaN(duration)) {
      // A duration that would end past the year 9999 (1e308 seconds) names no time to show.
      const e = s + duration * 1e6;
      if (e > end && e < YEAR_10000_MICROS) {
        end = e;
        endClock = sc;
      }
    }
  }
  const first = start === Infinity ? null : { clock: startClock, micros: start };
  const last = end === -Infinity ? null : { clock: endClock, micros: end };
  return {
    start: first,
    end: last,
    wallSeconds: first && last ? Math.max(0, last.micros - first.micros) / 1e6 : null,
    busySeconds: timed > 0 ? busy : null,
  };
}
