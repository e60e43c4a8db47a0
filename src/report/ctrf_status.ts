import type { StatusClass } from "../read/status.ts";

/** A test's outcome in CTRF. */
export type CtrfStatus = "passed" | "failed" | "skipped" | "pending" | "other";

const SKIPPED = new Set(["cancelled", "canceled", "skipped", "aborted", "interrupted"]);
const PENDING = new Set(["running", "pending", "queued", "scheduled", "waiting", "paused", "started", "in_progress"]);

/**
 * success is passed and error failed; of the other statuses, those that say the work
 * was called off (cancelled, skipped, ...) are skipped, those that say it has not
 * finished (running, pending, ...) pending, and the rest other.
 */
export function ctrfStatus(statusClass: StatusClass, status: string): CtrfStatus {
  if (statusClass === "success") return "passed";
  if (statusClass === "error") return "failed";
  const lower = status.toLowerCase();
  if (SKIPPED.has(lower)) return "skipped";
  if (PENDING.has(lower)) return "pending";
  return "other";
}
