// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { DATA, LAYOUT } from "./layout.ts";

const C = LAYOUT.cache;
const MASK = LAYOUT.cacheEntries - 1;

/**
 * A cache of the ids the reader gave to names, run ids and statuses, by their bytes as
 * written (escapes and all: each spelling is an entry of its own, and Python escapes
 * every non-ASCII character): a log repeats the same few, and finding them here costs
 * less than hashing, comparing and decoding them in JavaScript. The reader's interners
 * stay the only source of ids: on a miss the scanner keeps the bytes in a new entry
 * whose id is -1, and the reader writes the id it gave them into that entry.
 */
export const INTERN_CACHE = `
;; A hash of the string [s, s + len) for a table: its length and table, its first and
;; last 8 bytes (strings alike in those are told apart by the comparison).
(func $hash (param $s i32) (param $len i32) (param $table i32) (result i32) (local $h i64)
  local.get $len local.get $table i32.const 24 i32.shl i32.or i64.extend_i32_u
  i64.const 0x9e3779b97f4a7c15 i64.mul
  local.get $s i64.load offset=${DATA}
  local.get $len i32.const 8 i32.lt_u
  if (result i64) ;; only the string's bytes
    i64.const 1 local.get $len i32.const 3 i32.shl i64.extend_i32_u i64.shl i64.const 1 i64.sub
  else
    i64.const -1
  end
  i64.and i64.xor i64.const 0xff51afd7ed558ccd i64.mul
  local.get $len i32.const 8 i32.lt_u
  if (result i64)
    i64.const 0
  else
    local.get $s local.get $len i32.add i64.load offset=${DATA - 8}
  end
  i64.xor i64.const 0xc4ceb9fe1a85ec53 i64.mul local.tee $h
  i64.const 32 i64.shr_u local.get $h i64.xor i32.wrap_i64)

;; 1 when the len bytes at address a (the arena) equal those at line position b.
(func $equal (param $a i32) (param $b i32) (param $len i32) (result i32)
  loop $stride
    local.get $len i32.const 0 i32.le_s
    if
      i32.const 1 return
    end
    local.get $a v128.load offset=0
    local.get $b v128.load offset=${DATA}
    i8x16.eq i8x16.bitmask i32.const -1 i32.xor ;; the bytes that differ
    i32.const 1 local.get $len i32.const 16 local.get $len i32.const 16 i32.lt_u select i32.shl i32.const 1 i32.sub
    i32.and
    if
      i32.const 0 return
    end
    local.get $a i32.const 16 i32.add local.set $a
    local.get $b i32.const 16 i32.add local.set $b
    local.get $len i32.const 16 i32.sub local.set $len
    br $stride
  end
  unreachable)

;; Looks the string of a slot up: its id and entry in the slot's id and entry (-1: none).
(func $cacheLookup (param $slot i32) (param $s i32) (param $e i32)
    (local $table i32) (local $len i32) (local $lenTable i32) (local $h i32) (local $i i32) (local $entry i32)
  local.get $slot i32.load8_u offset=${LAYOUT.slotTable} local.tee $table
  i32.eqz
  if
    return
  end
  local.get $slot i32.const 2 i32.shl local.set $slot ;; from here, the slot's byte offset in id and entry
  local.get $e local.get $s i32.sub local.tee $len
  local.get $table i32.const 24 i32.shl i32.or local.set $lenTable
  local.get $s local.get $len local.get $table call $hash local.tee $h
  i32.const ${MASK} i32.and local.set $i
  loop $probe
    local.get $i i32.const 4 i32.shl local.tee $entry
    i32.load offset=${C + 8} i32.eqz
    if ;; not cached: keep the bytes in this entry when there is room, for the reader's id
      global.get $cacheCount i32.const ${LAYOUT.cacheLimit} i32.lt_u
      global.get $arenaUsed local.get $len i32.add i32.const ${LAYOUT.arenaSize} i32.le_u i32.and
      if
        global.get $arenaUsed i32.const ${LAYOUT.arena} i32.add
        local.get $s i32.const ${DATA} i32.add local.get $len memory.copy
        local.get $entry local.get $h i32.store offset=${C}
        local.get $entry global.get $arenaUsed i32.store offset=${C + 4}
        local.get $entry local.get $lenTable i32.store offset=${C + 8}
        local.get $entry i32.const -1 i32.store offset=${C + 12}
        global.get $arenaUsed local.get $len i32.add global.set $arenaUsed
        global.get $cacheCount i32.const 1 i32.add global.set $cacheCount
        local.get $slot local.get $i i32.store offset=${LAYOUT.entry}
      else
        local.get $slot i32.const -1 i32.store offset=${LAYOUT.entry}
      end
      local.get $slot i32.const -1 i32.store offset=${LAYOUT.id}
      return
    end
    local.get $entry i32.load offset=${C} local.get $h i32.eq
    local.get $entry i32.load offset=${C + 8} local.get $lenTable i32.eq i32.and
    if
      local.get $entry i32.load offset=${C + 4} i32.const ${LAYOUT.arena} i32.add local.get $s local.get $len call $equal
      if
        local.get $slot local.get $entry i32.load offset=${C + 12} i32.store offset=${LAYOUT.id}
        local.get $slot local.get $i i32.store offset=${LAYOUT.entry}
        return
      end
    end
    local.get $i i32.const 1 i32.add i32.const ${MASK} i32.and local.set $i
    br $probe
  end
  unreachable)
`;
