import { Interner } from "./intern.ts";
import {
  DURATION_ALIASES,
  END_ALIASES,
  EXCEPTION_ALIASES,
  IGNORE_ALIASES,
  KIND,
  NAME_ALIASES,
  RUN_ALIASES,
  SLOT,
  START_ALIASES,
} from "./fields.ts";
import { decodeString, EscapedIds } from "./escaped_ids.ts";
import { DEFAULT_FIELD_MAP, type FieldMap, noNameReason } from "./field_map.ts";
import { codeOfOtlpStatus, isErrorLevel, numberIn, stateOf, valueAt } from "./status_fields.ts";
import type { Slots } from "./scanner.ts";
import { textAt } from "./slot_text.ts";
import { classifyStatus, FIRST_OTHER_STATUS, STATUS_ERROR, STATUS_SUCCESS } from "./status.ts";
import { classifyTimeNumber, CLOCK, type Clock, parseTimeBytes, parseTimeString, type TimeReading } from "./time.ts";

/** The indexed fields of one record, as the registry stores them. */
export class RecordFields {
  nameId = 0;
  /** The record's own index, or -1 when it has none. */
  index = -1;
  start = NaN;
  startClock: Clock = CLOCK.none;
  end = NaN;
  endClock: Clock = CLOCK.none;
  /** Seconds, NaN when unknown. */
  duration = NaN;
  status = STATUS_SUCCESS;
  /** 0 when the record names no run. */
  runId = 0;
  ignored = false;
}

/** The interned strings the normalizer fills: names, raw statuses and run ids. */
export class FieldTables {
  readonly names = new Interner(0);
  /** Other statuses as written, ids from {@link FIRST_OTHER_STATUS}. */
  readonly statuses = new Interner(FIRST_OTHER_STATUS);
  readonly runs = new Interner(1);
  /** Names and run ids written with escapes, by their bytes as written (each spelling decoded once). */
  readonly escapedNames = new EscapedIds(this.names);
  readonly escapedRuns = new EscapedIds(this.runs);
  private readonly rawStatuses = new Interner(0);
  private readonly statusCodes: number[] = [];

  /** The registry's status code of a status as written. */
  statusCode(bytes: Uint8Array, start: number, end: number): number {
    const raw = this.rawStatuses.internBytes(bytes, start, end);
    let code = this.statusCodes[raw];
    if (code === undefined) {
      const text = this.rawStatuses.value(raw);
      const cls = classifyStatus(text);
      code = cls === "success" ? STATUS_SUCCESS : cls === "error" ? STATUS_ERROR : this.statuses.intern(text);
      this.statusCodes[raw] = code;
    }
    return code;
  }
}

const encoder = new TextEncoder();
const reading: TimeReading = { clock: CLOCK.none, micros: 0 };

/**
 * Turns the slots of one line into {@link RecordFields} by the rules of SPEC 1.1.
 * Returns null when the record is good, else the reason it is a bad line. `fields`: what
 * the keys are called (in the reasons).
 */
export function normalizeSlots(
  b: Uint8Array,
  slots: Slots,
  tables: FieldTables,
  out: RecordFields,
  fields: FieldMap = DEFAULT_FIELD_MAP,
): string | null {
  const kind = slots.kind;
  const key = fields.slotNames;

  // Name: the first alias that holds a string.
  let nameSlot = -1;
  for (let a = 0; a < NAME_ALIASES.length; a++) {
    if (kind[NAME_ALIASES[a]!] === KIND.string) {
      nameSlot = NAME_ALIASES[a]!;
      break;
    }
  }
  if (nameSlot < 0) {
    for (const s of NAME_ALIASES) {
      const k = kind[s]!;
      if (k !== KIND.absent && k !== KIND.null && !(s === SLOT.action && k === KIND.object)) {
        return `${key[s]} is not a string: ${textAt(b, slots, s)}`;
      }
    }
    return noNameReason(fields);
  }
  if (slots.start[nameSlot] === slots.end[nameSlot]) return `${key[nameSlot]} is empty`;
  out.nameId = internSlot(b, slots, nameSlot, tables.names, tables.escapedNames);

  // Index.
  out.index = -1;
  const indexKind = kind[SLOT.index]!;
  if (indexKind === KIND.number) {
    const n = numberIn(b, slots, SLOT.index);
    if (!Number.isSafeInteger(n) || n < 0) return `index must be an integer >= 0, got ${textAt(b, slots, SLOT.index)}`;
    out.index = n;
  } else if (indexKind !== KIND.absent && indexKind !== KIND.null) {
    return `index must be an integer >= 0, got ${textAt(b, slots, SLOT.index)}`;
  }

  // Times.
  const startSlot = firstPresent(kind, START_ALIASES);
  const endSlot = firstPresent(kind, END_ALIASES);
  let reason = readTime(b, slots, startSlot, key);
  if (reason !== null) return reason;
  out.start = reading.micros;
  out.startClock = reading.clock;
  const durationSlot = firstPresent(kind, DURATION_ALIASES);
  if (
    durationSlot >= 0 && kind[endSlot] === KIND.number && isMonotonicText(b, slots.start[endSlot]!, slots.end[endSlot]!)
  ) {
    // A perf_counter end beside a duration is never shown nor needed: not worth converting.
    out.end = NaN;
    out.endClock = CLOCK.monotonic;
  } else {
    reason = readTime(b, slots, endSlot, key);
    if (reason !== null) return reason;
    out.end = reading.micros;
    out.endClock = reading.clock;
  }

  // Duration: the field, else end - start on one clock.
  out.duration = NaN;
  if (durationSlot >= 0) {
    if (kind[durationSlot] !== KIND.number) {
      return `${key[durationSlot]} is not a number: ${textAt(b, slots, durationSlot)}`;
    }
    const n = numberIn(b, slots, durationSlot);
    out.duration = durationSlot === SLOT.duration_ms ? n / 1000 : n;
    if (!Number.isFinite(out.duration)) out.duration = NaN;
  } else if (out.startClock !== CLOCK.none && out.startClock === out.endClock) {
    out.duration = (out.end - out.start) / 1e6;
  } else {
    out.duration = monotonicDuration(b, slots);
  }

  // Status: as written, else error when there is an exception.
  const statusKind = kind[SLOT.status]!;
  if (statusKind === KIND.string) {
    out.status = slots.id[SLOT.status]!;
    if (out.status < 0) {
      const start = slots.start[SLOT.status]!;
      const end = slots.end[SLOT.status]!;
      if (slots.flag[SLOT.status]) {
        const text = encoder.encode(decodeString(b, start, end));
        out.status = tables.statusCode(text, 0, text.length);
      } else {
        out.status = tables.statusCode(b, start, end);
      }
      slots.cacheId(SLOT.status, out.status);
    }
  } else if (statusKind === KIND.object) {
    // OTLP's span status, {"code": 2, "message": …}: 2 (STATUS_CODE_ERROR) is an error, 0 (unset) and 1 (ok) are not.
    const code = codeOfOtlpStatus(valueAt(b, slots, SLOT.status));
    if (code === undefined) return `${key[SLOT.status]} is not a string: ${textAt(b, slots, SLOT.status)}`;
    out.status = code;
  } else if (statusKind === KIND.absent || statusKind === KIND.null) {
    const state = stateOf(b, slots);
    out.status = state !== undefined
      ? tables.statusCode(state, 0, state.length)
      : hasException(slots) || isErrorLevel(b, slots)
      ? STATUS_ERROR
      : STATUS_SUCCESS;
  } else {
    return `${key[SLOT.status]} is not a string: ${textAt(b, slots, SLOT.status)}`;
  }

  // Run.
  out.runId = 0;
  const runSlot = firstPresent(kind, RUN_ALIASES);
  if (runSlot >= 0) {
    const k = kind[runSlot];
    if (k === KIND.string) out.runId = internSlot(b, slots, runSlot, tables.runs, tables.escapedRuns);
    else if (k === KIND.number) out.runId = tables.runs.internBytes(b, slots.start[runSlot]!, slots.end[runSlot]!);
    else return `${key[runSlot]} is not a string or number: ${textAt(b, slots, runSlot)}`;
  }

  // Ignored in history.
  const ignoreSlot = firstPresent(kind, IGNORE_ALIASES);
  out.ignored = ignoreSlot >= 0 && kind[ignoreSlot] === KIND.true;
  return null;
}

function firstPresent(kind: Uint8Array, aliases: readonly number[]): number {
  for (let a = 0; a < aliases.length; a++) { // not for-of: on Bun that allocates, per record
    const k = kind[aliases[a]!];
    if (k !== KIND.absent && k !== KIND.null) return aliases[a]!;
  }
  return -1;
}

/**
 * True when the JSON number in `b[start, end)` is plainly below 1e9 in magnitude (at
 * most 9 digits before the point, no exponent): a monotonic clock by the time rules.
 */
function isMonotonicText(b: Uint8Array, start: number, end: number): boolean {
  let p = b[start] === 45 ? start + 1 : start;
  const first = p;
  while (p < end && b[p]! >= 48 && b[p]! <= 57) p++;
  if (p === first || p - first > 9) return false; // NaN, Infinity, or 1e9 and more
  if (p === end) return true;
  if (b[p] !== 46) return false;
  for (p++; p < end; p++) if (b[p] === 101 || b[p] === 69) return false;
  return true;
}

function readTime(b: Uint8Array, slots: Slots, slot: number, key: readonly string[]): string | null {
  reading.clock = CLOCK.none;
  reading.micros = NaN;
  if (slot < 0) return null;
  const k = slots.kind[slot];
  const start = slots.start[slot]!;
  const end = slots.end[slot]!;
  let ok = false;
  let outOfRange = false;
  if (k === KIND.number) {
    const n = numberIn(b, slots, slot);
    ok = classifyTimeNumber(n, reading);
    outOfRange = !ok && Number.isFinite(n);
  } else if (k === KIND.string) {
    if (slots.flag[slot] === 0 && slots.clock[slot] !== 0) { // read by the scanner
      reading.clock = slots.clock[slot] as Clock;
      reading.micros = slots.value[slot]!;
      return null;
    }
    ok = slots.flag[slot]
      ? parseTimeString(decodeString(b, start, end), reading)
      : parseTimeBytes(b, start, end, reading);
  }
  if (ok) return null;
  reading.clock = CLOCK.none;
  reading.micros = NaN;
  if (outOfRange) {
    return `${key[slot]} is not a time: negative (epochs are positive) or past the year 9999: ${
      textAt(b, slots, slot)
    }`;
  }
  return `${key[slot]} is not a time (ISO-8601 or a number): ${textAt(b, slots, slot)}`;
}

/** Falyx writes wall times and perf_counter times side by side: pair the monotonic ones. */
function monotonicDuration(b: Uint8Array, slots: Slots): number {
  const start = monotonicAt(b, slots, START_ALIASES);
  const end = monotonicAt(b, slots, END_ALIASES);
  return Number.isNaN(start) || Number.isNaN(end) ? NaN : (end - start) / 1e6;
}

function monotonicAt(b: Uint8Array, slots: Slots, aliases: readonly number[]): number {
  for (const s of aliases) {
    if (slots.kind[s] !== KIND.number) continue;
    if (classifyTimeNumber(numberIn(b, slots, s), reading) && reading.clock === CLOCK.monotonic) {
      return reading.micros;
    }
  }
  return NaN;
}

function hasException(slots: Slots): boolean {
  const s = firstPresent(slots.kind, EXCEPTION_ALIASES);
  if (s < 0) return false;
  switch (slots.kind[s]) {
    case KIND.string:
      return slots.end[s]! > slots.start[s]!;
    case KIND.object:
    case KIND.array:
      return slots.flag[s] === 1;
    case KIND.false:
      return false;
    default:
      return true;
  }
}

function internSlot(b: Uint8Array, slots: Slots, slot: number, table: Interner, escaped: EscapedIds): number {
  let id = slots.id[slot]!;
  if (id < 0) {
    const start = slots.start[slot]!;
    const end = slots.end[slot]!;
    id = slots.flag[slot] ? escaped.id(b, start, end) : table.internBytes(b, start, end);
    slots.cacheId(slot, id);
  }
  return id;
}
