import { DEFAULT_FIELD_MAP } from "./field_map.ts";
import { SLOT } from "./fields.ts";
import type { RecordFields } from "./normalize.ts";
import { POW10 } from "./number.ts";
import type { Clock } from "./time.ts";
import { DATA_PADDING, LAYOUT, recordView, SIZE_OF, viewOf } from "./scan/layout.ts";
import { scannerBytes } from "./scan/module_bytes.ts";

const CACHE_ENTRY_I32S = LAYOUT.cache.stride / SIZE_OF.i32;

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
  /** The cache's entries as i32s, {@link CACHE_ENTRY_I32S} each (layout.ts `cache`). Empty when there is no cache. */
  cache!: Int32Array;

  constructor(memory = new ArrayBuffer(LAYOUT.slotClock.at + LAYOUT.slotClock.size)) {
    this.attach(memory);
  }

  /** Views the slots at their place in `memory` (the scanner's, after it grew). */
  attach(memory: ArrayBuffer): void {
    this.kind = viewOf(memory, LAYOUT.slotKind);
    this.flag = viewOf(memory, LAYOUT.slotFlag);
    this.start = viewOf(memory, LAYOUT.slotStart);
    this.end = viewOf(memory, LAYOUT.slotEnd);
    this.value = viewOf(memory, LAYOUT.slotValue);
    this.clock = viewOf(memory, LAYOUT.slotClock);
    this.id = viewOf(memory, LAYOUT.slotId);
    this.entry = viewOf(memory, LAYOUT.slotEntry);
    const cached = memory.byteLength >= LAYOUT.cache.at + LAYOUT.cache.size;
    this.cache = cached ? recordView(memory, LAYOUT.cache, "i32") : new Int32Array(0);
  }

  clear(): void {
    this.kind.fill(0);
  }

  /** Records the id the reader gave a slot's string that the cache did not know. */
  cacheId(slot: number, id: number): void {
    const entry = this.entry[slot]!;
    if (entry >= 0) this.cache[entry * CACHE_ENTRY_I32S + LAYOUT.cache.fields.id.index] = id;
  }
}

/**
 * The records {@link RecordScanner.scanBatch} staged, a column each (views of the
 * scanner's memory, layout.ts `batch*`), and its word on them.
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

const WORD = LAYOUT.batchWord.fields;
/** The fields of a record the scanner normalised (layout.ts `record`). */
const FIELD = LAYOUT.record.fields;

/** Where each of a batch's summary words is in {@link StagedRecords.word} (layout.ts `batchWord`). */
export const BATCH_WORD = {
  /** Where the next line starts. */
  nextLine: WORD.nextLine.index,
  /** 1 when some record has an end worth keeping. */
  hasEnds: WORD.hasEnds.index,
  /** The OR of the name ids (as many bits as the largest). */
  nameIds: WORD.nameIds.index,
  statusIds: WORD.statusIds.index,
  runIds: WORD.runIds.index,
  /** How many records have no index (their position is). */
  positional: WORD.positional.index,
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

/**
 * The tables the scanner reads, written once into a new memory: the key table (each
 * indexed key and its slot: fields.ts, or as `--map` names them, field_map.ts) and
 * constant ones.
 */
function writeTables(buffer: ArrayBuffer, keyEntries: ReadonlyArray<readonly [string, number]>): void {
  const bytes = new Uint8Array(buffer);
  const encoder = new TextEncoder();
  const { keyTable, keys } = LAYOUT;
  for (const [text, slot] of keyEntries) {
    // Indexed keys by length, first and last byte (the hash lookupKey computes), with their bytes.
    const key = encoder.encode(text);
    if (key.length > keys.fields.text.count || key.length === 0) {
      throw new Error(`The key "${text}" is too long for the scanner`);
    }
    let i = (key.length * 37 + key[0]! * 7 + key[key.length - 1]!) & (keyTable.count - 1);
    while (bytes[keyTable.at + i] !== 0) i = (i + 1) & (keyTable.count - 1);
    bytes[keyTable.at + i] = slot + 1;
    const entry = keys.at + i * keys.stride;
    bytes[entry + keys.fields.length.offset] = key.length;
    bytes.set(key, entry + keys.fields.text.offset);
  }
  const hex = viewOf(buffer, LAYOUT.hexDigit);
  for (const c of "0123456789abcdefABCDEF") hex[c.charCodeAt(0)] = 1;
  const escapable = viewOf(buffer, LAYOUT.escapable);
  for (const c of '"\\/bfnrt') escapable[c.charCodeAt(0)] = 1;
  viewOf(buffer, LAYOUT.pow10).set(POW10);
  const slotTable = viewOf(buffer, LAYOUT.slotTable);
  for (const [slot, table] of SLOT_TABLES) slotTable[slot] = table;
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
  /** The fields of a record the scanner normalised (see scan/assembly/normalize.ts), as numbers, ids and bytes. */
  private numbers!: Float64Array;
  private ids!: Int32Array;
  private bytes!: Uint8Array;

  /** `keyEntries`: the keys to index and their slots (a {@link FieldMap}'s). */
  constructor(capacity: number, keyEntries = DEFAULT_FIELD_MAP.keyEntries) {
    this.memory = new WebAssembly.Memory({ initial: pagesFor(capacity) });
    const instance = new WebAssembly.Instance(scannerModule(), { env: { memory: this.memory } });
    this.scanRecord = instance.exports.scanRecord as (p: number) => number;
    this.scanMany = instance.exports.scanBatch as RecordScanner["scanMany"];
    writeTables(this.memory.buffer, keyEntries);
    this.slots = new Slots(this.memory.buffer);
    this.data = this.view(capacity);
  }

  /**
   * Copies the fields of the line just scanned into `out` when the scanner normalised
   * them (the usual record); false when that is left to normalize.ts.
   */
  fieldsInto(out: RecordFields): boolean {
    const bytes = this.bytes;
    if (bytes[FIELD.ok.index] === 0) return false;
    const numbers = this.numbers;
    const ids = this.ids;
    out.index = numbers[FIELD.index.index]!;
    out.start = numbers[FIELD.start.index]!;
    out.end = numbers[FIELD.end.index]!;
    out.duration = numbers[FIELD.duration.index]!;
    out.nameId = ids[FIELD.name.index]!;
    out.status = ids[FIELD.status.index]!;
    out.runId = ids[FIELD.run.index]!;
    out.startClock = bytes[FIELD.startClock.index] as Clock;
    out.endClock = bytes[FIELD.endClock.index] as Clock;
    out.ignored = bytes[FIELD.ignored.index] === 1;
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
   * staging them in {@link staged} (see scan/assembly/batch.ts); returns how many. `filled`:
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
    this.numbers = recordView(buffer, LAYOUT.record, "f64");
    this.ids = recordView(buffer, LAYOUT.record, "i32");
    this.bytes = recordView(buffer, LAYOUT.record, "u8");
    this.staged = {
      index: viewOf(buffer, LAYOUT.batchIndex),
      start: viewOf(buffer, LAYOUT.batchStart),
      end: viewOf(buffer, LAYOUT.batchEnd),
      duration: viewOf(buffer, LAYOUT.batchDuration),
      offset: viewOf(buffer, LAYOUT.batchOffset),
      name: viewOf(buffer, LAYOUT.batchName),
      status: viewOf(buffer, LAYOUT.batchStatus),
      run: viewOf(buffer, LAYOUT.batchRun),
      flags: viewOf(buffer, LAYOUT.batchFlags),
      word: recordView(buffer, LAYOUT.batchWord, "i32"),
      maxIndex: new Float64Array(buffer, LAYOUT.batchWord.at + WORD.maxIndex.offset, 1),
    };
    return viewOf(buffer, LAYOUT.data, capacity);
  }
}

function pagesFor(capacity: number): number {
  return Math.ceil((LAYOUT.data.at + capacity + DATA_PADDING) / PAGE);
}
