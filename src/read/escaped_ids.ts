import { Interner } from "./intern.ts";

const decoder = new TextDecoder();

/**
 * Ids in `table` of strings written with escapes (`"caf\u00e9"`), by their bytes as
 * written: a log repeats the same few, and decoding each occurrence cost ~1.5 µs.
 */
export class EscapedIds {
  private readonly written = new Interner(0);
  /** By id of the spelling (dense from 0, so the array stays packed): the id in `table`. */
  private readonly ids: number[] = [];
  private readonly table: Interner;

  constructor(table: Interner) {
    this.table = table;
  }

  /** The id of the inside of the string literal in `b[start, end)`. */
  id(b: Uint8Array, start: number, end: number): number {
    const spelling = this.written.internBytes(b, start, end);
    let id = this.ids[spelling];
    if (id === undefined) {
      id = this.table.intern(decodeString(b, start, end));
      this.ids[spelling] = id;
    }
    return id;
  }
}

/** Decodes the inside of a JSON string literal that holds escapes. */
export function decodeString(b: Uint8Array, start: number, end: number): string {
  return JSON.parse(decoder.decode(b.subarray(start - 1, end + 1))) as string;
}
