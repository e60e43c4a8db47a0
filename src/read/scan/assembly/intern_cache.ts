// A cache of the ids the reader gave to names, run ids and statuses, by their bytes as
// written (escapes and all: each spelling is an entry of its own, and Python escapes
// every non-ASCII character): a log repeats the same few, and finding them here costs
// less than hashing, comparing and decoding them in JavaScript. The reader's interners
// stay the only source of ids: on a miss the scanner keeps the bytes in a new entry
// whose id is -1, and the reader writes the id it gave them into that entry.
import { arena, cache, data, slotEntry, slotId, slotTable } from "./layout";

/** Entries in use, and arena bytes. */
let cacheCount: i32 = 0;
let arenaUsed: i32 = 0;

/** Entries kept at most: half of them, so probes stay short. */
const CACHE_LIMIT: i32 = cache.count >> 1;
const CACHE_MASK: i32 = cache.count - 1;

/**
 * A hash of the string [s, s + len) for a table: its length and table, its first and last
 * 8 bytes (strings alike in those are told apart by the comparison).
 */
function hash(s: i32, len: i32, table: i32): i32 {
  let h: u64 = <u64>(<u32>(len | (table << 24))) * 0x9e3779b97f4a7c15;
  const first = load<u64>(<usize>s, data.at) & (len < 8 ? ((<u64>1) << (<u64>len << 3)) - 1 : <u64>-1);
  h = (h ^ first) * 0xff51afd7ed558ccd;
  const last: u64 = len < 8 ? 0 : load<u64>(<usize>(s + len), data.at - 8);
  h = (h ^ last) * 0xc4ceb9fe1a85ec53;
  return <i32>((h >> 32) ^ h);
}

/** True when the len bytes at address a (the arena) equal those at line position b. */
function equal(a: usize, b: i32, len: i32): bool {
  for (; len > 0; len -= 16) {
    const differ = ~i8x16.bitmask(i8x16.eq(v128.load(a), v128.load(<usize>b, data.at)));
    if ((differ & ((1 << (len < 16 ? len : 16)) - 1)) != 0) return false;
    a += 16;
    b += 16;
  }
  return true;
}

/** Looks the string [s, e) of a slot up: its id and entry into the slot's id and entry (-1: none). */
export function cacheLookup(slot: i32, s: i32, e: i32): void {
  const table = <i32>load<u8>(slot, slotTable.at);
  if (table == 0) return;
  const at = <usize>slot * slotId.stride; // the slot's byte offset in id and entry (both i32)
  const len = e - s;
  const lengthTable = len | (table << 24);
  const h = hash(s, len, table);
  let i = h & CACHE_MASK;
  while (true) {
    const entry = <usize>i * cache.stride;
    const entryLength = load<i32>(entry, cache.lengthTable);
    if (entryLength == 0) { // not cached: keep the bytes in this entry when there is room, for the reader's id
      if (cacheCount < CACHE_LIMIT && arenaUsed + len <= arena.count) {
        memory.copy(arena.at + arenaUsed, data.at + s, len);
        store<i32>(entry, h, cache.hash);
        store<i32>(entry, arenaUsed, cache.text);
        store<i32>(entry, lengthTable, cache.lengthTable);
        store<i32>(entry, -1, cache.id);
        arenaUsed += len;
        cacheCount++;
        store<i32>(at, i, slotEntry.at);
      } else {
        store<i32>(at, -1, slotEntry.at);
      }
      store<i32>(at, -1, slotId.at);
      return;
    }
    if (
      load<i32>(entry, cache.hash) == h && entryLength == lengthTable &&
      equal(arena.at + load<i32>(entry, cache.text), s, len)
    ) {
      store<i32>(at, load<i32>(entry, cache.id), slotId.at);
      store<i32>(at, i, slotEntry.at);
      return;
    }
    i = (i + 1) & CACHE_MASK;
  }
}
