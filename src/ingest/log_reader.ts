import type { Columns } from "../columns/columns.ts";
import { ColumnsBuilder } from "../columns/columns_builder.ts";
import { Diagnostics } from "../read/diagnostics.ts";
import { FieldTables, normalizeSlots, RecordFields } from "../read/normalize.ts";
import { parseLine } from "../read/parse_line.ts";
import { PartIds, type ReaderPart } from "./reader_part.ts";
import { BATCH_WORD, RecordScanner } from "../read/scanner.ts";
import { FIRST_OTHER_STATUS } from "../read/status.ts";

/** Reads up to `length` bytes of an input at byte `position` into `target` at `targetOffset`; returns how many, 0 at the end. */
export type ByteReader = (target: Uint8Array, targetOffset: number, length: number, position: number) => number;

/** One input: the name shown in messages (`run.jsonl`, `<stdin>`) and how to read its bytes. */
export interface LogSource {
  name: string;
  read: ByteReader;
  /** Size in bytes when known: lets the reader size its columns once instead of growing them. */
  size?: number;
}

/** A byte range of a source to read: `start` at a line start, `end` just after a newline or at the end. */
export interface ByteRange {
  start: number;
  end: number;
  /** Size the columns for records up to this byte (default `end`): the rest arrives by {@link LogReader.placePart}. */
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
  /** Parts placed at the tail, last range first, without their columns. */
  private placed: Array<Omit<ReaderPart, "columns"> & { columns: undefined }> = [];
  private readonly fields = new RecordFields();
  /** Where {@link lines} stands: the next line's number, and the first byte seen on a line (-1: none yet). */
  private readonly at = { line: 1, firstByte: -1 };
  private readonly chunkSize: number;
  private readonly useScanner: boolean;

  /** Holds the read buffer (one byte more than a chunk, for the sentinel), kept from range to range. */
  private readonly scanner: RecordScanner;

  constructor(options: ReadOptions = {}) {
    this.chunkSize = options.chunkSize ?? 1 << 20;
    this.useScanner = options.scanner ?? true;
    this.scanner = new RecordScanner(this.chunkSize + 1);
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
      } else if (filled === buf.length - 1) {
        buf = this.scanner.grow(buf.length * 2);
      }
    }
    if (this.at.firstByte === 91 && this.diagnostics.badLineCount > badBefore) {
      this.diagnostics.hints.push(
        `${source.name}: this looks like a JSON array; exechist reads one object per line (try: jq -c '.[]' ${source.name})`,
      );
    }
    return this.at.line - firstLine;
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
          const fields = this.fields;
          const reason = this.scanner.fieldsInto(fields)
            ? null
            : normalizeSlots(buf, this.scanner.slots, this.tables, fields);
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
      ? normalizeSlots(buf, this.scanner.slots, this.tables, this.fields)
      : parseLine(buf, start, end, last, this.scanner.slots, this.tables, this.fields);
    this.add(reason, sourceId, line, base + start);
  }

  private add(reason: string | null, sourceId: number, line: number, offset: number): void {
    if (reason === null) this.builder.add(this.fields, line, offset);
    else this.diagnostics.addBadLine(this.sources[sourceId]!.name, line, reason);
  }

  /** What this reader read, to hand to {@link placePart} of another reader (a worker's result). */
  part(lines: number): ReaderPart {
    return {
      columns: this.builder.finish(),
      size: this.builder.size,
      lineRuns: this.builder.lineRuns(),
      names: this.tables.names.values,
      otherStatuses: this.tables.statuses.values,
      runs: this.tables.runs.values,
      badLines: this.diagnostics.badLines,
      badLineCount: this.diagnostics.badLineCount,
      fallbacks: this.diagnostics.fallbacks,
      lines,
      positional: this.builder.positional,
    };
  }

  /**
   * Hands over what was read since the last part as a part, and starts afresh (the
   * same interned tables) on `storage` when given: columns a part handed over earlier.
   */
  takePart(lines: number, storage?: Columns): ReaderPart {
    const part = this.part(lines);
    // The same builder, started again: a new one in its field would cost the reading
    // loop compiled around it (V8 drops code that relied on the field's one value).
    this.builder.restart(storage);
    this.diagnostics = new Diagnostics();
    return part;
  }

  /**
   * Places the records another reader read from a later range of the source read last
   * at the tail of the columns (ids re-interned), while this reader may go on reading
   * earlier ranges. Parts are placed last range first; {@link joinParts} puts them in
   * place. Only the part's counts and bad lines are kept: its columns can be dropped.
   * `known`: what earlier parts of the same reader mapped to (its tables only grow, so
   * only the texts it added since are interned here).
   */
  placePart(part: ReaderPart, known: PartIds = new PartIds()): void {
    const { names, statuses, runs } = this.tables;
    for (let id = known.name.length; id < part.names.length; id++) known.name.push(names.intern(part.names[id]!));
    for (let code = known.status.length; code < FIRST_OTHER_STATUS + part.otherStatuses.length; code++) {
      known.status.push(
        code < FIRST_OTHER_STATUS ? code : statuses.intern(part.otherStatuses[code - FIRST_OTHER_STATUS]!),
      );
    }
    for (let id = known.run.length; id <= part.runs.length; id++) known.run.push(runs.intern(part.runs[id - 1]!));
    const maps = {
      name: Uint32Array.from(known.name),
      status: Uint32Array.from(known.status),
      run: Uint32Array.from(known.run),
    };
    this.builder.placeAtTail(part.columns, part.size, maps);
    this.placed.push({ ...part, columns: undefined });
  }

  /**
   * Joins the placed parts after the records read here, as if this reader had read
   * them: `lineBases[k]` is the number of lines before the range of the k-th part in
   * input order (the last placed is the first), so line numbers and positional
   * indexes continue.
   */
  joinParts(lineBases: readonly number[]): void {
    const parts = this.placed.reverse();
    this.placed = [];
    if (lineBases.length !== parts.length) {
      throw new Error(`joinParts: ${lineBases.length} line bases for ${parts.length} parts`);
    }
    this.builder.joinTail(parts.map((part, k) => ({ ...part, lineBase: lineBases[k]! })));
    parts.forEach((part, k) => this.addDiagnostics(part, lineBases[k]!));
  }

  /**
   * Adds a whole source read before (its index, kept by the caller) as if it were read
   * here now. Into an empty reader its columns are taken as they are, not copied.
   */
  adoptSource(source: LogSource, part: ReaderPart, hints: readonly string[]): void {
    const empty = this.builder.size === 0 && this.tables.names.size === 0 && this.tables.statuses.size === 0 &&
      this.tables.runs.size === 0;
    this.sourceStarts.push(this.builder.size);
    this.sources.push(source);
    if (empty) {
      // Interned in order into empty tables, every id stays what it was.
      for (const name of part.names) this.tables.names.intern(name);
      for (const status of part.otherStatuses) this.tables.statuses.intern(status);
      for (const run of part.runs) this.tables.runs.intern(run);
      this.builder = ColumnsBuilder.holding(part.columns, part.size, part.lineRuns);
      this.addDiagnostics(part, 0);
    } else {
      this.placePart(part);
      this.joinParts([0]);
    }
    this.diagnostics.hints.push(...hints);
  }

  private addDiagnostics(part: Omit<ReaderPart, "columns">, lineBase: number): void {
    const source = this.sources[this.sources.length - 1]!.name;
    for (const bad of part.badLines) this.diagnostics.addBadLine(source, bad.line + lineBase, bad.reason);
    this.diagnostics.badLineCount += part.badLineCount - part.badLines.length;
    this.diagnostics.fallbacks += part.fallbacks;
  }
}

/** Past spaces, tabs and carriage returns (a newline ends the line, so it is not skipped). */
function skipSpace(b: Uint8Array, p: number): number {
  let c = b[p]!;
  while (c === 32 || c === 9 || c === 13) c = b[++p]!;
  return p;
}
