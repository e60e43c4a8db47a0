/**
 * The keys of a generated Falyx record as another program might name them, and the
 * `--map` that reads them back: the log of `bench/generate.ts --renamed`, which
 * `bench/mapped.ts` reads against the same log with Falyx's keys. Falyx's action object
 * (`{"ignore_in_history": true}`) is written as a key of its own, `hidden`.
 */

/** Falyx's top-level key → the renamed one. */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
  name: "task",
  index: "seq",
  run_id: "trace",
  start_time: "t_start",
  end_time: "t_end",
  start_wall: "began",
  duration: "secs",
  status: "outcome",
  exception: "failure",
  traceback: "trace_text",
  result: "output",
};

/** The `--map` arguments that read the renamed keys as Falyx's. */
export const RENAMED_MAP: readonly string[] = [
  "name=task",
  "index=seq",
  "run=trace",
  "start=began",
  "start=t_start",
  "end=t_end",
  "duration=secs",
  "status=outcome",
  "exception=failure",
  "traceback=trace_text",
  "result=output",
  "ignore=hidden",
].flatMap((spec) => ["--map", spec]);
