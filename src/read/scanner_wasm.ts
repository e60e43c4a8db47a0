import { F, KIND } from "./fields.ts";

/**
 * The field scanner as WebAssembly text: walks one line's top-level object, validating
 * every value by the JSON grammar (NaN and infinities allowed) and building nothing, and
 * writes where each indexed key's value sits into the slot arrays. Strings are skipped
 * 16 bytes at a time (SIMD: a quote, a backslash or a control byte ends the stride).
 *
 * Positions are relative to the data area: every load of line bytes carries
 * `offset=DATA`. No loop needs a bound: each stops at a newline (the reader keeps one
 * after the bytes as a sentinel) and the data area is followed by 16 bytes of padding
 * for the last stride.
 */
export const LAYOUT = {
  /** Key hash table: slot + 1 per entry, 0 when empty (256 entries). */
  table: 0,
  /** Key bytes of table entry i at `keys + 32 i`: its length, then the bytes. */
  keys: 256,
  /** 1 for each hexadecimal digit byte. */
  hex: 8448,
  /** 1 for each byte that may follow a backslash (other than u). */
  escape: 8704,
  /** Slots: kind (u8), flag (u8), start (i32), end (i32). */
  kind: 8960,
  flag: 8992,
  start: 9024,
  end: 9120,
  /** Open brackets of the container being skipped, one byte per depth. */
  stack: 9216,
  maxDepth: 512,
  /** The line bytes. */
  data: 16384,
  /** Bytes readable after the data's last byte (a key compared 32 bytes at a time). */
  padding: 32,
} as const;

const D = LAYOUT.data;

/** Past blanks at $p: a call only when the byte there is one (or below: a newline returns at once). */
const space = `local.get $p i32.load8_u offset=${D} i32.const 32 i32.le_u
    if
      local.get $p call $skipSpace local.set $p
    end`;

const isDigit = `i32.const 48 i32.sub i32.const 10 i32.lt_u`;

export const SCANNER_SOURCE = `
(func $skipSpace (param $p i32) (result i32) (local $c i32)
  loop $more
    local.get $p i32.load8_u offset=${D} local.tee $c
    i32.const 32 i32.eq
    local.get $c i32.const 9 i32.eq i32.or
    local.get $c i32.const 13 i32.eq i32.or
    if
      local.get $p i32.const 1 i32.add local.set $p
      br $more
    end
  end
  local.get $p)

;; From just after an opening quote to just after the closing one; sets $escaped.
(func $skipString (param $p i32) (result i32) (local $v v128) (local $m i32) (local $c i32) (local $e i32)
  i32.const 0 global.set $escaped
  loop $stride
    local.get $p v128.load offset=${D} local.tee $v
    i32.const 34 i8x16.splat i8x16.eq
    local.get $v i32.const 92 i8x16.splat i8x16.eq v128.or
    local.get $v i32.const 32 i8x16.splat i8x16.lt_u v128.or
    i8x16.bitmask local.tee $m
    i32.eqz
    if
      local.get $p i32.const 16 i32.add local.set $p
      br $stride
    end
    local.get $p local.get $m i32.ctz i32.add local.tee $p
    i32.load8_u offset=${D} local.tee $c
    i32.const 34 i32.eq
    if
      local.get $p i32.const 1 i32.add return
    end
    local.get $c i32.const 92 i32.ne
    if
      i32.const -1 return ;; a control byte (a newline ends the line)
    end
    i32.const 1 global.set $escaped
    local.get $p i32.load8_u offset=${D + 1} local.tee $e
    i32.const 117 i32.eq
    if
      local.get $p i32.load8_u offset=${D + 2} i32.load8_u offset=${LAYOUT.hex}
      local.get $p i32.load8_u offset=${D + 3} i32.load8_u offset=${LAYOUT.hex} i32.and
      local.get $p i32.load8_u offset=${D + 4} i32.load8_u offset=${LAYOUT.hex} i32.and
      local.get $p i32.load8_u offset=${D + 5} i32.load8_u offset=${LAYOUT.hex} i32.and
      i32.eqz
      if
        i32.const -1 return
      end
      local.get $p i32.const 6 i32.add local.set $p
      br $stride
    end
    local.get $e i32.load8_u offset=${LAYOUT.escape} i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 2 i32.add local.set $p
    br $stride
  end
  unreachable)

;; The first position from p that is not a digit, 16 bytes at a time.
(func $skipDigits (param $p i32) (result i32) (local $m i32)
  loop $stride
    local.get $p v128.load offset=${D}
    i32.const 48 i8x16.splat i8x16.sub i32.const 10 i8x16.splat i8x16.lt_u
    i8x16.bitmask i32.const 0xffff i32.xor local.tee $m
    i32.eqz
    if
      local.get $p i32.const 16 i32.add local.set $p
      br $stride
    end
  end
  local.get $p local.get $m i32.ctz i32.add)

;; A number or one of true, false, null, NaN, Infinity, -Infinity.
(func $skipScalar (param $p i32) (result i32) (local $c i32)
  local.get $p i32.load8_u offset=${D} local.tee $c
  i32.const 116 i32.eq
  if
    local.get $p i32.load offset=${D} i32.const 0x65757274 i32.eq ;; "true"
    if (result i32) local.get $p i32.const 4 i32.add else i32.const -1 end
    return
  end
  local.get $c i32.const 102 i32.eq
  if
    local.get $p i32.load offset=${D + 1} i32.const 0x65736c61 i32.eq ;; "alse"
    if (result i32) local.get $p i32.const 5 i32.add else i32.const -1 end
    return
  end
  local.get $c i32.const 110 i32.eq
  if
    local.get $p i32.load offset=${D} i32.const 0x6c6c756e i32.eq ;; "null"
    if (result i32) local.get $p i32.const 4 i32.add else i32.const -1 end
    return
  end
  local.get $c i32.const 78 i32.eq
  if
    local.get $p i32.load16_u offset=${D + 1} i32.const 0x4e61 i32.eq ;; "aN"
    if (result i32) local.get $p i32.const 3 i32.add else i32.const -1 end
    return
  end
  local.get $c i32.const 45 i32.eq
  if
    local.get $p i32.const 1 i32.add local.tee $p
    i32.load8_u offset=${D} local.set $c
  end
  local.get $c i32.const 73 i32.eq
  if
    local.get $p i64.load offset=${D} i64.const 0x7974696e69666e49 i64.eq ;; "Infinity"
    if (result i32) local.get $p i32.const 8 i32.add else i32.const -1 end
    return
  end
  local.get $c i32.const 48 i32.eq
  if
    local.get $p i32.const 1 i32.add local.set $p
  else
    local.get $c i32.const 49 i32.sub i32.const 9 i32.lt_u i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add call $skipDigits local.set $p
  end
  local.get $p i32.load8_u offset=${D} i32.const 46 i32.eq
  if
    local.get $p i32.load8_u offset=${D + 1} ${isDigit} i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 2 i32.add call $skipDigits local.set $p
  end
  local.get $p i32.load8_u offset=${D} i32.const 32 i32.or i32.const 101 i32.eq ;; e or E
  if
    local.get $p i32.const 1 i32.add local.tee $p
    i32.load8_u offset=${D} local.tee $c
    i32.const 43 i32.eq local.get $c i32.const 45 i32.eq i32.or
    if
      local.get $p i32.const 1 i32.add local.set $p
    end
    local.get $p i32.load8_u offset=${D} ${isDigit} i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add call $skipDigits local.set $p
  end
  local.get $p)

;; An object key with its colon, from its opening quote to the value's first byte.
(func $skipKey (param $p i32) (result i32)
  local.get $p i32.load8_u offset=${D} i32.const 34 i32.ne
  if
    i32.const -1 return
  end
  local.get $p i32.const 1 i32.add call $skipString local.tee $p
  i32.const 0 i32.lt_s
  if
    i32.const -1 return
  end
  local.get $p local.set $p ${space} local.get $p
  i32.load8_u offset=${D} i32.const 58 i32.ne
  if
    i32.const -1 return
  end
  local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p)

;; A whole object or array from its opening bracket, validated without recursion.
(func $skipContainer (param $p i32) (result i32) (local $depth i32) (local $c i32) (local $open i32)
  loop $value ;; p is at a value
    block $after
      local.get $p i32.load8_u offset=${D} local.tee $c
      i32.const 123 i32.eq local.get $c i32.const 91 i32.eq i32.or
      if
        local.get $depth i32.const ${LAYOUT.maxDepth} i32.eq
        if
          i32.const -1 return
        end
        local.get $depth local.get $c i32.store8 offset=${LAYOUT.stack}
        local.get $depth i32.const 1 i32.add local.set $depth
        local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
        i32.load8_u offset=${D} local.get $c i32.const 2 i32.add i32.eq ;; } is { + 2, ] is [ + 2
        if
          local.get $p i32.const 1 i32.add local.set $p
          local.get $depth i32.const 1 i32.sub local.set $depth
          br $after
        end
        local.get $c i32.const 123 i32.eq
        if
          local.get $p call $skipKey local.tee $p
          i32.const 0 i32.lt_s
          if
            i32.const -1 return
          end
        end
        br $value
      end
      local.get $c i32.const 34 i32.eq
      if (result i32)
        local.get $p i32.const 1 i32.add call $skipString
      else
        local.get $p call $skipScalar
      end
      local.tee $p i32.const 0 i32.lt_s
      if
        i32.const -1 return
      end
    end
    loop $close ;; p is after a value: close what ends here, then find the next value
      local.get $depth i32.eqz
      if
        local.get $p return
      end
      local.get $p local.set $p ${space} local.get $p
      i32.load8_u offset=${D} local.tee $c
      local.get $depth i32.const 1 i32.sub i32.load8_u offset=${LAYOUT.stack} local.set $open
      i32.const 44 i32.eq
      if
        local.get $p i32.const 1 i32.add local.set $p ${space}
        local.get $open i32.const 123 i32.eq
        if
          local.get $p call $skipKey local.tee $p
          i32.const 0 i32.lt_s
          if
            i32.const -1 return
          end
        end
        br $value
      end
      local.get $c local.get $open i32.const 2 i32.add i32.ne
      if
        i32.const -1 return
      end
      local.get $p i32.const 1 i32.add local.set $p
      local.get $depth i32.const 1 i32.sub local.set $depth
      br $close
    end
  end
  unreachable)

;; The slot of the key in [s, e), -1 when it is not indexed. Keys are compared 16
;; bytes at a time: table entries hold 31 key bytes, the line has padding after it.
(func $lookupKey (param $s i32) (param $e i32) (result i32) (local $len i32) (local $i i32) (local $slot i32) (local $key i32)
  local.get $e local.get $s i32.sub local.tee $len
  i32.eqz
  if
    i32.const -1 return
  end
  local.get $len i32.const 37 i32.mul
  local.get $s i32.load8_u offset=${D} i32.const 7 i32.mul i32.add
  local.get $e i32.load8_u offset=${D - 1} i32.add
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
      local.get $s v128.load offset=${D}
      local.get $key v128.load offset=${LAYOUT.keys + 1}
      i8x16.eq i8x16.bitmask i32.const -1 i32.xor
      i32.const 1 local.get $len i32.const 16 local.get $len i32.const 16 i32.lt_u select i32.shl i32.const 1 i32.sub
      i32.and
      local.get $s v128.load offset=${D + 16}
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

;; Records a value in a slot (nothing for -1, a key exechist does not index).
(func $store (param $slot i32) (param $c i32) (param $start i32) (param $end i32) (param $flag i32)
  local.get $slot i32.const 0 i32.lt_s
  if
    return
  end
  local.get $slot local.get $c call $kindOf i32.store8 offset=${LAYOUT.kind}
  local.get $slot local.get $flag i32.store8 offset=${LAYOUT.flag}
  local.get $slot i32.const 2 i32.shl local.get $start i32.store offset=${LAYOUT.start}
  local.get $slot i32.const 2 i32.shl local.get $end i32.store offset=${LAYOUT.end})

;; The newline after p and blanks, or -1.
(func $lineEnd (param $p i32) (result i32)
  local.get $p local.set $p ${space} local.get $p
  i32.load8_u offset=${D} i32.const 10 i32.eq
  if (result i32) local.get $p else i32.const -1 end)

;; The Falyx action object: skipped like any object, but its ignore_in_history is kept.
(func $scanAction (param $p i32) (result i32) (local $keyStart i32) (local $isIgnore i32) (local $valueStart i32) (local $c i32)
  local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
  i32.load8_u offset=${D} i32.const 125 i32.eq
  if
    local.get $p i32.const 1 i32.add return
  end
  loop $member
    local.get $p i32.load8_u offset=${D} i32.const 34 i32.ne
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
    i32.const ${F.ignore_in_history} i32.eq local.set $isIgnore
    local.get $p local.set $p ${space} local.get $p
    i32.load8_u offset=${D} i32.const 58 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p local.tee $valueStart
    i32.load8_u offset=${D} local.tee $c
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
      i32.const ${F.nested_ignore} local.get $c local.get $valueStart local.get $p i32.const 0 call $store
    end
    local.get $p local.set $p ${space} local.get $p
    i32.load8_u offset=${D} local.tee $c
    i32.const 44 i32.eq
    if
      local.get $p i32.const 1 i32.add local.set $p ${space}
      br $member
    end
    local.get $c i32.const 125 i32.eq
    if (result i32) local.get $p i32.const 1 i32.add else i32.const -1 end
    return
  end
  unreachable)

;; The line whose opening brace is at p: fills the slots (a repeated key: the last wins)
;; and returns the position of the newline that ends it, or -1 when the scanner cannot
;; decide (escaped keys, deep nesting, anything but one valid object and blanks).
(func $scanRecord (export "scanRecord") (param $p i32) (result i32) (local $slot i32) (local $keyStart i32) (local $valueStart i32) (local $c i32)
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=0
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=8
  i32.const ${LAYOUT.kind} i64.const 0 i64.store offset=16
  local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
  i32.load8_u offset=${D} i32.const 125 i32.eq
  if
    local.get $p i32.const 1 i32.add call $lineEnd return
  end
  loop $member
    local.get $p i32.load8_u offset=${D} i32.const 34 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.tee $keyStart
    call $skipString local.tee $p
    i32.const 0 i32.lt_s global.get $escaped i32.or
    if
      i32.const -1 return ;; an escaped key: the full parse decodes it
    end
    local.get $keyStart local.get $p i32.const 1 i32.sub call $lookupKey local.set $slot
    local.get $p local.set $p ${space} local.get $p
    i32.load8_u offset=${D} i32.const 58 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p local.tee $valueStart
    i32.load8_u offset=${D} local.tee $c
    i32.const 34 i32.eq
    if
      local.get $p i32.const 1 i32.add call $skipString local.tee $p
      i32.const 0 i32.lt_s
      if
        i32.const -1 return
      end
      local.get $slot local.get $c local.get $valueStart i32.const 1 i32.add local.get $p i32.const 1 i32.sub
      global.get $escaped call $store
    else
      local.get $c i32.const 123 i32.eq local.get $c i32.const 91 i32.eq i32.or
      if
        local.get $slot i32.const ${F.action} i32.eq local.get $c i32.const 123 i32.eq i32.and
        if (result i32)
          local.get $p call $scanAction
        else
          local.get $p call $skipContainer
        end
        local.tee $p i32.const 0 i32.lt_s
        if
          i32.const -1 return
        end
        local.get $slot local.get $c local.get $valueStart local.get $p
        local.get $valueStart i32.const 1 i32.add call $skipSpace local.get $p i32.const 1 i32.sub i32.ne
        call $store
      else
        local.get $p call $skipScalar local.tee $p
        i32.const 0 i32.lt_s
        if
          i32.const -1 return
        end
        local.get $slot local.get $c local.get $valueStart local.get $p i32.const 0 call $store
      end
    end
    local.get $p local.set $p ${space} local.get $p
    i32.load8_u offset=${D} local.tee $c
    i32.const 44 i32.eq
    if
      local.get $p i32.const 1 i32.add local.set $p ${space}
      br $member
    end
    local.get $c i32.const 125 i32.eq
    if (result i32) local.get $p i32.const 1 i32.add call $lineEnd else i32.const -1 end
    return
  end
  unreachable)
`;
