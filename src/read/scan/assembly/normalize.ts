// The normalizer's common path (normalize.ts `normalizeSlots`) over the slots of a line
// just scanned: when every field is of the usual kind — a cached name, status and run,
// an integer index, times it can read, a number duration — it writes the record's
// fields and sets `ok`; anything else (errors included) is left to normalize.ts, which
// reads the same slots. The agreement tests hold the two together.
import { byteAt, DOT, isDigit, LOWER, MINUS } from "./bytes";
import { number, slow } from "./numbers";
import { classifyTime, timeMicros } from "./time_number";
import {
  CLOCK_MONOTONIC,
  CLOCK_NONE,
  DEFERRED_SLOTS,
  DURATION_ALIASES,
  END_ALIASES,
  EXCEPTION_ALIASES,
  IGNORE_ALIASES,
  KIND_ABSENT,
  KIND_ARRAY,
  KIND_FALSE,
  KIND_NULL,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_STRING,
  KIND_TRUE,
  NAME_ALIASES,
  record,
  RUN_ALIASES,
  SLOT_DURATION_MS,
  SLOT_INDEX,
  SLOT_STATUS,
  slotClock,
  slotEnd,
  slotFlag,
  slotId,
  slotKind,
  slotStart,
  slotValue,
  START_ALIASES,
  STATUS_ERROR,
  STATUS_SUCCESS,
} from "./layout";

// @ts-ignore: decorator
@inline export function kindAt(slot: i32): i32 {
  return load<u8>(slot, slotKind.at);
}

// @ts-ignore: decorator
@inline function flagAt(slot: i32): i32 {
  return load<u8>(slot, slotFlag.at);
}

// @ts-ignore: decorator
@inline function startOf(slot: i32): i32 {
  return load<i32>(<usize>slot * slotStart.stride, slotStart.at);
}

// @ts-ignore: decorator
@inline function endOf(slot: i32): i32 {
  return load<i32>(<usize>slot * slotEnd.stride, slotEnd.at);
}

// @ts-ignore: decorator
@inline function valueOf(slot: i32): f64 {
  return load<f64>(<usize>slot * slotValue.stride, slotValue.at);
}

/** The first of `aliases` among `present` (bits of the slots that hold a value, not null), else -1. */
// @ts-ignore: decorator
@inline function firstPresent(present: i32, aliases: i32): i32 {
  const found = present & aliases;
  return found == 0 ? -1 : ctz(found);
}

/** A JSON number plainly below 1e9 in magnitude (normalize.ts isMonotonicText). */
function isMonotonicText(p: i32, end: i32): bool {
  if (byteAt(p) == MINUS) p++;
  const first = p;
  while (p < end && isDigit(byteAt(p))) p++;
  if (p == first || p - first > 9) return false;
  if (p == end) return true;
  if (byteAt(p) != DOT) return false;
  for (p++; p < end; p++) if ((byteAt(p) | LOWER) == 101) return false; // e or E
  return true;
}

/** The cached id of the string in `slot`, or -1 when it is not a string or not cached. */
// @ts-ignore: decorator
@inline function cachedId(slot: i32): i32 {
  return kindAt(slot) == KIND_STRING ? load<i32>(<usize>slot * slotId.stride, slotId.at) : -1;
}

/** The micros of the time {@link readTime} read last. */
let micros: f64 = 0;

/**
 * The clock of the time in `slot` (-1: none), its micros in {@link micros}: a time string
 * the scanner read, or a number read now (times are read only when a record needs
 * them); -1 when it is left to normalize.ts.
 */
function readTime(slot: i32): i32 {
  micros = NaN;
  if (slot < 0) return CLOCK_NONE;
  const kind = kindAt(slot);
  if (kind == KIND_NUMBER) {
    const n = number(startOf(slot), endOf(slot));
    if (slow) return -1;
    const clock = classifyTime(n);
    micros = timeMicros;
    return clock;
  }
  const clock = <i32>load<u8>(slot, slotClock.at);
  if (kind != KIND_STRING || flagAt(slot) != 0 || clock == 0) return -1; // an escaped or unread string, not a time
  micros = valueOf(slot);
  return clock;
}

/** What {@link monotonicAt} returns when a number is left to number.ts. */
const UNDECIDED: f64 = -Infinity;

/**
 * The micros of the first of `aliases` that holds a monotonic reading (a number below
 * 1e9), NaN when none, {@link UNDECIDED} when a number is left to number.ts.
 */
function monotonicAt(present: i32, aliases: i32): f64 {
  for (let slots = present & aliases; slots != 0; slots &= slots - 1) {
    const slot = ctz(slots);
    if (kindAt(slot) != KIND_NUMBER) continue;
    const n = number(startOf(slot), endOf(slot));
    if (slow) return UNDECIDED;
    if (classifyTime(n) == CLOCK_MONOTONIC) return timeMicros;
  }
  return NaN;
}

/**
 * Normalises the record just scanned when it is of the usual kinds (record.ok 1).
 * `present`: the slots that hold a value other than null; `strings`: those that hold a
 * string (bits by slot).
 */
export function normalize(present: i32, strings: i32): void {
  // A Prefect state or a logger's level, even null: their status is normalize.ts's to read.
  for (let slots = DEFERRED_SLOTS; slots != 0; slots &= slots - 1) if (kindAt(ctz(slots)) != KIND_ABSENT) return;
  // Name: the first alias that holds a string, not empty.
  const names = strings & NAME_ALIASES;
  if (names == 0) return; // no name, or not a string: an error normalize.ts words
  let found = ctz(names);
  if (startOf(found) == endOf(found)) return; // empty
  let id = cachedId(found);
  if (id < 0) return;
  store<i32>(0, id, record.name);
  // Index: an integer >= 0, or none.
  let index: f64 = -1;
  const indexKind = kindAt(SLOT_INDEX);
  if (indexKind == KIND_NUMBER) {
    if (flagAt(SLOT_INDEX) != 0) return;
    index = valueOf(SLOT_INDEX);
    if (!(index >= 0 && index <= 9007199254740991 && Math.floor(index) == index)) return;
  } else if (indexKind != KIND_ABSENT && indexKind != KIND_NULL) {
    return;
  }
  store<f64>(0, index, record.index);
  // Start.
  const startClock = readTime(firstPresent(present, START_ALIASES));
  if (startClock < 0) return;
  const start = micros;
  store<f64>(0, start, record.start);
  store<u8>(0, startClock, record.startClock);
  // End: a perf_counter end beside a duration is never shown nor needed.
  const endSlot = firstPresent(present, END_ALIASES);
  const durationSlot = firstPresent(present, DURATION_ALIASES);
  let endClock: i32;
  if (
    durationSlot >= 0 && endSlot >= 0 && kindAt(endSlot) == KIND_NUMBER && isMonotonicText(startOf(endSlot), endOf(endSlot))
  ) {
    endClock = CLOCK_MONOTONIC;
    micros = NaN;
  } else {
    endClock = readTime(endSlot);
    if (endClock < 0) return;
  }
  store<f64>(0, micros, record.end);
  store<u8>(0, endClock, record.endClock);
  // Duration: the field (a number), else end - start on one clock.
  let duration: f64;
  if (durationSlot >= 0) {
    if (kindAt(durationSlot) != KIND_NUMBER || flagAt(durationSlot) != 0) return;
    duration = valueOf(durationSlot);
    if (durationSlot == SLOT_DURATION_MS) duration /= 1000;
    if (!isFinite(duration)) duration = NaN;
  } else if (startClock != CLOCK_NONE && startClock == endClock) {
    duration = (micros - start) / 1e6;
  } else { // Falyx writes wall times and perf_counter times side by side: pair the monotonic ones
    const monotonicStart = monotonicAt(present, START_ALIASES);
    const monotonicEnd = monotonicAt(present, END_ALIASES);
    if (monotonicStart == UNDECIDED || monotonicEnd == UNDECIDED) return;
    duration = (monotonicEnd - monotonicStart) / 1e6; // NaN when either is
  }
  store<f64>(0, duration, record.duration);
  // Status: as written, else error when there is an exception.
  if (present & (1 << SLOT_STATUS)) {
    id = cachedId(SLOT_STATUS);
    if (id < 0) return;
  } else {
    id = STATUS_SUCCESS;
    found = firstPresent(present, EXCEPTION_ALIASES);
    if (found >= 0) {
      const kind = kindAt(found);
      const exception = kind == KIND_STRING
        ? endOf(found) > startOf(found)
        : kind == KIND_OBJECT || kind == KIND_ARRAY
        ? flagAt(found) != 0
        : kind != KIND_FALSE;
      if (exception) id = STATUS_ERROR;
    }
  }
  store<i32>(0, id, record.status);
  // Run.
  id = 0;
  found = firstPresent(present, RUN_ALIASES);
  if (found >= 0) {
    id = cachedId(found);
    if (id < 0) return;
  }
  store<i32>(0, id, record.run);
  // Ignored in history.
  found = firstPresent(present, IGNORE_ALIASES);
  store<u8>(0, found >= 0 && kindAt(found) == KIND_TRUE ? 1 : 0, record.ignored);
  store<u8>(0, 1, record.ok);
}
