import type { JsonObject, JsonValue } from "./json/value.ts";
import type { StatusClass } from "./read/status.ts";
import type { Clock } from "./read/time.ts";

export type { StatusClass } from "./read/status.ts";
export type { JsonObject, JsonValue } from "./json/value.ts";

/** A time as read: its clock and microseconds (since the epoch, or as-if-UTC when naive). */
export interface TimeValue {
  clock: Clock;
  micros: number;
}

/** One execution, from the registry's columns: cheap, no result or traceback. */
export interface ExecRecord {
  /** 0-based position among all records read. */
  position: number;
  index: number;
  name: string;
  /** Displayable start (instant or naive); null when absent or monotonic. */
  start: TimeValue | null;
  end: TimeValue | null;
  /** Seconds, null when unknown. */
  duration: number | null;
  /** `success`, `error`, or the status as written. */
  status: string;
  statusClass: StatusClass;
  runId: string | null;
  ignored: boolean;
  /** `FILE:LINE`. */
  source: string;
}

/** What is read back from the log when a record is shown. */
export interface RecordDetails {
  /** The original object, every field it had. */
  fields: JsonObject;
  result: JsonValue;
  exception: JsonValue;
  traceback: string | null;
  /** `name(1, 'a', k=v)`: the record's own `signature`, else built from args and kwargs. */
  signature: string;
}
