import type { StatusCounts } from "../query/registry.ts";

/** The values of `--fail-on`. */
export const FAIL_ON = ["error", "other", "any", "none"] as const;

/** Which records make `report` exit 1: errors, other statuses, either, or none. */
export type FailOn = (typeof FAIL_ON)[number];

/** True when a record of the kind `failOn` names is among `counts`. */
export function failOnMatches(counts: StatusCounts, failOn: FailOn): boolean {
  switch (failOn) {
    case "error":
      return counts.error > 0;
    case "other":
      return counts.other > 0;
    case "any":
      return counts.error > 0 || counts.other > 0;
    case "none":
      return false;
  }
}
