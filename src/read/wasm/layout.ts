// deno-fmt-ignore-file -- WebAssembly text in templates and opcode tables, laid out by hand
import { END_ALIASES, SLOT, START_ALIASES } from "../fields.ts";

/**
 * The scanner's memory, by byte address. Line positions are relative to the data
 * area: every load of line bytes carries `offset=DATA`.
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
  /** Powers of ten 10^0 … 10^22 (f64), then each number slot's value (f64). */
  pow10: 9728,
  value: 9920,
  /** Per slot: which intern cache its strings go to (0: none, else table + 1). */
  slotTable: 10112,
  /** Per slot (i32): the cached id of its string, -1 when not cached; the cache entry it is in, -1 when none. */
  id: 10144,
  entry: 10240,
  /** Per slot: the clock of an ISO time string the scanner read (its micros in value), 0 when it did not. */
  clock: 10336,
  /**
   * The record's fields when the scanner normalised it (wasm/normalize.ts): index, start,
   * end, duration (f64); name, status, run (i32); start clock, end clock, ignored, and
   * ok, 1 when these are the record's (u8).
   */
  fields: 10368,
  /** The intern cache: entries of four i32 (hash, arena offset, length | table << 24, id; id -1 until known). */
  cache: 65536,
  cacheEntries: 4096,
  /** Entries kept at most (half full, so probes stay short), and the arena of their bytes. */
  cacheLimit: 2048,
  arena: 131072,
  arenaSize: 65536,
  /**
   * Records staged by scanBatch (wasm/batch.ts), up to batchRecords: its word on the batch
   * (i32s: next line, ends used, OR of name, status and run ids, records without an
   * index; f64 at +24: the largest index), then a column each, as
   * ColumnsBuilder.addBatch copies them.
   */
  batch: 196608,
  batchRecords: 1024,
  batchIndex: 196608 + 64,
  batchStart: 196608 + 64 + 8192,
  batchEnd: 196608 + 64 + 2 * 8192,
  batchDuration: 196608 + 64 + 3 * 8192,
  batchOffset: 196608 + 64 + 4 * 8192,
  batchName: 196608 + 64 + 5 * 8192,
  batchStatus: 196608 + 64 + 5 * 8192 + 4096,
  batchRun: 196608 + 64 + 5 * 8192 + 2 * 4096,
  batchFlags: 196608 + 64 + 5 * 8192 + 3 * 4096,
  /** The line bytes. */
  data: 262144,
  /** Bytes readable after the data's last byte (a key compared 32 bytes at a time). */
  padding: 32,
} as const;

/** The data area's offset, for the text of loads of line bytes. */
export const DATA = LAYOUT.data;

/** Past blanks at $p: a call only when the byte there is one (or below: a newline returns at once). */
export const space = `local.get $p i32.load8_u offset=${DATA} i32.const 32 i32.le_u
    if
      local.get $p call $skipSpace local.set $p
    end`;

/**
 * Past the string whose opening quote is just before $p, to just after its closing quote
 * (sets $escaped; returns -1 from the function when the string is not valid). Inline
 * when it closes within 16 bytes without an escape, which most keys and many values do;
 * else by a call of $skipString. Needs locals $v (v128), $m and $q.
 */
export const skipString = `local.get $p v128.load offset=${DATA} local.tee $v
    i32.const 34 i8x16.splat i8x16.eq
    local.get $v i32.const 92 i8x16.splat i8x16.eq v128.or
    local.get $v i32.const 32 i8x16.splat i8x16.lt_u v128.or
    i8x16.bitmask local.tee $m
    if (result i32)
      local.get $p local.get $m i32.ctz i32.add local.tee $q i32.load8_u offset=${DATA} i32.const 34 i32.eq
    else
      i32.const 0
    end
    if
      local.get $q i32.const 1 i32.add local.set $p
      i32.const 0 global.set $escaped
    else
      local.get $p call $skipString local.tee $p i32.const 0 i32.lt_s
      if
        i32.const -1 return
      end
    end`;

/** From just after a key's closing quote at $p past blanks, the colon and blanks, to the value's first byte (or returns -1). */
export const colon = `${space} local.get $p
    i32.load8_u offset=${DATA} i32.const 58 i32.ne
    if
      i32.const -1 return
    end
    local.get $p i32.const 1 i32.add local.set $p ${space}`;

/** Past the digits at $p, 16 bytes at a time. Needs local $m. */
export const skipDigits = `loop $digits
      local.get $p v128.load offset=${DATA}
      i32.const 48 i8x16.splat i8x16.sub i32.const 10 i8x16.splat i8x16.lt_u
      i8x16.bitmask i32.const 0xffff i32.xor local.tee $m
      i32.eqz
      if
        local.get $p i32.const 16 i32.add local.set $p
        br $digits
      end
    end
    local.get $p local.get $m i32.ctz i32.add local.set $p`;

/** The string slots the scanner reads ISO times of (bits by slot): every start and end alias. */
export const TIME_SLOTS = [...START_ALIASES, ...END_ALIASES].reduce((bits, slot) => bits | (1 << slot), 0);

/** True (1) when the byte on the stack is a digit. */
export const isDigit = `i32.const 48 i32.sub i32.const 10 i32.lt_u`;

/** The number slots whose value the scanner reads (bits by slot): those every record needs. */
export const PARSED_NUMBERS = (1 << SLOT.index) | (1 << SLOT.duration) | (1 << SLOT.duration_ms);
