/**
 * The keys of a generated Falyx record as another program might name them, and the
 * `--map` that reads them back: the log of `bench/generate.ts --renamed`, which
 * `bench/mapped.ts` reads against the same log with Falyx's keys. Falyx's action object
 * (`{"ignore_in_history": true}`) is written as a key of its own.
 */

/** Falyx's top-level key → the renamed one, of the same length (the two logs are the same size, or nearly). */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
  name: "task",
  index: "order",
  run_id: "job_id",
  start_time: "begin_time",
  end_time: "fin_time",
  start_wall: "begin_wall",
  duration: "timespan",
  status: "health",
  exception: "exc_value",
  traceback: "exc_trace",
  result: "output",
};

/** Where the renamed log says a record is not to be counted by `last` (Falyx: `action.ignore_in_history`). */
export const RENAMED_IGNORE = "hidden_from_history";

/** The `--map` arguments that read the renamed keys as Falyx's. */
export const RENAMED_MAP: readonly string[] = [
  "name=task",
  "index=order",
  "run=job_id",
  "start=begin_wall",
  "start=begin_time",
  "end=fin_time",
  "duration=timespan",
  "status=health",
  "exception=exc_value",
  "traceback=exc_trace",
  "result=output",
  `ignore=${RENAMED_IGNORE}`,
].flatMap((spec) => ["--map", spec]);
