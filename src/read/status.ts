/** The class of an execution's outcome. */
export type StatusClass = "success" | "error" | "other";

const SUCCESS = new Set(["ok", "success", "succeeded", "completed", "passed"]);
const ERROR = new Set(["error", "failed", "failure", "exception", "crashed"]);

/** Classifies a status as written (case does not matter): success, error, or other. */
export function classifyStatus(status: string): StatusClass {
  const lower = status.toLowerCase();
  if (SUCCESS.has(lower)) return "success";
  if (ERROR.has(lower)) return "error";
  return "other";
}

/** Status codes in the registry: 0 success, 1 error, 2 and up an "other" status by id. */
export const STATUS_SUCCESS = 0;
export const STATUS_ERROR = 1;
export const FIRST_OTHER_STATUS = 2;
