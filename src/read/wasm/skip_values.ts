// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { colon, DATA, isDigit, LAYOUT, skipDigits, skipString, space } from "./layout.ts";

/**
 * Validating skippers of JSON values (NaN and infinities allowed), building nothing: each
 * takes the position of a value's first byte (of a string: just after its opening quote)
 * and returns the position after it, or -1 when it is not valid JSON. No loop needs a
 * bound: each stops at a newline, and the reader keeps one after the bytes. Strings and
 * digits go 16 bytes at a time (SIMD).
 */
/**
 * When the byte in $c is \`first\`: the position after the literal at $p, or -1 (its bytes
 * from \`at\` compared as one little-endian load).
 */
function literal(first: number, load: string, at: number, word: number, length: number, text: string): string {
  return `local.get $c i32.const ${first} i32.eq
  if
    local.get $p ${load} offset=${DATA + at} i32.const ${word} i32.eq ;; ${text}
    if (result i32) local.get $p i32.const ${length} i32.add else i32.const -1 end
    return
  end`;
}

/** When the bracket in `open` is a brace, past the key at $p and its colon (or returns -1). */
function keyIn(open: string): string {
  return `local.get ${open} i32.const 123 i32.eq
        if
          local.get $p call $skipKey local.tee $p
          i32.const 0 i32.lt_s
          if
            i32.const -1 return
          end
        end`;
}

export const SKIP_VALUES = `
(func $skipSpace (param $p i32) (result i32) (local $c i32)
  loop $more
    local.get $p i32.load8_u offset=${DATA} local.tee $c
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
    local.get $p v128.load offset=${DATA} local.tee $v
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
    i32.load8_u offset=${DATA} local.tee $c
    i32.const 34 i32.eq
    if
      local.get $p i32.const 1 i32.add return
    end
    local.get $c i32.const 92 i32.ne
    if
      i32.const -1 return ;; a control byte (a newline ends the line)
    end
    i32.const 1 global.set $escaped
    local.get $p i32.load8_u offset=${DATA + 1} local.tee $e
    i32.const 117 i32.eq
    if
      local.get $p i32.load8_u offset=${DATA + 2} i32.load8_u offset=${LAYOUT.hex}
      local.get $p i32.load8_u offset=${DATA + 3} i32.load8_u offset=${LAYOUT.hex} i32.and
      local.get $p i32.load8_u offset=${DATA + 4} i32.load8_u offset=${LAYOUT.hex} i32.and
      local.get $p i32.load8_u offset=${DATA + 5} i32.load8_u offset=${LAYOUT.hex} i32.and
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

;; A number or one of true, false, null, NaN, Infinity, -Infinity.
(func $skipScalar (param $p i32) (result i32) (local $c i32) (local $m i32)
  local.get $p i32.load8_u offset=${DATA} local.set $c
  ${literal(116, "i32.load", 0, 0x65757274, 4, "true")}
  ${literal(102, "i32.load", 1, 0x65736c61, 5, "false: alse")}
  ${literal(110, "i32.load", 0, 0x6c6c756e, 4, "null")}
  ${literal(78, "i32.load16_u", 1, 0x4e61, 3, "NaN: aN")}
  local.get $c i32.const 45 i32.eq
  if
    local.get $p i32.const 1 i32.add local.tee $p
    i32.load8_u offset=${DATA} local.set $c
  end
  local.get $c i32.const 73 i32.eq
  if
    local.get $p i64.load offset=${DATA} i64.const 0x7974696e69666e49 i64.eq ;; "Infinity"
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
    local.get $p i32.const 1 i32.add local.set $p ${skipDigits}
  end
  local.get $p i32.load8_u offset=${DATA} i32.const 46 i32.eq
  if
    local.get $p i32.load8_u offset=${DATA + 1} ${isDigit} i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 2 i32.add local.set $p ${skipDigits}
  end
  local.get $p i32.load8_u offset=${DATA} i32.const 32 i32.or i32.const 101 i32.eq ;; e or E
  if
    local.get $p i32.const 1 i32.add local.tee $p
    i32.load8_u offset=${DATA} local.tee $c
    i32.const 43 i32.eq local.get $c i32.const 45 i32.eq i32.or
    if
      local.get $p i32.const 1 i32.add local.set $p
    end
    local.get $p i32.load8_u offset=${DATA} ${isDigit} i32.eqz
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.set $p ${skipDigits}
  end
  local.get $p)

;; An object key with its colon, from its opening quote to the value's first byte.
(func $skipKey (param $p i32) (result i32) (local $v v128) (local $m i32) (local $q i32)
  local.get $p i32.load8_u offset=${DATA} i32.const 34 i32.ne
  if
    i32.const -1 return
  end
  local.get $p i32.const 1 i32.add local.set $p
  ${skipString}
  ${colon}
  local.get $p)

;; A whole object or array from its opening bracket, validated without recursion.
(func $skipContainer (param $p i32) (result i32) (local $depth i32) (local $c i32) (local $open i32)
    (local $v v128) (local $m i32) (local $q i32)
  loop $value ;; p is at a value
    block $after
      local.get $p i32.load8_u offset=${DATA} local.tee $c
      i32.const 123 i32.eq local.get $c i32.const 91 i32.eq i32.or
      if
        local.get $depth i32.const ${LAYOUT.maxDepth} i32.eq
        if
          i32.const -1 return
        end
        local.get $depth local.get $c i32.store8 offset=${LAYOUT.stack}
        local.get $depth i32.const 1 i32.add local.set $depth
        local.get $p i32.const 1 i32.add local.set $p ${space} local.get $p
        i32.load8_u offset=${DATA} local.get $c i32.const 2 i32.add i32.eq ;; } is { + 2, ] is [ + 2
        if
          local.get $p i32.const 1 i32.add local.set $p
          local.get $depth i32.const 1 i32.sub local.set $depth
          br $after
        end
        ${keyIn("$c")}
        br $value
      end
      local.get $c i32.const 34 i32.eq
      if
        local.get $p i32.const 1 i32.add local.set $p
        ${skipString}
      else
        local.get $p call $skipScalar local.tee $p i32.const 0 i32.lt_s
        if
          i32.const -1 return
        end
      end
    end
    loop $close ;; p is after a value: close what ends here, then find the next value
      local.get $depth i32.eqz
      if
        local.get $p return
      end
      ${space} local.get $p
      i32.load8_u offset=${DATA} local.tee $c
      local.get $depth i32.const 1 i32.sub i32.load8_u offset=${LAYOUT.stack} local.set $open
      i32.const 44 i32.eq
      if
        local.get $p i32.const 1 i32.add local.set $p ${space}
        ${keyIn("$open")}
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
`;
