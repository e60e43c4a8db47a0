// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { CLOCK } from "../time.ts";
import { DATA, LAYOUT } from "./layout.ts";

/** 1 when the byte on the stack (kept in $z) is a sign, + or -. */
const isSign = `local.tee $z i32.const 43 i32.eq local.get $z i32.const 45 i32.eq i32.or`;

/**
 * ISO-8601 times in a string slot, as time.ts `parseIso` reads them (operation by
 * operation where doubles are involved): `YYYY-MM-DD`, then `T`, `t` or a space and
 * `HH:MM[:SS[.fraction]]`, then nothing (naive), `Z` or an offset (instant). Only
 * successes are recorded (the slot's clock); anything else, and years before 1, is left
 * to time.ts, which also words the error.
 */
export const ISO_TIME = `
;; The two digits at p, or -1.
(func $digits2 (param $p i32) (result i32) (local $a i32) (local $b i32)
  local.get $p i32.load8_u offset=${DATA} i32.const 48 i32.sub local.tee $a i32.const 9 i32.gt_u
  local.get $p i32.load8_u offset=${DATA + 1} i32.const 48 i32.sub local.tee $b i32.const 9 i32.gt_u
  i32.or
  if (result i32) i32.const -1 else local.get $a i32.const 10 i32.mul local.get $b i32.add end)

(func $daysInMonth (param $year i32) (param $month i32) (result i32)
  local.get $month i32.const 2 i32.eq
  if
    local.get $year i32.const 4 i32.rem_u i32.eqz
    local.get $year i32.const 100 i32.rem_u i32.const 0 i32.ne local.get $year i32.const 400 i32.rem_u i32.eqz i32.or
    i32.and
    if (result i32) i32.const 29 else i32.const 28 end
    return
  end
  local.get $month i32.const 4 i32.eq local.get $month i32.const 6 i32.eq i32.or
  local.get $month i32.const 9 i32.eq i32.or local.get $month i32.const 11 i32.eq i32.or
  if (result i32) i32.const 30 else i32.const 31 end)

;; Days since 1970-01-01 (Howard Hinnant's algorithm), for years from 1 (no negative division).
(func $daysFromCivil (param $year i32) (param $month i32) (param $day i32) (result i32) (local $y i32) (local $era i32) (local $yoe i32)
  local.get $year local.get $month i32.const 2 i32.le_u i32.sub local.tee $y
  i32.const 400 i32.div_u local.tee $era
  i32.const 146097 i32.mul
  local.get $y local.get $era i32.const 400 i32.mul i32.sub local.tee $yoe
  i32.const 365 i32.mul
  local.get $yoe i32.const 4 i32.div_u i32.add
  local.get $yoe i32.const 100 i32.div_u i32.sub
  local.get $month i32.const 9 i32.add i32.const 12 i32.rem_u i32.const 153 i32.mul i32.const 2 i32.add i32.const 5 i32.div_u
  i32.add local.get $day i32.add i32.const 1 i32.sub
  i32.add i32.const 719468 i32.sub)

;; Reads the string [s, e) of a time slot: its clock and micros, or clock 0 when left to time.ts.
(func $isoTime (param $slot i32) (param $s i32) (param $e i32)
    (local $year i32) (local $month i32) (local $day i32) (local $pos i32) (local $hour i32) (local $minute i32)
    (local $second i32) (local $micros f64) (local $scale f64) (local $d i32) (local $from i32) (local $clock i32)
    (local $offset i32) (local $z i32) (local $oh i32) (local $om i32) (local $rest i32)
  local.get $slot i32.const 0 i32.store8 offset=${LAYOUT.clock}
  local.get $e local.get $s i32.sub i32.const 10 i32.lt_s
  local.get $s i32.load8_u offset=${DATA + 4} i32.const 45 i32.ne i32.or
  local.get $s i32.load8_u offset=${DATA + 7} i32.const 45 i32.ne i32.or
  if
    return ;; not a date: a decimal time, or not a time
  end
  local.get $s call $digits2 local.tee $year
  local.get $s i32.const 2 i32.add call $digits2 local.tee $d
  i32.or i32.const 0 i32.lt_s
  if
    return
  end
  local.get $year i32.const 100 i32.mul local.get $d i32.add local.tee $year
  i32.eqz
  if
    return ;; year 0
  end
  local.get $s i32.const 5 i32.add call $digits2 local.tee $month
  i32.const 1 i32.sub i32.const 12 i32.ge_u
  if
    return
  end
  local.get $s i32.const 8 i32.add call $digits2 local.tee $day
  i32.const 1 i32.lt_s local.get $day local.get $year local.get $month call $daysInMonth i32.gt_s i32.or
  if
    return
  end
  local.get $s i32.const 10 i32.add local.tee $pos local.get $e i32.lt_s
  if
    local.get $pos i32.load8_u offset=${DATA} local.tee $z
    i32.const 84 i32.ne local.get $z i32.const 116 i32.ne i32.and local.get $z i32.const 32 i32.ne i32.and
    local.get $pos i32.load8_u offset=${DATA + 3} i32.const 58 i32.ne i32.or
    if
      return
    end
    local.get $pos i32.const 1 i32.add call $digits2 local.set $hour
    local.get $pos i32.const 4 i32.add call $digits2 local.set $minute
    local.get $pos i32.const 6 i32.add local.tee $pos i32.load8_u offset=${DATA} i32.const 58 i32.eq
    if
      local.get $pos i32.const 1 i32.add call $digits2 local.set $second
      local.get $pos i32.const 3 i32.add local.tee $pos i32.load8_u offset=${DATA} local.tee $z
      i32.const 46 i32.eq local.get $z i32.const 44 i32.eq i32.or
      if
        local.get $pos i32.const 1 i32.add local.tee $pos local.set $from
        f64.const 100000 local.set $scale
        block $fractionDone
          loop $digit
            local.get $pos local.get $e i32.ge_s br_if $fractionDone
            local.get $pos i32.load8_u offset=${DATA} i32.const 48 i32.sub local.tee $d i32.const 9 i32.gt_u br_if $fractionDone
            local.get $micros local.get $d f64.convert_i32_u local.get $scale f64.mul f64.add local.set $micros
            local.get $scale f64.const 10 f64.div local.set $scale
            local.get $pos i32.const 1 i32.add local.set $pos
            br $digit
          end
        end
        local.get $micros f64.floor local.set $micros
        local.get $pos local.get $from i32.eq
        if
          return
        end
      end
    end
    local.get $hour i32.const 23 i32.gt_u local.get $minute i32.const 59 i32.gt_u i32.or local.get $second i32.const 60 i32.gt_u i32.or
    if
      return ;; -1 (not digits) is above them too, unsigned
    end
  end
  i32.const ${CLOCK.naive} local.set $clock
  local.get $pos local.get $e i32.lt_s
  if
    local.get $pos i32.load8_u offset=${DATA} local.tee $z
    i32.const 32 i32.or i32.const 122 i32.eq local.get $pos i32.const 1 i32.add local.get $e i32.eq i32.and
    if ;; Z or z, last
      i32.const ${CLOCK.instant} local.set $clock
    else
      local.get $z ${isSign} i32.eqz
      if
        return
      end
      local.get $pos i32.const 1 i32.add call $digits2 local.set $oh
      local.get $e local.get $pos i32.const 3 i32.add i32.sub local.tee $rest
      i32.const 3 i32.eq local.get $pos i32.load8_u offset=${DATA + 3} i32.const 58 i32.eq i32.and
      if
        local.get $pos i32.const 4 i32.add call $digits2 local.set $om
      else
        local.get $rest i32.const 2 i32.eq
        if
          local.get $pos i32.const 3 i32.add call $digits2 local.set $om
        else
          local.get $rest
          if
            return
          end
        end
      end
      local.get $oh i32.const 23 i32.gt_u local.get $om i32.const 59 i32.gt_u i32.or
      if
        return
      end
      local.get $oh i32.const 60 i32.mul local.get $om i32.add local.set $offset
      local.get $z i32.const 45 i32.eq
      if
        i32.const 0 local.get $offset i32.sub local.set $offset
      end
      i32.const ${CLOCK.instant} local.set $clock
    end
  end
  ;; (days * 86400 + hour * 3600 + minute * 60 + second - offset * 60) * 1e6 + micros: exact
  ;; integers until the product, as the doubles of time.ts are
  local.get $slot i32.const 3 i32.shl
  local.get $year local.get $month local.get $day call $daysFromCivil i64.extend_i32_s i64.const 86400 i64.mul
  local.get $hour i32.const 3600 i32.mul local.get $minute i32.const 60 i32.mul i32.add local.get $second i32.add
  local.get $offset i32.const 60 i32.mul i32.sub i64.extend_i32_s i64.add
  f64.convert_i64_s f64.const 1000000 f64.mul local.get $micros f64.add
  f64.store offset=${LAYOUT.value}
  local.get $slot local.get $clock i32.store8 offset=${LAYOUT.clock})
`;
