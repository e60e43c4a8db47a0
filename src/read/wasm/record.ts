// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { SLOT, KIND } from "../fields.ts";
import { colon, DATA, LAYOUT, PARSED_NUMBERS, skipString, space, TIME_SLOTS } from "./layout.ts";

/**
 * The walk of one line's top-level object: each key looked up among the indexed ones,
 * each value skipped, and where the indexed values sit written into the slots.
 */
/** After a member's value: past a comma to the next member (\`br $member\`), else on with the byte at $p in $c. */
const nextMember = `${space} local.get $p
    i32.load8_u offset=${DATA} local.tee $c
    i32.const 44 i32.eq
    if
      local.get $p i32.const 1 i32.add local.set $p ${space}
      br $member
    end`;

export const RECORD = `
;; The slot of the key in [s, e), -1 when it is not indexed. Keys are compared 16
;; bytes at a time: table entries hold 31 key bytes, the line has padding after it.
(func $lookupKey (param $s i32) (param $e i32) (result i32) (local $len i32) (local $i i32) (local $slot i32) (local $key i32)
  local.get $e local.get $s i32.sub local.tee $len
  i32.eqz
  if
    i32.const -1 return
  end
  local.get $len i32.const 37 i32.mul
  local.get $s i32.load8_u offset=${DATA} i32.const 7 i32.mul i32.add
  local.get $e i32.load8_u offset=${DATA - 1} i32.add
  i32.const 255 i32.and local.set $i
  loop $probe
    local.get $i i32.load8_u offset=${LAYOUT.table} local.tee $slot
    i32.eqz
    if
      i32.const -1 return
    end
    local.get $i i32.const 5 i32.shl local.tee $key
    i32.load8_u offset=${LAYOUT.keys} local.get $len i32.eq
    if
      ;; bytes that differ among the first 16, then among the next 16, within the length
      local.get $s v128.load offset=${DATA}
      local.get $key v128.load offset=${LAYOUT.keys + 1}
      i8x16.eq i8x16.bitmask i32.const -1 i32.xor
      i32.const 1 local.get $len i32.const 16 local.get $len i32.const 16 i32.lt_u select i32.shl i32.const 1 i32.sub
      i32.and
      local.get $s v128.load offset=${DATA + 16}
      local.get $key v128.load offset=${LAYOUT.keys + 17}
      i8x16.eq i8x16.bitmask i32.const -1 i32.xor
      i32.const 1 local.get $len i32.const 16 i32.sub i32.const 0 local.get $len i32.const 16 i32.gt_u select i32.shl i32.const 1 i32.sub
      i32.and
      i32.or i32.eqz
      if
        local.get $slot i32.const 1 i32.sub return
      end
    end
    local.get $i i32.const 1 i32.add i32.const 255 i32.and local.set $i
    br $probe
  end
  unreachable)

(func $kindOf (param $c i32) (result i32)
  local.get $c i32.const 34 i32.eq if (result i32) i32.const ${KIND.string} else
  local.get $c i32.const 123 i32.eq if (result i32) i32.const ${KIND.object} else
  local.get $c i32.const 91 i32.eq if (result i32) i32.const ${KIND.array} else
  local.get $c i32.const 116 i32.eq if (result i32) i32.const ${KIND.true} else
  local.get $c i32.const 102 i32.eq if (result i32) i32.const ${KIND.false} else
  local.get $c i32.const 110 i32.eq if (result i32) i32.const ${KIND.null} else
  i32.const ${KIND.number}
  end end end end end end)

;; Records a value in a slot (nothing for -1, a key exechist does not index); the value of
;; an index or a duration too, its flag set when that is left to number.ts (as for times,
;; read only when a record needs them); a string's cached id, an ISO time's micros.
(func $store (param $slot i32) (param $kind i32) (param $start i32) (param $end i32) (param $flag i32)
  local.get $slot i32.const 0 i32.lt_s
  if
    return
  end
  local.get $slot local.get $kind i32.store8 offset=${LAYOUT.kind}
  local.get $kind i32.const ${KIND.number} i32.eq
  if
    i32.const 1 local.set $flag
    i32.const ${PARSED_NUMBERS} local.get $slot i32.shr_u i32.const 1 i32.and
    if
      local.get $slot i32.const 3 i32.shl local.get $start local.get $end call $number f64.store offset=${LAYOUT.value}
      global.get $slow local.set $flag
    end
  end
  local.get $kind i32.const ${KIND.string} i32.eq
  if
    local.get $slot local.get $start local.get $end call $cacheLookup ;; by its bytes as written, escapes too
    i32.const ${TIME_SLOTS} local.get $slot i32.shr_u i32.const 1 i32.and local.get $flag i32.eqz i32.and
    if
      local.get $slot local.get $start local.get $end call $isoTime
    end
  end
  local.get $slot local.get $flag i32.store8 offset=${LAYOUT.flag}
  local.get $slot i32.const 2 i32.shl local.get $start i32.store offset=${LAYOUT.start}
  local.get $slot i32.const 2 i32.shl local.get $end i32.store offset=${LAYOUT.end})

;; The newline after p and blanks, or -1.
(func $lineEnd (param $p i32) (result i32)
  ${space} local.get $p
  i32.load8_u offset=${DATA} i32.const 10 i32.eq
  if (result i32) local.get $p else i32.const -1 end)

;; The Falyx action object: skipped like any object, but its ignore_in_history is kept.
(func $scanAction (param $p i32) (result i32) (local $keyStart i32) (local $isIgnore i32) (local $valueStart i32) (local $c i32)
  local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
  i32.load8_u offset=${DATA} i32.const 125 i32.eq
  if
    local.get $p i32.const 1 i32.add return
  end
  loop $member
    local.get $p i32.load8_u offset=${DATA} i32.const 34 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.tee $keyStart
    call $skipString local.tee $p
    i32.const 0 i32.lt_s global.get $escaped i32.or
    if
      i32.const -1 return ;; an escaped key: the full parse decodes it
    end
    local.get $keyStart local.get $p i32.const 1 i32.sub call $lookupKey
    i32.const ${SLOT.ignore_in_history} i32.eq local.set $isIgnore
    ${colon}
    local.get $p local.tee $valueStart
    i32.load8_u offset=${DATA} local.tee $c
    i32.const 123 i32.eq local.get $c i32.const 91 i32.eq i32.or
    if (result i32)
      local.get $p call $skipContainer
    else
      local.get $c i32.const 34 i32.eq
      if (result i32)
        local.get $p i32.const 1 i32.add call $skipString
      else
        local.get $p call $skipScalar
      end
    end
    local.tee $p i32.const 0 i32.lt_s
    if
      i32.const -1 return
    end
    local.get $isIgnore
    if
      i32.const ${SLOT.nested_ignore} local.get $c call $kindOf local.get $valueStart local.get $p i32.const 0 call $store
    end
    ${nextMember}
    local.get $c i32.const 125 i32.eq
    if (result i32) local.get $p i32.const 1 i32.add else i32.const -1 end
    return
  end
  unreachable)

;; The line whose opening brace is at p: fills the slots (a repeated key: the last wins),
;; normalises the record when it can, and returns the position of the newline that ends
;; it, or -1 when the scanner cannot decide (escaped keys, deep nesting, anything but one
;; valid object and blanks).
(func $scanRecord (export "scanRecord") (param $p i32) (result i32) (local $slot i32) (local $keyStart i32) (local $valueStart i32) (local $c i32)
    (local $v v128) (local $m i32) (local $q i32)
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=0
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=8
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=16
  i32.const 0 i32.const 0 i32.store8 offset=${LAYOUT.fields + 47} ;; not normalised (yet)
  local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
  i32.load8_u offset=${DATA} i32.const 125 i32.eq
  if
    local.get $p i32.const 1 i32.add call $lineEnd return
  end
  loop $member
    local.get $p i32.load8_u offset=${DATA} i32.const 34 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.tee $keyStart local.set $p
    ${skipString}
    global.get $escaped
    if
      i32.const -1 return ;; an escaped key: the full parse decodes it
    end
    local.get $keyStart local.get $p i32.const 1 i32.sub call $lookupKey local.set $slot
    ${colon}
    local.get $p local.tee $valueStart
    i32.load8_u offset=${DATA} local.tee $c
    i32.const 34 i32.eq
    if
      local.get $p i32.const 1 i32.add local.set $p
      ${skipString}
      local.get $slot i32.const ${KIND.string} local.get $valueStart i32.const 1 i32.add local.get $p i32.const 1 i32.sub
      global.get $escaped call $store
    else
      local.get $c i32.const 123 i32.eq local.get $c i32.const 91 i32.eq i32.or
      if
        local.get $slot i32.const ${SLOT.action} i32.eq local.get $c i32.const 123 i32.eq i32.and
        if (result i32)
          local.get $p call $scanAction
        else
          local.get $p call $skipContainer
        end
        local.tee $p i32.const 0 i32.lt_s
        if
          i32.const -1 return
        end
        local.get $slot
        local.get $c i32.const 123 i32.eq if (result i32) i32.const ${KIND.object} else i32.const ${KIND.array} end
        local.get $valueStart local.get $p
        local.get $valueStart i32.const 1 i32.add call $skipSpace local.get $p i32.const 1 i32.sub i32.ne
        call $store
      else
        local.get $p call $skipScalar local.tee $p
        i32.const 0 i32.lt_s
        if
          i32.const -1 return
        end
        local.get $slot local.get $c call $kindOf local.get $valueStart local.get $p i32.const 0 call $store
      end
    end
    ${nextMember}
    local.get $c i32.const 125 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add call $lineEnd local.tee $p
    i32.const 0 i32.ge_s
    if
      call $normalize
    end
    local.get $p return
  end
  unreachable)
`;
