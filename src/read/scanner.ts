import { FIELD_KEYS, SLOT, SLOT_COUNT } from "./fields.ts";
import type { RecordFields } from "./normalize.ts";
import { POW10 } from "./number.ts";
import type { Clock } from "./time.ts";
import { LAYOUT } from "./wasm/layout.ts";
import { scannerBytes } from "./wasm/module_bytes.ts";

/**
 * Where the indexed fields of one line sit: for each slot its kind and the byte range
 * of its value (inside the quotes for strings). Reused from line to line; the
 * scanner's slots are views of its memory.
 */
export class Slots {
  kind!: Uint8Array;
  start!: Int32Array;
  end!: Int32Array;
  /** 1 when a string holds escapes, an object/array is non-empty, or a number's value is not in {@link value}. */
  flag!: Uint8Array;
  /** A number's value, when its kind is a number and its flag 0; an ISO time's micros, when its clock is not 0. */
  value!: Float64Array;
  /** The clock of a time string the scanner read (flag 0), 0 when it left it to time.ts. */
  clock!: Uint8Array;
  /** A string's id from the intern cache, -1 when it is not there (yet). */
  id!: Int32Array;
  /** The cache entry a string is in, -1 when none: where its id goes once known ({@link cacheId}). */
  entry!: Int32Array;
  /** The cache's entries, four i32 each; the id is the fourth. Empty when there is no cache. */
  cache!: Int32Array;

  constructor(memory = new ArrayBuffer(LAYOUT.clock + SLOT_COUNT)) {
    this.attach(memory);
  }

  /** Views the slots at their place in `memory` (the scanner's, after it grew). */
  attach(memory: ArrayBuffer): void {
    this.kind = new Uint8Array(memory, LAYOUT.kind, SLOT_COUNT);
    this.flag = new Uint8Array(memory, LAYOUT.flag, SLOT_COUNT);
    this.start = new Int32Array(memory, LAYOUT.start, SLOT_COUNT);
    this.end = new Int32Array(memory, LAYOUT.end, SLOT_COUNT);
    this.value = new Float64Array(memory, LAYOUT.value, SLOT_COUNT);
    this.clock = new Uint8Array(memory, LAYOUT.clock, SLOT_COUNT);
    this.id = new Int32Array(memory, LAYOUT.id, SLOT_COUNT);
    this.entry = new Int32Array(memory, LAYOUT.entry, SLOT_COUNT);
    const cached = memory.byteLength >= LAYOUT.cache + 16 * LAYOUT.cacheEntries;
    this.cache = cached ? new Int32Array(memory, LAYOUT.cache, 4 * LAYOUT.cacheEntries) : new Int32Array(0);
  }

  clear(): void {
    this.kind.fill(0);
  }

  /** Records the id the reader gave a slot's string that the cache did not know. */
  cacheId(slot: number, id: number): void {
    const entry = this.entry[slot]!;
    if (entry >= 0) this.cache[entry * 4 + 3] = id;
  }
}

/**
 * The records {@link RecordScanner.scanBatch} staged, a column each (views of the
 * scanner's memory, as wasm/batch.ts writes them), and its word on them.
 */
export interface StagedRecords {
  index: Float64Array;
  start: Float64Array;
  end: Float64Array;
  duration: Float64Array;
  /** Ascending: lines are staged in order. */
  offset: Float64Array;
  name: Int32Array;
  status: Int32Array;
  run: Int32Array;
  flags: Uint8Array;
  /** The batch's summary, read by the names of {@link BATCH_WORD}. */
  word: Int32Array;
  /** The largest index, at 0. */
  maxIndex: Float64Array;
}

/** What each of a batch's six summary words holds (wasm/batch.ts writes them). */
export const BATCH_WORD = {
  /** Where the next line starts. */
  nextLine: 0,
  /** 1 when some record has an end worth keeping. */
  hasEnds: 1,
  /** The OR of the name ids (as many bits as the largest). */
  nameIds: 2,
  statusIds: 3,
  runIds: 4,
  /** How many records have no index (their position is). */
  positional: 5,
} as const;

const PAGE = 65536;
let compiled: WebAssembly.Module | undefined;

/**
 * The scanner's compiled module, to hand to worker threads: a module posted to a thread
 * of the same process shares its compiled (and optimised) code, so a worker does not
 * compile it again.
 */
export function scannerModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(scannerBytes());
  return compiled;
}

/** Takes the module another thread compiled (see {@link scannerModule}). */
export function adoptScannerModule(module: WebAssembly.Module): void {
  compiled = module;
}

/** The intern cache's table of each string slot: 1 names, 2 run ids, 3 statuses. */
const SLOT_TABLES: ReadonlyArray<[number, number]> = [
  [SLOT.name, 1],
  [SLOT.action, 1],
  [SLOT.action_name, 1],
  [SLOT.run_id, 2],
  [SLOT.session_id, 2],
  [SLOT.status, 3],
];

/** The constant tables the scanner reads, written once into a new memory. */
function writeTables(bytes: Uint8Array): void {
  const encoder = new TextEncoder();
  for (let slot = 0; slot < FIELD_KEYS.length; slot++) {
    // Indexed keys by length, first and last byte (the hash lookupKey computes), with their bytes.
    const key = encoder.encode(FIELD_KEYS[slot]);
    let i = (key.length * 37 + key[0]! * 7 + key[key.length - 1]!) & 255;
    while (bytes[LAYOUT.table + i] !== 0) i = (i + 1) & 255;
    bytes[LAYOUT.table + i] = slot + 1;
    bytes[LAYOUT.keys + i * 32] = key.length;
    bytes.set(key, LAYOUT.keys + i * 32 + 1);
  }
  for (const c of "0123456789abcdefABCDEF") bytes[LAYOUT.hex + c.charCodeAt(0)] = 1;
  for (const c of '"\\/bfnrt') bytes[LAYOUT.escape + c.charCodeAt(0)] = 1;
  new Float64Array(bytes.buffer, LAYOUT.pow10, POW10.length).set(POW10);
  for (const [slot, table] of SLOT_TABLES) bytes[LAYOUT.slotTable + slot] = table;
}

/**
 * The field scanner over a buffer of its own (WebAssembly memory): the reader reads
 * line bytes into {@link data} and asks {@link scan} for each line's fields, which land
 * in {@link slots}. One per reader (per thread); the compiled module is shared.
 */
export class RecordScanner {
  private readonly memory: WebAssembly.Memory;
  private readonly scanRecord: (p: number) => number;
  private readonly scanMany: (p: number, filled: number, eof: number, base: number, pos: number) => number;
  /** What {@link scanBatch} staged. */
  staged!: StagedRecords;
  /** The data area: line bytes, then a newline the caller writes as a sentinel. */
  data: Uint8Array;
  readonly slots: Slots;
  /** The fields of a record the scanner normalised (see wasm/normalize.ts), as numbers, ids and bytes. */
  private numbers!: Float64Array;
  private ids!: Int32Array;
  private bytes!: Uint8Array;

  constructor(capacity: number) {
    this.memory = new WebAssembly.Memory({ initial: pagesFor(capacity) });
    const instance = new WebAssembly.Instance(scannerModule(), { env: { memory: this.memory } });
    this.scanRecord = instance.exports.scanRecord as (p: number) => number;
    this.scanMany = instance.exports.scanBatch as RecordScanner["scanMany"];
    writeTables(new Uint8Array(this.memory.buffer));
    this.slots = new Slots(this.memory.buffer);
    this.data = this.view(capacity);
  }

  /**
   * Copies the fields of the line just scanned into `out` when the scanner normalised
   * them (the usual record); false when that is left to normalize.ts.
   */
  fieldsInto(out: RecordFields): boolean {
    const bytes = this.bytes;
    if (bytes[3] === 0) return false;
    const numbers = this.numbers;
    const ids = this.ids;
    out.index = numbers[0]!;
    out.start = numbers[1]!;
    out.end = numbers[2]!;
    out.duration = numbers[3]!;
    out.nameId = ids[0]!;
    out.status = ids[1]!;
    out.runId = ids[2]!;
    out.startClock = bytes[0] as Clock;
    out.endClock = bytes[1] as Clock;
    out.ignored = bytes[2] === 1;
    return true;
  }

  /**
   * Scans the line whose opening brace is at `data[p]`: returns the position of the
   * newline ending it with its fields in {@link slots}, or -1 when the scanner cannot
   * decide and the line needs a full parse.
   */
  scan(p: number): number {
    return this.scanRecord(p);
  }

  /**
   * Scans the lines from `data[p]` on while each is a record the scanner reads whole,
   * staging them in {@link staged} (see wasm/batch.ts); returns how many. `filled`:
   * where the bytes read end (a line ending there is whole only at the end, `eof`);
   * `base`: the input position of `data[0]`; `pos`: the first record's position.
   */
  scanBatch(p: number, filled: number, eof: boolean, base: number, pos: number): number {
    return this.scanMany(p, filled, eof ? 1 : 0, base, pos);
  }

  /** Makes {@link data} at least `capacity` bytes, keeping its contents; views made before are stale. */
  grow(capacity: number): Uint8Array {
    const pages = pagesFor(capacity) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    this.slots.attach(this.memory.buffer);
    return (this.data = this.view(capacity));
  }

  /** The data area's view (and the fields' views, which a grown memory leaves stale). */
  private view(capacity: number): Uint8Array {
    const buffer = this.memory.buffer;
    this.numbers = new Float64Array(buffer, LAYOUT.fields, 4);
    this.ids = new Int32Array(buffer, LAYOUT.fields + 32, 3);
    this.bytes = new Uint8Array(buffer, LAYOUT.fields + 44, 4);
    const records = LAYOUT.batchRecords;
    this.staged = {
      index: new Float64Array(buffer, LAYOUT.batchIndex, records),
      start: new Float64Array(buffer, LAYOUT.batchStart, records),
      end: new Float64Array(buffer, LAYOUT.batchEnd, records),
      duration: new Float64Array(buffer, LAYOUT.batchDuration, records),
      offset: new Float64Array(buffer, LAYOUT.batchOffset, records),
      name: new Int32Array(buffer, LAYOUT.batchName, records),
      status: new Int32Array(buffer, LAYOUT.batchStatus, records),
      run: new Int32Array(buffer, LAYOUT.batchRun, records),
      flags: new Uint8Array(buffer, LAYOUT.batchFlags, records),
      word: new Int32Array(buffer, LAYOUT.batch, 6),
      maxIndex: new Float64Array(buffer, LAYOUT.batch + 24, 1),
    };
    return new Uint8Array(buffer, LAYOUT.data, capacity);
  }
}

function pagesFor(capacity: number): number {
  return Math.ceil((LAYOUT.data + capacity + LAYOUT.padding) / PAGE);
}
