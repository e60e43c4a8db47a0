import type { ExecutionRegistry } from "../query/registry.ts";
import { describeException } from "../report/exception_text.ts";
import { GROUP_MESSAGE_LENGTH } from "../report/failure_groups.ts";

/** Failures of one action that share an exception type and message (numbers aside). */
export interface FailureKind {
  name: string;
  /** The exception's type; empty when the log gives none. */
  type: string;
  /** The first line of the first such failure's message, cut to 200 characters. */
  message: string;
  count: number;
  /** The first such failure. */
  firstPosition: number;
}

/** The failure kinds of one side, and how many failures were read to find them. */
export interface FailureKinds {
  /** By {@link kindKey}, in order of first appearance. */
  kinds: Map<string, FailureKind>;
  /** Names with at least one failure read. */
  failedNames: Set<string>;
  failures: number;
  /** Failures read back (all, or the first `limit`). */
  read: number;
}

/**
 * Messages are compared with every run of digits as `N`, so that an id, a port or
 * a timeout in milliseconds does not make the same failure look new.
 */
export function maskNumbers(message: string): string {
  return message.replace(/\d+/g, "N");
}

/** What makes two failures the same kind: action, exception type, and message with numbers masked. */
export function kindKey(name: string, type: string, message: string): string {
  return `${name}\u0000${type}\u0000${maskNumbers(message)}`;
}

/**
 * Reads back the first `limit` failures (status class error) among `positions` and
 * groups them into kinds. Only those lines are read from the log.
 */
export function collectFailureKinds(registry: ExecutionRegistry, positions: Uint32Array, limit: number): FailureKinds {
  const kinds = new Map<string, FailureKind>();
  const failedNames = new Set<string>();
  let failures = 0;
  let read = 0;
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    if (registry.statusClassOf(pos) !== "error") continue;
    failures++;
    if (read >= limit) continue;
    read++;
    const name = registry.nameOf(pos);
    const details = registry.details(pos);
    const text = describeException(details.exception, details.traceback);
    const message = Array.from(text.message.split(/\r?\n/, 1)[0] ?? "").slice(0, GROUP_MESSAGE_LENGTH).join("");
    const key = kindKey(name, text.type, message);
    failedNames.add(name);
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { name, type: text.type, message, count: 1, firstPosition: pos });
  }
  return { kinds, failedNames, failures, read };
}
