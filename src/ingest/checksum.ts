/**
 * The checksums of an index file: xxHash32 (Yann Collet's XXH32, as specified in the
 * xxHash repository), over 32-bit words read in the machine's order (little-endian on every
 * platform exechist runs on, as are the columns themselves). Any change to one word of
 * the input changes the sum: each step maps the state and the word one to one.
 */

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

/** The size of the blocks whose sums an index keeps: `result N` checks only the blocks it reads. */
export const BLOCK_BYTES = 1 << 16;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/** XXH32 of `bytes` with `seed`, as an unsigned 32-bit number. */
export function xxh32(bytes: Uint8Array, seed = 0): number {
  // Words need a 4-byte aligned view; a view elsewhere is copied (index pieces are aligned).
  const data = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const length = data.length;
  const words = new Uint32Array(data.buffer, data.byteOffset, length >>> 2);
  let i = 0;
  let h: number;
  if (length >= 16) {
    let v1 = (seed + P1 + P2) | 0;
    let v2 = (seed + P2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - P1) | 0;
    for (const stripes = (length >>> 4) << 2; i < stripes; i += 4) {
      v1 = Math.imul(rotl((v1 + Math.imul(words[i]!, P2)) | 0, 13), P1);
      v2 = Math.imul(rotl((v2 + Math.imul(words[i + 1]!, P2)) | 0, 13), P1);
      v3 = Math.imul(rotl((v3 + Math.imul(words[i + 2]!, P2)) | 0, 13), P1);
      v4 = Math.imul(rotl((v4 + Math.imul(words[i + 3]!, P2)) | 0, 13), P1);
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else h = (seed + P5) | 0;
  h = (h + length) | 0;
  for (; i < words.length; i++) h = Math.imul(rotl((h + Math.imul(words[i]!, P3)) | 0, 17), P4);
  for (let k = words.length << 2; k < length; k++) h = Math.imul(rotl((h + Math.imul(data[k]!, P5)) | 0, 11), P1);
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The sums of a column's blocks of {@link BLOCK_BYTES}: its bytes followed by zeros up to
 * `padded` bytes (what the file holds), block by block from the column's start.
 */
export function blockSums(column: Uint8Array, padded: number): number[] {
  const sums: number[] = [];
  for (let from = 0; from < padded; from += BLOCK_BYTES) {
    const to = Math.min(from + BLOCK_BYTES, padded);
    if (to <= column.length) sums.push(xxh32(column.subarray(from, to), from));
    else {
      const block = new Uint8Array(to - from); // the last block, with the zeros the file has after the column
      block.set(column.subarray(from));
      sums.push(xxh32(block, from));
    }
  }
  return sums;
}

/** How many blocks a column of `padded` bytes has. */
export const blockCount = (padded: number): number => Math.ceil(padded / BLOCK_BYTES);
