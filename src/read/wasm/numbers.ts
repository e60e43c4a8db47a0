// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { DATA, LAYOUT } from "./layout.ts";

/** Leaves the number to number.ts: sets $slow and returns. */
const slow = "i32.const 1 global.set $slow f64.const 0 return";

/**
 * For a byte $d (less 48) among the digits that is not one: the first '.' is the point,
 * at $p; an 'e' or 'E' ends the digits (\`done\`: the loop's block); anything else (NaN,
 * Infinity, a second point) is left to number.ts.
 */
const pointOrExponent = (done: string) => `local.get $d i32.const -2 i32.eq local.get $point i32.const 0 i32.lt_s i32.and
        if
          local.get $p local.set $point
        else
          local.get $d i32.const 32 i32.or i32.const 53 i32.eq br_if ${done}
          ${slow}
        end`;

/** A power that no exact path takes: what $exponent returns for an exponent it does not read. */
const NO_EXPONENT = 0x10000;

/** A JSON number's value, exactly as `Number()` reads it: number.ts `numberAt` in wasm. */
export const NUMBERS = `
;; a * b rounded; the exact rounding error left in $productError (Dekker).
(func $twoProduct (param $a f64) (param $b f64) (result f64) (local $p f64) (local $t f64) (local $ah f64) (local $al f64) (local $bh f64) (local $bl f64)
  local.get $a local.get $b f64.mul local.set $p
  f64.const 134217729 local.get $a f64.mul local.set $t
  local.get $t local.get $t local.get $a f64.sub f64.sub local.set $ah
  local.get $a local.get $ah f64.sub local.set $al
  f64.const 134217729 local.get $b f64.mul local.set $t
  local.get $t local.get $t local.get $b f64.sub f64.sub local.set $bh
  local.get $b local.get $bh f64.sub local.set $bl
  ;; ((ah * bh - p) + ah * bl + al * bh) + al * bl
  local.get $ah local.get $bh f64.mul local.get $p f64.sub
  local.get $ah local.get $bl f64.mul f64.add
  local.get $al local.get $bh f64.mul f64.add
  local.get $al local.get $bl f64.mul f64.add
  global.set $productError
  local.get $p)

;; (high * scale + low) / divisor rounded to nearest; sets $slow when that cannot be
;; decided cheaply (see number.ts wideQuotient, which this follows operation by operation).
(func $wideQuotient (param $high f64) (param $low f64) (param $scale f64) (param $divisor f64) (result f64)
    (local $p f64) (local $pError f64) (local $sum f64) (local $z f64) (local $sumError f64) (local $q f64)
    (local $t f64) (local $correction f64) (local $bits i64) (local $units f64) (local $fromMidpoint f64)
  local.get $high local.get $scale call $twoProduct local.set $p
  global.get $productError local.set $pError
  local.get $p local.get $low f64.add local.tee $sum local.get $p f64.sub local.set $z
  local.get $p local.get $sum local.get $z f64.sub f64.sub
  local.get $low local.get $z f64.sub f64.add local.set $sumError
  local.get $sum local.get $divisor f64.div local.tee $q
  f64.const 1e-290 f64.lt local.get $q f64.const 1e300 f64.gt i32.or
  if
    ${slow} ;; near subnormals or overflow
  end
  local.get $q local.get $divisor call $twoProduct local.set $t
  local.get $sum local.get $t f64.sub global.get $productError f64.sub
  local.get $sumError local.get $pError f64.add f64.add
  local.get $divisor f64.div local.set $correction
  local.get $q i64.reinterpret_f64 local.tee $bits
  i64.const 0xfffffffffffff i64.and i64.eqz
  if
    ${slow} ;; a power of two: the ulp below is smaller
  end
  local.get $correction
  local.get $bits i64.const 52 i64.shr_u i64.const 0x7ff i64.and i64.const 52 i64.sub i64.const 52 i64.shl
  f64.reinterpret_i64 f64.div local.tee $units ;; the correction in units of q's last place
  local.get $units f64.floor f64.sub f64.const 0.5 f64.sub local.tee $fromMidpoint
  f64.const -1e-6 f64.gt local.get $fromMidpoint f64.const 1e-6 f64.lt i32.and
  if
    ${slow}
  end
  local.get $q local.get $correction f64.add)

;; The exponent written in [p, end) (after the 'e'), or ${NO_EXPONENT} when it has no digits or more than 4.
(func $exponent (param $p i32) (param $end i32) (result i32) (local $sign i32) (local $c i32) (local $d i32) (local $e i32)
  i32.const 1 local.set $sign
  local.get $p i32.load8_u offset=${DATA} local.tee $c i32.const 45 i32.eq
  if
    i32.const -1 local.set $sign
  end
  local.get $c i32.const 45 i32.eq local.get $c i32.const 43 i32.eq i32.or
  if
    local.get $p i32.const 1 i32.add local.set $p
  end
  local.get $p local.get $end i32.eq local.get $end local.get $p i32.sub i32.const 4 i32.gt_s i32.or
  if
    i32.const ${NO_EXPONENT} return
  end
  block $done
    loop $digit
      local.get $p local.get $end i32.ge_u br_if $done
      local.get $p i32.load8_u offset=${DATA} i32.const 48 i32.sub local.tee $d i32.const 10 i32.ge_u
      if
        i32.const ${NO_EXPONENT} return
      end
      local.get $e i32.const 10 i32.mul local.get $d i32.add local.set $e
      local.get $p i32.const 1 i32.add local.set $p
      br $digit
    end
  end
  local.get $e local.get $sign i32.mul)

;; The number in [p, end), exactly as Number() reads it, or $slow set (more than 19
;; digits, powers beyond 10^22, NaN, Infinity, a hair from a midpoint): number.ts numberAt in wasm.
(func $number (param $p i32) (param $end i32) (result f64)
    (local $negative i32) (local $point i32) (local $c i32) (local $d i32) (local $high i64) (local $taken i32)
    (local $low i32) (local $lowDigits i32) (local $power i32) (local $whole f64) (local $value f64)
  i32.const 0 global.set $slow
  i32.const -1 local.set $point
  local.get $p i32.load8_u offset=${DATA} i32.const 45 i32.eq local.tee $negative
  local.get $p i32.add local.set $p
  block $zeros ;; leading zeros, the point among them: not significant
    loop $zero
      local.get $p local.get $end i32.ge_u br_if $zeros
      local.get $p i32.load8_u offset=${DATA} local.tee $c
      i32.const 46 i32.eq local.get $point i32.const 0 i32.lt_s i32.and
      if
        local.get $p local.set $point
      else
        local.get $c i32.const 48 i32.ne br_if $zeros
      end
      local.get $p i32.const 1 i32.add local.set $p
      br $zero
    end
  end
  block $highDone ;; the first 15 significant digits
    loop $digit
      local.get $p local.get $end i32.ge_u br_if $highDone
      local.get $taken i32.const 15 i32.ge_u br_if $highDone
      local.get $p i32.load8_u offset=${DATA} i32.const 48 i32.sub local.tee $d
      i32.const 10 i32.lt_u
      if
        local.get $high i64.const 10 i64.mul local.get $d i64.extend_i32_u i64.add local.set $high
        local.get $taken i32.const 1 i32.add local.set $taken
      else
        ${pointOrExponent("$highDone")}
      end
      local.get $p i32.const 1 i32.add local.set $p
      br $digit
    end
  end
  block $lowDone ;; up to 4 more
    loop $digit
      local.get $p local.get $end i32.ge_u br_if $lowDone
      local.get $p i32.load8_u offset=${DATA} i32.const 48 i32.sub local.tee $d
      i32.const 10 i32.lt_u
      if
        local.get $lowDigits i32.const 4 i32.eq
        if
          ${slow} ;; more than 19 digits
        end
        local.get $low i32.const 10 i32.mul local.get $d i32.add local.set $low
        local.get $lowDigits i32.const 1 i32.add local.set $lowDigits
      else
        ${pointOrExponent("$lowDone")}
      end
      local.get $p i32.const 1 i32.add local.set $p
      br $digit
    end
  end
  local.get $point i32.const 0 i32.lt_s
  if (result i32) i32.const 0 else local.get $p local.get $point i32.sub i32.const 1 i32.sub end
  local.set $power
  local.get $p local.get $end i32.lt_u
  if ;; the value is the digits over 10^power
    local.get $power local.get $p i32.const 1 i32.add local.get $end call $exponent i32.sub local.set $power
  end
  local.get $power i32.const 22 i32.add i32.const 44 i32.gt_u
  if
    ${slow}
  end
  local.get $high f64.convert_i64_u
  local.get $lowDigits i32.const 3 i32.shl f64.load offset=${LAYOUT.pow10} f64.mul
  local.get $low f64.convert_i32_u f64.add local.tee $whole
  f64.const 9007199254740992 f64.lt
  if (result f64) ;; an exact integer and an exact power of ten: one rounding
    local.get $power
    if (result f64)
      local.get $power i32.const 0 i32.gt_s
      if (result f64)
        local.get $whole local.get $power i32.const 3 i32.shl f64.load offset=${LAYOUT.pow10} f64.div
      else
        local.get $whole i32.const 0 local.get $power i32.sub i32.const 3 i32.shl f64.load offset=${LAYOUT.pow10} f64.mul
      end
    else
      local.get $whole
    end
  else
    local.get $power i32.const 0 i32.lt_s
    if
      ${slow}
    end
    local.get $high f64.convert_i64_u local.get $low f64.convert_i32_u
    local.get $lowDigits i32.const 3 i32.shl f64.load offset=${LAYOUT.pow10}
    local.get $power i32.const 3 i32.shl f64.load offset=${LAYOUT.pow10}
    call $wideQuotient
  end
  local.set $value
  local.get $negative
  if (result f64) local.get $value f64.neg else local.get $value end)
`;
