import { ColumnsBuilder } from "../columns/columns_builder.ts";
import { Diagnostics } from "../read/diagnostics.ts";
import { DEFAULT_FIELD_MAP, type FieldMap } from "../read/field_map.ts";
import { KIND, SLOT } from "../read/fields.ts";
import { DEFAULT_MAX_LINE_MIB, lineTooLong } from "../read/line_limit.ts";
import { FieldTables, normalizeSlots, RecordFields } from "../read/normalize.ts";
import { parseLine } from "../read/parse_line.ts";
import { BATCH_WORD, RecordScanner } from "../read/scanner.ts";
import { ReaderParts } from "./reader_parts.ts";

/** Reads up to `length` bytes of an input at byte `position` into `target` at `targetOffset`; returns how many, 0 at the end. */
export type ByteReader = (target: Uint8Array, targetOffset: number, length: number, position: number) => number;

/** One input: the name shown in messages (`run.jsonl`, `<stdin>`) and how to read its bytes. */
export interface LogSource {
  name: string;
  read: ByteReader;
  /** Size in bytes when known: lets the reader size its columns once instead of growing them. */
  size?: number;
  /** For records converted from a document: the line in the document of each line read (index: line - 1). */
  lineMap?: Uint32Array;
}

/** A byte range of a source to read: `start` at a line start, `end` just after a newline or at the end. */
export interface ByteRange {
  start: number;
  end: number;
  /** Size the columns for records up to this byte (default `end`): the rest arrives by `ReaderParts.place`. */
  sizeFor?: number;
  /** Growing for the records expected, grow this much more (default 1): a worker's parts are recycled for its next range. */
  headroom?: number;
  /** The line number of the range's first line (default 1). */
  firstLine?: number;
  /** The range continues the source read last (no new source is added). */
  continues?: boolean;
}

/** Options of {@link LogReader}. */
export interface ReadOptions {
  /** Bytes read at a time (lines longer than this still work). */
  chunkSize?: number;
  /** Use the field scanner (default) or parse every line fully: the reference path. */
  scanner?: boolean;
  /** The longest line read (default 512 MiB, see line_limit.ts): a longer one is skipped as a bad line. */
  maxLineBytes?: number;
  /** Where the fields are (default: the built-in keys; `--map`: field_map.ts). */
  fieldMap?: FieldMap;
}

/** Bytes read before the columns are sized for the whole input (until then they grow). */
const SIZING_SAMPLE = 1 << 20;

/**
 * Reads JSON-lines logs into columns: splits lines (LF or CRLF, a BOM at the start,
 * blank lines skipped), scans each, and records bad lines instead of stopping.
 */
export class LogReader {
  readonly tables = new FieldTables();
  builder = new ColumnsBuilder();
  diagnostics = new Diagnostics();
  readonly sources: LogSource[] = [];
  /** The position of each source's first record: records are kept in input order. */
  readonly sourceStarts: number[] = [];
  private readonly fields = new RecordFields();
  /** What this reader read as parts for another reader, and the parts it takes from others (threads, the cache). */
  readonly parts: ReaderParts = new ReaderParts(this);
  /** Where {@link lines} stands: the next line's number, and the first byte seen on a line (-1: none yet). */
  private readonly at = { line: 1, firstByte: -1 };
  private readonly chunkSize: number;
  private readonly useScanner: boolean;
  /** The longest line read; the read buffer never grows past it (and its newline, and the sentinel). */
  readonly maxLineBytes: number;
  /** Where the fields are in a line: the same for every source this reader reads. */
  readonly fieldMap: FieldMap;

  /** Holds the read buffer (one byte more than a chunk, for the sentinel), kept from range to range. */
  private readonly scanner: RecordScanner;

  constructor(options: ReadOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_MIB * (1 << 20);
    // A line is read whole only when it fits in the buffer with its newline: no longer line ever does.
    this.chunkSize = Math.min(options.chunkSize ?? 1 << 20, this.maxLineBytes + 1);
    this.useScanner = options.scanner ?? true;
    this.fieldMap = options.fieldMap ?? DEFAULT_FIELD_MAP;
    this.scanner = new RecordScanner(this.chunkSize + 1, this.fieldMap.keyEntries);
  }

  /**
   * Reads a source, or the byte range of it, appending its records after those already
   * read. Returns the number of lines read.
   */
  read(source: LogSource, range?: ByteRange): number {
    const continues = range?.continues === true && this.sources.length > 0;
    if (!continues) this.sourceStarts.push(this.builder.size);
    const sourceId = continues ? this.sources.length - 1 : this.sources.push(source) - 1;
    let buf = this.scanner.data;
    let filled = 0;
    let base = range?.start ?? 0; // file position of buf[0]
    const stop = range?.end ?? Infinity;
    const firstLine = range?.firstLine ?? 1;
    this.at.line = firstLine;
    this.at.firstByte = -1;
    const badBefore = this.diagnostics.badLineCount;
    const recordsBefore = this.builder.size;
    let sized = source.size === undefined || range?.continues === true; // a continued source was sized already
    for (;;) {
      const want = Math.min(buf.length - 1 - filled, stop - base - filled);
      const n = want > 0 ? source.read(buf, filled, want, base + filled) : 0;
      const eof = n === 0;
      filled += n;
      let start = 0;
      if (base === 0 && start === 0 && filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        start = 3;
      }
      buf[filled] = 10; // a sentinel: the scanner stops at a newline, so it needs no bounds
      start = this.lines(buf, start, filled, eof, sourceId, base);
      start = Math.min(start, filled);
      const seen = base + start - (range?.start ?? 0);
      if (!sized && this.builder.size > recordsBefore && (seen >= SIZING_SAMPLE || eof)) {
        // Size the columns for the whole file from the lines seen so far, with a margin.
        const perRecord = seen / (this.builder.size - recordsBefore);
        const left = Math.min(source.size!, range?.sizeFor ?? stop) - base - start;
        this.builder.reserve(this.builder.size + Math.ceil(left / perRecord * 1.05) + 64, range?.headroom);
        sized = true;
      }
      if (eof) break;
      if (start > 0) {
        buf.copyWithin(0, start, filled);
        base += start;
        filled -= start;
      } else if (filled < buf.length - 1) {
        // a short read: read on
      } else if (filled <= this.maxLineBytes) {
        buf = this.scanner.grow(Math.min(buf.length * 2, this.maxLineBytes + 2));
      } else {
        // The line has more bytes than the longest allowed and no newline yet: skip it whole.
        const first = skipSpace(buf, 0);
        if (this.at.firstByte < 0 && first < filled) this.at.firstByte = buf[first]!;
        this.diagnostics.addBadLine(this.sources[sourceId]!.name, this.at.line++, lineTooLong(this.maxLineBytes));
        base = this.skipLine(source, base + filled, stop);
        filled = 0;
      }
    }
    if (this.at.firstByte === 91 && this.diagnostics.badLineCount > badBefore) {
      this.diagnostics.hints.push(
        `${source.name}: this looks like a JSON array; exechist reads one object per line (try: jq -c '.[]' ${source.name})`,
      );
    }
    return this.at.line - firstLine;
  }

  /** Reads past the rest of a line from `position`, keeping none of it; returns where the next line starts (or the end). */
  private skipLine(source: LogSource, position: number, stop: number): number {
    const buf = this.scanner.data;
    for (;;) {
      const want = Math.min(buf.length - 1, stop - position);
      const n = want > 0 ? source.read(buf, 0, want, position) : 0;
      if (n === 0) return position;
      const newline = buf.subarray(0, n).indexOf(10);
      if (newline >= 0) return position + newline + 1;
      position += n;
    }
  }

  /**
   * Reads the whole lines of `buf[start, filled)` (a newline at `filled` is the sentinel;
   * at the end of the input it also ends the last line), advancing `this.at`; returns
   * where the first line not yet whole starts. The hot loop, kept apart from `read`:
   * V8 optimizes it alone, and the once-a-buffer work in `read` never deoptimizes it.
   */
  private lines(buf: Uint8Array, start: number, filled: number, eof: boolean, sourceId: number, base: number): number {
    let line = this.at.line;
    let firstByte = this.at.firstByte;
    while (start < filled) {
      const c = buf[start];
      if (c === 123 && this.useScanner) {
        const staged = this.scanner.scanBatch(start, filled, eof, base, this.builder.size);
        if (staged > 0) {
          if (firstByte < 0) firstByte = 123;
          this.builder.addBatch(this.scanner.staged, staged, line);
          line += staged;
          start = this.scanner.staged.word[BATCH_WORD.nextLine]!;
          continue;
        }
        const nl = this.scanner.scan(start);
        if (nl >= 0 && (nl < filled || eof)) {
          if (firstByte < 0) firstByte = 123;
          const reason = this.scanner.fieldsInto(this.fields) ? null : this.normalize(buf, start, nl, nl === filled);
          this.add(reason, sourceId, line, base + start);
          line++;
          start = nl + 1;
          continue;
        }
      } else if (c === 10) {
        line++; // a blank line
        start++;
        continue;
      }
      const nl = buf.indexOf(10, start);
      if (nl === filled && !eof) break; // the rest of this line is not read yet
      if (firstByte < 0) {
        const first = skipSpace(buf, start); // stops at the newline at nl
        if (first < nl) firstByte = buf[first]!;
      }
      this.line(buf, start, nl, sourceId, line, base, nl === filled);
      line++;
      start = nl + 1;
    }
    this.at.line = line;
    this.at.firstByte = firstByte;
    return start;
  }

  /** The slow path: a line with leading blanks, one the scanner could not decide, or not an object. */
  private line(
    buf: Uint8Array,
    start: number,
    end: number,
    sourceId: number,
    line: number,
    base: number,
    last: boolean,
  ): void {
    const first = skipSpace(buf, start); // stops at the newline at end
    if (first === end) return; // blank
    const scanned = this.useScanner && first > start && buf[first] === 123 && // else tried already
      this.scanner.scan(first) === end;
    if (!scanned && this.useScanner) this.diagnostics.fallbacks++;
    const reason = scanned
      ? this.normalize(buf, start, end, last)
      : parseLine(buf, start, end, last, this.scanner.slots, this.tables, this.fields, this.fieldMap);
    this.add(reason, sourceId, line, base + start);
  }

  /**
   * The fields of a line the scanner walked but did not normalise: from its slots, or,
   * when it holds the first key of a mapped dotted path, from the full parse (which
   * follows the path).
   */
  private normalize(buf: Uint8Array, start: number, end: number, last: boolean): string | null {
    const slots = this.scanner.slots;
    if (slots.kind[SLOT.path] === KIND.absent) {
      return normalizeSlots(buf, slots, this.tables, this.fields, this.fieldMap);
    }
    return parseLine(buf, start, end, last, slots, this.tables, this.fields, this.fieldMap);
  }

  private add(reason: string | null, sourceId: number, line: number, offset: number): void {
    if (reason === null) this.builder.add(this.fields, line, offset);
    else this.diagnostics.addBadLine(this.sources[sourceId]!.name, line, reason);
  }
}

/** Past spaces, tabs and carriage returns (a newline ends the line, so it is not skipped). */
function skipSpace(b: Uint8Array, p: number): number {
  let c = b[p]!;
  while (c === 32 || c === 9 || c === 13) c = b[++p]!;
  return p;
}
