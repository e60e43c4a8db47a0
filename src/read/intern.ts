const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Gives each distinct string a small integer id, keyed by its UTF-8 bytes so that a
 * scanner can intern straight from a line without building a string first.
 * Ids are dense and start at `firstId`.
 */
export class Interner {
  readonly values: string[] = [];
  readonly firstId: number;
  private slots = new Int32Array(64).fill(-1);
  /** Each string's hash by local id (a number[] would turn to doubles at the first hash beyond 31 bits, deoptimizing its readers). */
  private hashes = new Int32Array(16);
  private arena = new Uint8Array(1024);
  private arenaUsed = 0;
  private keyStart: number[] = [];
  private keyEnd: number[] = [];

  constructor(firstId = 0) {
    this.firstId = firstId;
  }

  get size(): number {
    return this.values.length;
  }

  /** The string of an id. */
  value(id: number): string {
    return this.values[id - this.firstId] ?? "";
  }

  /** The id of the UTF-8 text in `bytes[start, end)`. */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const found = this.slots[slot]!;
      if (found < 0) break;
      if (this.hashes[found] === h && this.equals(found, bytes, start, end)) return found + this.firstId;
      slot = (slot + 1) & mask;
    }
    const local = this.values.length;
    this.values.push(decoder.decode(bytes.subarray(start, end)));
    if (local === this.hashes.length) {
      const grown = new Int32Array(local * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[local] = h;
    this.store(bytes, start, end);
    this.slots[slot] = local;
    if (local * 2 >= this.slots.length) this.rehash();
    return local + this.firstId;
  }

  /** The id of a string. */
  intern(text: string): number {
    const bytes = encoder.encode(text);
    return this.internBytes(bytes, 0, bytes.length);
  }

  private equals(local: number, bytes: Uint8Array, start: number, end: number): boolean {
    const s = this.keyStart[local]!;
    const e = this.keyEnd[local]!;
    if (e - s !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < e - s; i++) if (arena[s + i] !== bytes[start + i]) return false;
    return true;
  }

  private store(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.keyStart.push(this.arenaUsed);
    this.arenaUsed += length;
    this.keyEnd.push(this.arenaUsed);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let local = 0; local < this.values.length; local++) {
      let slot = this.hashes[local]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = local;
    }
    this.slots = slots;
  }
}
