import { assembleModule } from "../wasm/assemble.ts";
import { FIELD_KEYS, SLOT_COUNT } from "./fields.ts";
import { LAYOUT, SCANNER_SOURCE } from "./scanner_wasm.ts";

/**
 * Where the indexed fields of one line sit: for each slot its kind and the byte range
 * of its value (inside the quotes for strings). Reused from line to line; the
 * scanner's slots are views of its memory.
 */
export class Slots {
  kind!: Uint8Array;
  start!: Int32Array;
  end!: Int32Array;
  /** 1 when a string holds escapes, or an object/array is non-empty. */
  flag!: Uint8Array;

  constructor(memory = new ArrayBuffer(LAYOUT.end + 4 * SLOT_COUNT)) {
    this.attach(memory);
  }

  /** Views the slots at their place in `memory` (the scanner's, after it grew). */
  attach(memory: ArrayBuffer): void {
    this.kind = new Uint8Array(memory, LAYOUT.kind, SLOT_COUNT);
    this.flag = new Uint8Array(memory, LAYOUT.flag, SLOT_COUNT);
    this.start = new Int32Array(memory, LAYOUT.start, SLOT_COUNT);
    this.end = new Int32Array(memory, LAYOUT.end, SLOT_COUNT);
  }

  clear(): void {
    this.kind.fill(0);
  }
}

const PAGE = 65536;
let compiled: WebAssembly.Module | undefined;

/** Indexed keys by length, first and last byte (the hash the scanner computes), with their bytes. */
function writeTables(bytes: Uint8Array): void {
  const encoder = new TextEncoder();
  for (let slot = 0; slot < FIELD_KEYS.length; slot++) {
    const key = encoder.encode(FIELD_KEYS[slot]);
    let i = (key.length * 37 + key[0]! * 7 + key[key.length - 1]!) & 255;
    while (bytes[LAYOUT.table + i] !== 0) i = (i + 1) & 255;
    bytes[LAYOUT.table + i] = slot + 1;
    bytes[LAYOUT.keys + i * 32] = key.length;
    bytes.set(key, LAYOUT.keys + i * 32 + 1);
  }
  for (const c of "0123456789abcdefABCDEF") bytes[LAYOUT.hex + c.charCodeAt(0)] = 1;
  for (const c of "\"\\/bfnrt") bytes[LAYOUT.escape + c.charCodeAt(0)] = 1;
}

/**
 * The field scanner over a buffer of its own (WebAssembly memory): the reader reads
 * line bytes into {@link data} and asks {@link scan} for each line's fields, which land
 * in {@link slots}. One per reader (per thread); the compiled module is shared.
 */
export class RecordScanner {
  private readonly memory: WebAssembly.Memory;
  private readonly scanRecord: (p: number) => number;
  /** The data area: line bytes, then a newline the caller writes as a sentinel. */
  data: Uint8Array;
  readonly slots: Slots;

  constructor(capacity: number) {
    compiled ??= new WebAssembly.Module(assembleModule({
      source: SCANNER_SOURCE,
      globals: [{ name: "$escaped", type: "i32", init: 0 }],
      minPages: 1,
    }) as Uint8Array<ArrayBuffer>);
    this.memory = new WebAssembly.Memory({ initial: pagesFor(capacity) });
    const instance = new WebAssembly.Instance(compiled, { env: { memory: this.memory } });
    this.scanRecord = instance.exports.scanRecord as (p: number) => number;
    writeTables(new Uint8Array(this.memory.buffer));
    this.slots = new Slots(this.memory.buffer);
    this.data = this.view(capacity);
  }

  /**
   * Scans the line whose opening brace is at `data[p]`: returns the position of the
   * newline ending it with its fields in {@link slots}, or -1 when the scanner cannot
   * decide and the line needs a full parse.
   */
  scan(p: number): number {
    return this.scanRecord(p);
  }

  /** Makes {@link data} at least `capacity` bytes, keeping its contents; views made before are stale. */
  grow(capacity: number): Uint8Array {
    const pages = pagesFor(capacity) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    this.slots.attach(this.memory.buffer);
    return (this.data = this.view(capacity));
  }

  private view(capacity: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, LAYOUT.data, capacity);
  }
}

function pagesFor(capacity: number): number {
  return Math.ceil((LAYOUT.data + capacity + LAYOUT.padding) / PAGE);
}
