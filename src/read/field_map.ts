import type { JsonObject, JsonValue } from "../json/value.ts";
import {
  DURATION_ALIASES,
  END_ALIASES,
  EXCEPTION_ALIASES,
  FIELD_KEYS,
  NAME_ALIASES,
  RUN_ALIASES,
  SLOT,
  START_ALIASES,
} from "./fields.ts";

/** The fields `--map FIELD=PATH` may name. */
export const MAP_FIELDS = [
  "name",
  "index",
  "start",
  "end",
  "duration",
  "duration_ms",
  "status",
  "result",
  "exception",
  "traceback",
  "run",
  "ignore",
] as const;

export type MapField = (typeof MAP_FIELDS)[number];

/** A mapping: for each field, the paths that hold it (a key, or a dotted path), the first present winning. */
export type FieldMapping = Partial<Record<MapField, readonly string[]>>;

/** What a logger preset adds to its mapping (src/formats/logger_presets.ts). */
export interface MappingOptions {
  /** The line's time is its end: a record with an end and a duration but no start starts at end − duration. */
  startFromEnd?: boolean;
  /**
   * The text shown as a failed record's exception when it is not the exception field itself:
   * a path read when the exception field is there, or null: the last line of the traceback
   * (Python's `TypeError: …`).
   */
  errorText?: string | null;
}

/** A field's paths that are not a top-level key, and the slot each fills. */
interface NestedPath {
  segments: readonly string[];
  slot: number;
}

/**
 * How one reader finds exechist's fields in a line: the scanner's key table (top-level
 * keys by slot, and the first key of each dotted path, which leaves its line to the full
 * parse), the full parse's lookups, and the paths of the fields read back (result,
 * exception, traceback). Plain data: the same mapping gives the same map in every thread.
 */
export interface FieldMap {
  /** The mapping it was made from (posted to worker threads, which make their own). */
  readonly mapping: FieldMapping;
  readonly options: MappingOptions;
  /** The scanner's key table: each key and its slot. */
  readonly keyEntries: ReadonlyArray<readonly [string, number]>;
  /** The full parse: the slot of each top-level key. */
  readonly topKeys: ReadonlyMap<string, number>;
  readonly nested: readonly NestedPath[];
  /** The key of `action`'s own `ignore_in_history` (Falyx's action object), "" when there is none. */
  readonly nestedIgnoreKey: string;
  /** What each slot is called in messages: its key or path ("" when nothing fills it). */
  readonly slotNames: readonly string[];
  readonly result: readonly string[];
  readonly exception: readonly string[];
  readonly traceback: readonly string[];
  /** "" for the built-in keys; else what tells this map from another (the index cache keeps them apart). */
  readonly fingerprint: string;
}

/** Why a mapping cannot be used (a usage error where it came from the command line). */
export class MappingError extends Error {
  override name = "MappingError";
}

/** The slots each field fills, in alias order; result and traceback are read back only (no slot). */
const FIELD_SLOTS: Readonly<Record<MapField, readonly number[]>> = {
  name: NAME_ALIASES,
  index: [SLOT.index],
  start: START_ALIASES,
  end: END_ALIASES,
  duration: [SLOT.duration],
  duration_ms: [SLOT.duration_ms],
  status: [SLOT.status],
  result: [],
  exception: EXCEPTION_ALIASES,
  traceback: [],
  run: RUN_ALIASES,
  ignore: [SLOT.ignore_in_history, SLOT.action_dot_ignore],
};

/** The built-in keys a field's mapping replaces: duration in seconds and in milliseconds are one field. */
const REPLACES: Partial<Record<MapField, readonly number[]>> = {
  duration: DURATION_ALIASES,
  duration_ms: DURATION_ALIASES,
};

const DEFAULT_READ_BACK = {
  result: ["result"],
  exception: ["exception", "error"],
  traceback: ["traceback", "stack", "stacktrace"],
} as const;

/** The longest key the scanner's key table holds (scan/layout.ts `keys`). */
export const MAX_KEY_BYTES = 31;

const encoder = new TextEncoder();

/** The map of a mapping (the built-in keys where it names no path); throws {@link MappingError} when it cannot be used. */
export function compileFieldMap(mapping: FieldMapping = {}, options: MappingOptions = {}): FieldMap {
  const paths: Array<string | undefined> = FIELD_KEYS.map((key) => key);
  const fieldOf = new Map<string, MapField>(); // each path mapped to an indexed field, to refuse one for two
  const mappedSlots = new Set<number>();
  for (const field of MAP_FIELDS) {
    const given = mapping[field] ?? [];
    const slots = FIELD_SLOTS[field];
    for (const path of given) checkPath(field, path);
    if (given.length === 0 || slots.length === 0) continue; // read back only: a path may serve two fields
    for (const path of given) {
      const other = fieldOf.get(path);
      if (other !== undefined) throw new MappingError(`"${path}" is mapped to both ${other} and ${field}`);
      fieldOf.set(path, field);
    }
    if (given.length > slots.length) {
      throw new MappingError(`${field} takes at most ${slots.length} path${slots.length === 1 ? "" : "s"}`);
    }
    for (const slot of REPLACES[field] ?? slots) paths[slot] = undefined;
    given.forEach((path, i) => {
      paths[slots[i]!] = path;
      mappedSlots.add(slots[i]!);
    });
  }
  // A key mapped to a field is no longer a built-in alias of another.
  paths.forEach((path, slot) => {
    if (path !== undefined && !mappedSlots.has(slot) && fieldOf.has(path)) paths[slot] = undefined;
  });
  const keyEntries: Array<[string, number]> = [];
  const topKeys = new Map<string, number>();
  const nested: NestedPath[] = [];
  paths.forEach((path, slot) => {
    if (path === undefined) return;
    // Only a mapped path is dotted: the built-in `action.ignore_in_history` is a key with a dot in it.
    if (mappedSlots.has(slot) && path.includes(".")) nested.push({ segments: path.split("."), slot });
    else {
      keyEntries.push([path, slot]);
      topKeys.set(path, slot);
    }
  });
  // The first key of a dotted path leaves its line to the full parse, even where it is also another field's key.
  for (const first of new Set(nested.map((n) => n.segments[0]!))) {
    const at = keyEntries.findIndex(([key]) => key === first);
    if (at >= 0) keyEntries.splice(at, 1);
    keyEntries.push([first, SLOT.path]);
  }
  // Read back as the slots are read: the mapped paths, else the built-in keys not mapped to another field.
  const readBack = (field: "result" | "exception" | "traceback"): readonly string[] =>
    mapping[field]?.length ? mapping[field]! : DEFAULT_READ_BACK[field].filter((key) => !fieldOf.has(key));
  const ignoreKey = paths[SLOT.ignore_in_history];
  const isDefault = mappedSlots.size === 0 && !mapping.result?.length && !mapping.traceback?.length &&
    !options.startFromEnd && options.errorText === undefined;
  return {
    mapping,
    options,
    keyEntries,
    topKeys,
    nested,
    nestedIgnoreKey: topKeys.get(paths[SLOT.action] ?? "") === SLOT.action && ignoreKey !== undefined &&
        topKeys.get(ignoreKey) === SLOT.ignore_in_history
      ? ignoreKey
      : "",
    slotNames: Array.from({ length: SLOT.path }, (_, slot) => paths[slot] ?? ""),
    result: readBack("result"),
    exception: readBack("exception"),
    traceback: readBack("traceback"),
    fingerprint: isDefault ? "" : JSON.stringify([paths, readBack("result"), readBack("traceback"), options]),
  };
}

/** The reason of a line with no name: which keys were looked for. */
export function noNameReason(fields: FieldMap): string {
  const names = NAME_ALIASES.map((s) => fields.slotNames[s]!).filter((name) => name !== "");
  return names.length === 1 ? `no name (no ${names[0]})` : `no name (none of ${names.join(", ")})`;
}

/** The map of the built-in keys. */
export const DEFAULT_FIELD_MAP: FieldMap = compileFieldMap();

function checkPath(field: MapField, path: string): void {
  if (path === "") throw new MappingError(`${field} is mapped to an empty path`);
  const segments = path.split(".");
  if (segments.some((s) => s === "")) throw new MappingError(`"${path}" is not a key or a dotted path (a.b.c)`);
  if (FIELD_SLOTS[field].length > 0 && encoder.encode(segments[0]!).length > MAX_KEY_BYTES) {
    throw new MappingError(`"${segments[0]}" is longer than ${MAX_KEY_BYTES} bytes, the longest key exechist indexes`);
  }
}

/** The value at a key or dotted path of an object (`err.message`: `message` inside `err`); undefined when absent. */
export function valueAtPath(object: JsonObject, path: string): JsonValue | undefined {
  if (!path.includes(".")) return object.get(path);
  let value: JsonValue | undefined = object;
  for (const segment of path.split(".")) {
    if (!(value instanceof Map)) return undefined;
    value = value.get(segment);
  }
  return value;
}

/** The value of the first of `paths` present and not null in an object, else null. */
export function firstAtPaths(object: JsonObject, paths: readonly string[]): JsonValue {
  for (const path of paths) {
    const value = valueAtPath(object, path);
    if (value !== undefined && value !== null) return value;
  }
  return null;
}
