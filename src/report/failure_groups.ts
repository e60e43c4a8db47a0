import type { ExecutionRegistry } from "../query/registry.ts";
import { describeException } from "./exception_text.ts";

/** Failures that share an exception type and message. */
export interface FailureGroup {
  type: string;
  /** The message's first line, cut to {@link GROUP_MESSAGE_LENGTH} characters. */
  message: string;
  count: number;
  /** The first failure of the group, in input order. */
  firstPosition: number;
}

/** The grouped failures, and how many failures were read to group them. */
export interface FailureGrouping {
  groups: FailureGroup[];
  /** Failures read back for grouping: all of them, or the first `limit`. */
  grouped: number;
}

/** Messages are grouped on their first line, up to this many characters. */
export const GROUP_MESSAGE_LENGTH = 200;

/**
 * Groups failures by exception type and message, most frequent first. Reads each
 * failure's line back one at a time (nothing is kept but the groups), and only the
 * first `limit` failures, so that a log of millions of failures stays cheap.
 */
export function groupFailures(registry: ExecutionRegistry, failures: Uint32Array, limit: number): FailureGrouping {
  const byKey = new Map<string, FailureGroup>();
  const grouped = Math.min(limit, failures.length);
  for (let j = 0; j < grouped; j++) {
    const pos = failures[j]!;
    const details = registry.details(pos);
    const text = describeException(details.exception, details.traceback);
    const message = Array.from(text.message.split(/\r?\n/, 1)[0] ?? "").slice(0, GROUP_MESSAGE_LENGTH).join("");
    const key = `${text.type}\u0000${message}`;
    const group = byKey.get(key);
    if (group) group.count++;
    else byKey.set(key, { type: text.type, message, count: 1, firstPosition: pos });
  }
  return {
    groups: [...byKey.values()].sort((a, b) => b.count - a.count || a.firstPosition - b.firstPosition),
    grouped,
  };
}
