// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import {
  DURATION_ALIASES,
  END_ALIASES,
  EXCEPTION_ALIASES,
  SLOT,
  IGNORE_ALIASES,
  KIND,
  NAME_ALIASES,
  RUN_ALIASES,
  START_ALIASES,
} from "../fields.ts";
import { STATUS_ERROR, STATUS_SUCCESS } from "../status.ts";
import { CLOCK } from "../time.ts";
import { DATA, LAYOUT } from "./layout.ts";

const O = LAYOUT.fields;

/** The first slot of `aliases` whose kind is present (not absent, not null) into $found, else -1. */
function firstPresent(aliases: readonly number[]): string {
  return `i32.const -1 local.set $found
  block $present
    ${
    aliases.map((slot) => `i32.const ${slot} local.set $found
    i32.const ${slot} i32.load8_u offset=${LAYOUT.kind} local.tee $k i32.const ${KIND.absent} i32.ne
    local.get $k i32.const ${KIND.null} i32.ne i32.and br_if $present`).join("\n    ")
  }
    i32.const -1 local.set $found
  end`;
}

/** The time in slot $found (-1: none) into $clock and $micros, or a return to leave the line to normalize.ts. */
const readTime = `i32.const ${CLOCK.none} local.set $clock
  f64.const nan local.set $micros
  local.get $found i32.const 0 i32.ge_s
  if
    local.get $found i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.string} i32.ne
    local.get $found i32.load8_u offset=${LAYOUT.flag} i32.or
    local.get $found i32.load8_u offset=${LAYOUT.clock} local.tee $clock i32.eqz i32.or
    if
      return ;; a number, an escaped or unread string, not a time: normalize.ts
    end
    local.get $found i32.const 3 i32.shl f64.load offset=${LAYOUT.value} local.set $micros
  end`;

/** The cached id of the string in slot $found into $id, or a return. */
const cachedId = `local.get $found i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.string} i32.ne
  local.get $found i32.const 2 i32.shl i32.load offset=${LAYOUT.id} local.tee $id i32.const 0 i32.lt_s i32.or
  if
    return
  end`;

/**
 * The normalizer's common path (normalize.ts `normalizeSlots`) over the slots of a line
 * just scanned: when every field is of the usual kind — a cached name, status and run,
 * an integer index, ISO times the scanner read, a number duration — it writes the
 * record's fields and sets `ok`; anything else (errors included) is left to
 * normalize.ts, which reads the same slots. The agreement tests hold the two together.
 */
export const NORMALIZE = `
;; A JSON number plainly below 1e9 in magnitude (normalize.ts isMonotonicText).
(func $isMonotonicText (param $p i32) (param $end i32) (result i32) (local $first i32) (local $c i32)
  local.get $p local.get $p i32.load8_u offset=${DATA} i32.const 45 i32.eq i32.add local.tee $p local.set $first
  block $digitsDone
    loop $digit
      local.get $p local.get $end i32.ge_s br_if $digitsDone
      local.get $p i32.load8_u offset=${DATA} i32.const 48 i32.sub i32.const 9 i32.gt_u br_if $digitsDone
      local.get $p i32.const 1 i32.add local.set $p
      br $digit
    end
  end
  local.get $p local.get $first i32.eq local.get $p local.get $first i32.sub i32.const 9 i32.gt_s i32.or
  if
    i32.const 0 return
  end
  local.get $p local.get $end i32.eq
  if
    i32.const 1 return
  end
  local.get $p i32.load8_u offset=${DATA} i32.const 46 i32.ne
  if
    i32.const 0 return
  end
  loop $fraction
    local.get $p i32.const 1 i32.add local.tee $p local.get $end i32.ge_s
    if
      i32.const 1 return
    end
    local.get $p i32.load8_u offset=${DATA} i32.const 32 i32.or i32.const 101 i32.eq ;; e or E
    if
      i32.const 0 return
    end
    br $fraction
  end
  unreachable)

(func $normalize (local $found i32) (local $k i32) (local $id i32) (local $clock i32) (local $micros f64)
    (local $startClock i32) (local $start f64) (local $durationSlot i32) (local $endSlot i32) (local $n f64)
  ;; Name: the first alias that holds a string, not empty.
  i32.const -1 local.set $found
  block $named
    ${
  NAME_ALIASES.map((slot) => `i32.const ${slot} local.set $found
    i32.const ${slot} i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.string} i32.eq br_if $named`).join("\n    ")
}
    return ;; no name, or not a string: an error normalize.ts words
  end
  local.get $found i32.const 2 i32.shl i32.load offset=${LAYOUT.start}
  local.get $found i32.const 2 i32.shl i32.load offset=${LAYOUT.end} i32.eq
  if
    return ;; empty
  end
  ${cachedId}
  i32.const 0 local.get $id i32.store offset=${O + 32}
  ;; Index: an integer >= 0, or none.
  i32.const 0 f64.const -1 f64.store offset=${O}
  i32.const ${SLOT.index} i32.load8_u offset=${LAYOUT.kind} local.tee $k i32.const ${KIND.number} i32.eq
  if
    i32.const ${SLOT.index} i32.load8_u offset=${LAYOUT.flag}
    if
      return
    end
    i32.const ${8 * SLOT.index} f64.load offset=${LAYOUT.value} local.tee $n
    f64.const 0 f64.ge local.get $n f64.const 9007199254740991 f64.le i32.and
    local.get $n f64.floor local.get $n f64.eq i32.and i32.eqz
    if
      return
    end
    i32.const 0 local.get $n f64.store offset=${O}
  else
    local.get $k i32.const ${KIND.absent} i32.ne local.get $k i32.const ${KIND.null} i32.ne i32.and
    if
      return
    end
  end
  ;; Start.
  ${firstPresent(START_ALIASES)}
  ${readTime}
  local.get $clock local.set $startClock
  local.get $micros local.set $start
  i32.const 0 local.get $start f64.store offset=${O + 8}
  i32.const 0 local.get $startClock i32.store8 offset=${O + 44}
  ;; End: a perf_counter end beside a duration is never shown nor needed.
  ${firstPresent(END_ALIASES)}
  local.get $found local.set $endSlot
  ${firstPresent(DURATION_ALIASES)}
  local.get $found local.set $durationSlot
  local.get $durationSlot i32.const 0 i32.ge_s local.get $endSlot i32.const 0 i32.ge_s i32.and
  if (result i32)
    local.get $endSlot i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.number} i32.eq
    if (result i32)
      local.get $endSlot i32.const 2 i32.shl i32.load offset=${LAYOUT.start}
      local.get $endSlot i32.const 2 i32.shl i32.load offset=${LAYOUT.end} call $isMonotonicText
    else
      i32.const 0
    end
  else
    i32.const 0
  end
  if
    i32.const ${CLOCK.monotonic} local.set $clock
    f64.const nan local.set $micros
  else
    local.get $endSlot local.set $found
    ${readTime}
  end
  i32.const 0 local.get $micros f64.store offset=${O + 16}
  i32.const 0 local.get $clock i32.store8 offset=${O + 45}
  ;; Duration: the field (a number), else end - start on one clock.
  local.get $durationSlot i32.const 0 i32.ge_s
  if
    local.get $durationSlot i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.number} i32.ne
    local.get $durationSlot i32.load8_u offset=${LAYOUT.flag} i32.or
    if
      return
    end
    local.get $durationSlot i32.const 3 i32.shl f64.load offset=${LAYOUT.value} local.set $n
    local.get $durationSlot i32.const ${SLOT.duration_ms} i32.eq
    if
      local.get $n f64.const 1000 f64.div local.set $n
    end
    local.get $n local.get $n f64.sub f64.const 0 f64.eq i32.eqz ;; not finite
    if
      f64.const nan local.set $n
    end
  else
    local.get $startClock i32.const ${CLOCK.none} i32.ne local.get $startClock local.get $clock i32.eq i32.and i32.eqz
    if
      return ;; from perf_counter numbers, maybe: normalize.ts
    end
    local.get $micros local.get $start f64.sub f64.const 1000000 f64.div local.set $n
  end
  i32.const 0 local.get $n f64.store offset=${O + 24}
  ;; Status: as written, else error when there is an exception.
  i32.const ${SLOT.status} i32.load8_u offset=${LAYOUT.kind} local.tee $k i32.const ${KIND.absent} i32.eq
  local.get $k i32.const ${KIND.null} i32.eq i32.or
  if
    ${firstPresent(EXCEPTION_ALIASES)}
    i32.const ${STATUS_SUCCESS} local.set $id
    local.get $found i32.const 0 i32.ge_s
    if
      local.get $found i32.load8_u offset=${LAYOUT.kind} local.tee $k i32.const ${KIND.string} i32.eq
      if (result i32)
        local.get $found i32.const 2 i32.shl i32.load offset=${LAYOUT.end}
        local.get $found i32.const 2 i32.shl i32.load offset=${LAYOUT.start} i32.gt_s
      else
        local.get $k i32.const ${KIND.object} i32.eq local.get $k i32.const ${KIND.array} i32.eq i32.or
        if (result i32)
          local.get $found i32.load8_u offset=${LAYOUT.flag}
        else
          local.get $k i32.const ${KIND.false} i32.ne
        end
      end
      if
        i32.const ${STATUS_ERROR} local.set $id
      end
    end
  else
    i32.const ${SLOT.status} local.set $found
    ${cachedId}
  end
  i32.const 0 local.get $id i32.store offset=${O + 36}
  ;; Run.
  i32.const 0 local.set $id
  ${firstPresent(RUN_ALIASES)}
  local.get $found i32.const 0 i32.ge_s
  if
    ${cachedId}
  end
  i32.const 0 local.get $id i32.store offset=${O + 40}
  ;; Ignored in history.
  ${firstPresent(IGNORE_ALIASES)}
  i32.const 0
  local.get $found i32.const 0 i32.ge_s
  if (result i32)
    local.get $found i32.load8_u offset=${LAYOUT.kind} i32.const ${KIND.true} i32.eq
  else
    i32.const 0
  end
  i32.store8 offset=${O + 46}
  i32.const 0 i32.const 1 i32.store8 offset=${O + 47})
`;
