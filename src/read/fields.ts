/**
 * The top-level keys exechist indexes, in alias order: for each meaning the first
 * alias present (not null) wins. `action` doubles as a name (a string) and as the
 * Falyx action object that may carry `ignore_in_history`.
 */
export const FIELD_KEYS = [
  "name",
  "action",
  "action_name",
  "index",
  "start_wall",
  "started_at",
  "start",
  "start_time",
  "timestamp",
  "end_wall",
  "finished_at",
  "end",
  "end_time",
  "duration",
  "duration_ms",
  "status",
  "exception",
  "error",
  "run_id",
  "session_id",
  "ignore_in_history",
  "action.ignore_in_history",
  "state_type",
  "state",
  "level",
  "levelname",
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];

/** Slot number of each key; the nested `action` → `ignore_in_history` has its own slot. */
export const SLOT = {
  name: 0,
  action: 1,
  action_name: 2,
  index: 3,
  start_wall: 4,
  started_at: 5,
  start: 6,
  start_time: 7,
  timestamp: 8,
  end_wall: 9,
  finished_at: 10,
  end: 11,
  end_time: 12,
  duration: 13,
  duration_ms: 14,
  status: 15,
  exception: 16,
  error: 17,
  run_id: 18,
  session_id: 19,
  ignore_in_history: 20,
  action_dot_ignore: 21,
  state_type: 22,
  state: 23,
  level: 24,
  levelname: 25,
  nested_ignore: 26,
  /** The first key of a dotted path that `--map` names (field_map.ts): its line is left to the full parse. */
  path: 27,
} as const;

/** Slots in all (at most 32: the scanner keeps sets of slots as the bits of an i32, scan/assembly/). */
export const SLOT_COUNT = 28;

export const NAME_ALIASES = [SLOT.name, SLOT.action, SLOT.action_name] as const;
export const START_ALIASES = [SLOT.start_wall, SLOT.started_at, SLOT.start, SLOT.start_time, SLOT.timestamp] as const;
export const END_ALIASES = [SLOT.end_wall, SLOT.finished_at, SLOT.end, SLOT.end_time] as const;
export const DURATION_ALIASES = [SLOT.duration, SLOT.duration_ms] as const;
export const EXCEPTION_ALIASES = [SLOT.exception, SLOT.error] as const;
export const RUN_ALIASES = [SLOT.run_id, SLOT.session_id] as const;
export const IGNORE_ALIASES = [SLOT.ignore_in_history, SLOT.action_dot_ignore, SLOT.nested_ignore] as const;

/**
 * Keys whose presence leaves a line to normalize.ts (the scanner's own normaliser defers
 * it): the state of a Prefect run (`state_type`, `state.type`) and a logger's level,
 * which decide the status of a record that has none; the first key of a mapped dotted
 * path, whose value the full parse reads.
 */
export const DEFERRED_SLOTS = [SLOT.state_type, SLOT.state, SLOT.level, SLOT.levelname, SLOT.path] as const;

/** What a slot holds. */
export const KIND = {
  absent: 0,
  string: 1,
  number: 2,
  true: 3,
  false: 4,
  null: 5,
  object: 6,
  array: 7,
} as const;

export type Kind = (typeof KIND)[keyof typeof KIND];
