import { SLOT_COUNT } from "../fields.ts";

/**
 * The scanner's memory, declared once: each region by name, element type and count, in
 * order. Offsets are computed here; the scanner's AssemblyScript reads them from
 * assembly/layout.ts, which `npm run wasm` generates from this declaration, and the
 * TypeScript side views the same regions through {@link LAYOUT}. Line positions are
 * relative to the data area (the last region), which grows with the memory.
 */

/** The element types of the memory, by their size in bytes. */
export const SIZE_OF = { u8: 1, i32: 4, f64: 8 } as const;

export type ElementType = keyof typeof SIZE_OF;

/** A record's fields in order: a type, or a type and how many (an inline array). */
type RecordFieldsDecl = Readonly<Record<string, ElementType | readonly [ElementType, number]>>;

interface RegionDecl {
  /** What one element is: a value, or a record of named fields. */
  readonly of: ElementType | RecordFieldsDecl;
  readonly count: number;
  readonly doc: string;
}

/** Records staged by one scanBatch call at most. */
export const BATCH_RECORDS = 1024;
/** Entries of the intern cache (a power of two); it keeps half as many at most, so probes stay short. */
export const CACHE_ENTRIES = 4096;

const perSlot = <T extends ElementType>(of: T, doc: string) => ({ of, count: SLOT_COUNT, doc });
const column = <T extends ElementType>(of: T, doc: string) => ({ of, count: BATCH_RECORDS, doc });

/** The regions, in address order. */
const DECLARATION = {
  keyTable: { of: "u8", count: 256, doc: "Key hash table: slot + 1 per entry, 0 when empty." },
  keys: {
    of: { length: "u8", text: ["u8", 31] },
    count: 256,
    doc: "The key of each table entry: its length, then its bytes.",
  },
  hexDigit: { of: "u8", count: 256, doc: "1 for each hexadecimal digit byte." },
  escapable: { of: "u8", count: 256, doc: "1 for each byte that may follow a backslash (other than u)." },
  slotKind: perSlot("u8", "Per slot: what it holds (fields.ts KIND), 0 when absent."),
  slotFlag: perSlot("u8", "Per slot: 1 for an escaped string, a non-empty container, a number left to number.ts."),
  slotStart: perSlot("i32", "Per slot: where its value starts (inside the quotes for strings)."),
  slotEnd: perSlot("i32", "Per slot: where its value ends."),
  slotValue: perSlot("f64", "Per slot: a number's value, or the micros of a time string the scanner read."),
  slotTable: perSlot("u8", "Per slot: which intern cache table its strings go to (0: none)."),
  slotId: perSlot("i32", "Per slot: the cached id of its string, -1 when not cached."),
  slotEntry: perSlot("i32", "Per slot: the cache entry its string is in, -1 when none."),
  slotClock: perSlot("u8", "Per slot: the clock of a time the scanner read (its micros in slotValue), 0 when not."),
  stack: { of: "u8", count: 512, doc: "Open brackets of the container being skipped, one per depth." },
  pow10: { of: "f64", count: 23, doc: "Powers of ten, 10^0 to 10^22." },
  record: {
    of: {
      index: "f64",
      start: "f64",
      end: "f64",
      duration: "f64",
      name: "i32",
      status: "i32",
      run: "i32",
      startClock: "u8",
      endClock: "u8",
      ignored: "u8",
      ok: "u8",
    },
    count: 1,
    doc: "The fields of the record just scanned when the scanner normalised it (ok 1).",
  },
  cache: {
    of: { hash: "i32", text: "i32", lengthTable: "i32", id: "i32" },
    count: CACHE_ENTRIES,
    doc: "Intern cache entries: hash, arena offset, length | table << 24, and id (-1 until the reader gives one).",
  },
  arena: { of: "u8", count: 65536, doc: "The bytes of the cached strings." },
  batchWord: {
    of: {
      nextLine: "i32",
      hasEnds: "i32",
      nameIds: "i32",
      statusIds: "i32",
      runIds: "i32",
      positional: "i32",
      maxIndex: "f64",
    },
    count: 1,
    doc:
      "A batch's summary: where the next line starts, 1 when an end is worth keeping, the OR of name, status and run ids, records without an index, the largest index.",
  },
  batchIndex: column("f64", "Staged records: the index (or the position)."),
  batchStart: column("f64", "Staged records: start micros."),
  batchEnd: column("f64", "Staged records: end micros."),
  batchDuration: column("f64", "Staged records: seconds."),
  batchOffset: column("f64", "Staged records: input offset of the line."),
  batchName: column("i32", "Staged records: name id."),
  batchStatus: column("i32", "Staged records: status code."),
  batchRun: column("i32", "Staged records: run id."),
  batchFlags: column("u8", "Staged records: flags as ColumnsBuilder.add makes them."),
  data: { of: "u8", count: 0, doc: "The line bytes (to the end of the memory)." },
} as const satisfies Record<string, RegionDecl>;

/** Bytes readable after the data's last byte (a key is compared 32 bytes at a time). */
export const DATA_PADDING = 32;

/** Where each region starts is a multiple of this (a SIMD load's width). */
const REGION_ALIGN = 16;

/** One field of a record, placed: its offset from the record's start and, in a view of its type, its index. */
export interface PlacedField {
  readonly type: ElementType;
  readonly offset: number;
  readonly index: number;
  readonly count: number;
}

/** One region, placed. */
export interface Region {
  readonly name: string;
  readonly doc: string;
  /** Byte address of its first element. */
  readonly at: number;
  readonly count: number;
  /** Bytes from one element to the next. */
  readonly stride: number;
  /** Bytes it takes, a multiple of {@link REGION_ALIGN}. */
  readonly size: number;
  /** The element type, or "record". */
  readonly type: ElementType | "record";
  readonly fields: Readonly<Record<string, PlacedField>>;
}

type Declared = typeof DECLARATION;
type FieldsOf<D> = D extends { of: infer O } ? O extends string ? Record<never, PlacedField>
  : { readonly [K in keyof O]: PlacedField }
  : never;
type TypeOf<D> = D extends { of: infer O } ? O extends ElementType ? O : "record" : never;
type PlacedRegion<D> = Region & { readonly type: TypeOf<D>; readonly fields: FieldsOf<D> };

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

function placeRecord(of: RecordFieldsDecl): { fields: Record<string, PlacedField>; stride: number } {
  const fields: Record<string, PlacedField> = {};
  let offset = 0;
  let align = 1;
  for (const [name, decl] of Object.entries(of)) {
    const [type, count] = typeof decl === "string" ? [decl, 1] : decl;
    const size = SIZE_OF[type];
    offset = roundUp(offset, size);
    fields[name] = { type, offset, index: offset / size, count };
    offset += size * count;
    align = Math.max(align, size);
  }
  return { fields, stride: roundUp(offset, align) };
}

function place(declaration: Readonly<Record<string, RegionDecl>>): Record<string, Region> {
  const regions: Record<string, Region> = {};
  let at = 0;
  for (const [name, decl] of Object.entries(declaration)) {
    const { fields, stride } = typeof decl.of === "string"
      ? { fields: {}, stride: SIZE_OF[decl.of] }
      : placeRecord(decl.of);
    const size = roundUp(stride * decl.count, REGION_ALIGN);
    const type = typeof decl.of === "string" ? decl.of : "record";
    regions[name] = { name, doc: decl.doc, at, count: decl.count, stride, size, type, fields };
    at += size;
  }
  return regions;
}

/** The scanner's memory: every region placed, by name. */
export const LAYOUT = place(DECLARATION) as { readonly [K in keyof Declared]: PlacedRegion<Declared[K]> };

/** The typed array of each element type. */
interface ViewOf {
  u8: Uint8Array<ArrayBuffer>;
  i32: Int32Array<ArrayBuffer>;
  f64: Float64Array<ArrayBuffer>;
}

/** A view of a region of `buffer` (of `count` elements when given, else all of them). */
export function viewOf<T extends ElementType>(
  buffer: ArrayBuffer,
  region: Region & { type: T },
  count = region.count,
): ViewOf[T] {
  switch (region.type) {
    case "u8":
      return new Uint8Array(buffer, region.at, count) as ViewOf[T];
    case "i32":
      return new Int32Array(buffer, region.at, count) as ViewOf[T];
    default:
      return new Float64Array(buffer, region.at, count) as ViewOf[T];
  }
}

/** A view of a record region's bytes as elements of one type: index it by a field's {@link PlacedField.index}. */
export function recordView<T extends ElementType>(buffer: ArrayBuffer, region: Region, type: T): ViewOf[T] {
  const count = Math.floor(region.stride * region.count / SIZE_OF[type]);
  return viewOf(buffer, { ...region, type }, count);
}
