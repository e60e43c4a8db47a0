import { ExechistError } from "../errors.ts";
import { parseJson } from "../json/parse.ts";
import type { JsonValue } from "../json/value.ts";
import type { Diagnostics } from "../read/diagnostics.ts";
import type { FieldMap } from "../read/field_map.ts";
import type { LogReader, LogSource } from "../ingest/log_reader.ts";
import { filterPositions } from "./filter.ts";
import { FIRST_OTHER_STATUS, STATUS_ERROR, STATUS_SUCCESS, type StatusClass } from "../read/status.ts";
import { type Clock, isShownClock } from "../read/time.ts";
import type { ExecRecord, RecordDetails, TimeValue } from "../types.ts";
import { type Columns, endClockOf, IGNORED_FLAG, startClockOf } from "../columns/columns.ts";
import { detailsOf } from "./details.ts";
import { lineText } from "./line_text.ts";
import { lineAt, type LineRuns } from "../columns/line_runs.ts";
import { startsFromEnds } from "../columns/starts_from_ends.ts";

/** Totals over every record read. */
export interface StatusCounts {
  success: number;
  error: number;
  other: number;
}

/**
 * The execution history of one or more logs: a columnar index of every record, with
 * lookups by position, index, name, status and run. Results, exceptions and
 * tracebacks stay in the log and are read back only when shown ({@link details}).
 */
export class ExecutionRegistry {
  readonly columns: Columns;
  readonly size: number;
  readonly names: readonly string[];
  readonly diagnostics: Diagnostics;
  private readonly lineRuns: LineRuns;
  private readonly otherStatuses: readonly string[];
  private readonly runs: readonly string[];
  /** The inputs read, in order (see {@link sourceIdOf}). */
  readonly sources: readonly LogSource[];
  private readonly sourceStarts: readonly number[];
  /** The longest line the reader read: a record's line read back longer than this has changed since. */
  readonly maxLineBytes: number;
  /** Where the fields are: the reader's (for the fields read back). */
  readonly fieldMap: FieldMap;

  constructor(reader: LogReader) {
    this.maxLineBytes = reader.maxLineBytes;
    this.fieldMap = reader.fieldMap;
    this.columns = reader.builder.finish();
    this.size = reader.builder.size;
    if (this.fieldMap.options.startFromEnd) startsFromEnds(this.columns, this.size);
    this.lineRuns = reader.builder.lineRuns();
    this.names = reader.tables.names.values;
    this.otherStatuses = reader.tables.statuses.values;
    this.runs = reader.tables.runs.values;
    this.sources = reader.sources;
    this.sourceStarts = reader.sourceStarts;
    this.diagnostics = reader.diagnostics;
  }

  nameOf(pos: number): string {
    return this.names[this.columns.name[pos]!] ?? "";
  }

  statusClassOf(pos: number): StatusClass {
    const s = this.columns.status[pos]!;
    return s === STATUS_SUCCESS ? "success" : s === STATUS_ERROR ? "error" : "other";
  }

  /** `success`, `error`, or the status as written. */
  statusOf(pos: number): string {
    const s = this.columns.status[pos]!;
    if (s === STATUS_SUCCESS) return "success";
    if (s === STATUS_ERROR) return "error";
    return this.otherStatuses[s - FIRST_OTHER_STATUS] ?? "";
  }

  runOf(pos: number): string | null {
    const r = this.columns.run[pos]!;
    return r === 0 ? null : (this.runs[r - 1] ?? null);
  }

  startOf(pos: number): TimeValue | null {
    return displayable(this.columns.start[pos]!, startClockOf(this.columns.flags[pos]!));
  }

  endOf(pos: number): TimeValue | null {
    return displayable(this.columns.end[pos]!, endClockOf(this.columns.flags[pos]!));
  }

  durationOf(pos: number): number | null {
    const d = this.columns.duration[pos]!;
    return Number.isNaN(d) ? null : d;
  }

  isIgnored(pos: number): boolean {
    return (this.columns.flags[pos]! & IGNORED_FLAG) !== 0;
  }

  /** `FILE:LINE` of a record. */
  sourceOf(pos: number): string {
    const source = this.sources[this.sourceIdOf(pos)];
    const line = this.lineOf(pos);
    return `${source?.name ?? "?"}:${source?.lineMap?.[line - 1] ?? line}`;
  }

  /** The record's line in its input (1-based). */
  lineOf(pos: number): number {
    return lineAt(this.lineRuns, pos);
  }

  /** The input a record came from: the last whose first record is at or before it. */
  sourceIdOf(pos: number): number {
    const starts = this.sourceStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The light view of one record. */
  record(pos: number): ExecRecord {
    return {
      position: pos,
      index: this.columns.index[pos]!,
      name: this.nameOf(pos),
      start: this.startOf(pos),
      end: this.endOf(pos),
      duration: this.durationOf(pos),
      status: this.statusOf(pos),
      statusClass: this.statusClassOf(pos),
      runId: this.runOf(pos),
      ignored: this.isIgnored(pos),
      source: this.sourceOf(pos),
    };
  }

  /** Reads a record's line back from its log and parses it in full. */
  details(pos: number): RecordDetails {
    const sourceId = this.sourceIdOf(pos);
    const source = this.sources[sourceId];
    const offset = this.columns.offset[pos]!;
    // The next record of the same input ends after this line: usually one read is enough.
    const next = pos + 1 < this.size && this.sourceIdOf(pos + 1) === sourceId
      ? this.columns.offset[pos + 1]!
      : Infinity;
    const line = source === undefined
      ? undefined
      : readLine(source, offset, Math.min(next - offset, 1 << 20), this.maxLineBytes);
    const changed = (cause?: unknown) =>
      new ExechistError("input", `Cannot read back ${this.sourceOf(pos)}: the log changed while exechist read it`, {
        cause,
      });
    if (line === undefined) throw changed();
    let value: JsonValue;
    try {
      value = parseJson(lineText(line, this.sourceOf(pos)));
    } catch (error) {
      if (error instanceof ExechistError) throw error;
      throw changed(error);
    }
    if (!(value instanceof Map)) {
      throw new ExechistError("input", `Cannot read back ${this.sourceOf(pos)}: not an object`);
    }
    return detailsOf(value, this.nameOf(pos), this.fieldMap);
  }

  /** Positions of the records with this index, in input order. */
  positionsOfIndex(index: number): number[] {
    const out: number[] = [];
    const column = this.columns.index;
    for (let i = 0; i < this.size; i++) if (column[i] === index) out.push(i);
    return out;
  }

  /** Positions of the records with this name, in input order. */
  positionsOfName(name: string): Uint32Array {
    return filterPositions(this, { names: [name] });
  }

  /** Positions of the records of one status class, in input order. */
  positionsOfStatus(status: StatusClass): Uint32Array {
    return filterPositions(this, { status });
  }

  /** Positions of the records of one run, in input order. */
  positionsOfRun(runId: string): Uint32Array {
    return filterPositions(this, { runId });
  }

  /** The newest record (highest position) not marked ignore_in_history, among `positions` (default: all), or -1. */
  latestPosition(positions?: ArrayLike<number>): number {
    const n = positions ? positions.length : this.size;
    for (let j = n - 1; j >= 0; j--) {
      const pos = positions ? positions[j]! : j;
      if (!this.isIgnored(pos)) return pos;
    }
    return -1;
  }

  /** Success / error / other over every record. */
  counts(): StatusCounts {
    const counts = { success: 0, error: 0, other: 0 };
    const status = this.columns.status;
    for (let i = 0; i < this.size; i++) {
      const s = status[i]!;
      if (s === STATUS_SUCCESS) counts.success++;
      else if (s === STATUS_ERROR) counts.error++;
      else counts.other++;
    }
    return counts;
  }
}

/**
 * The bytes of the line at `offset`, up to its newline or the end of the input; `guess`
 * bytes read first; undefined when it is longer than `max` (then it is not the line read).
 */
function readLine(source: LogSource, offset: number, guess: number, max: number): Uint8Array | undefined {
  let bytes = new Uint8Array(Math.min(Math.max(guess, 256), max + 1));
  let got = 0;
  for (;;) {
    const n = source.read(bytes, got, bytes.length - got, offset + got);
    const newline = bytes.subarray(got, got + n).indexOf(10);
    if (newline >= 0) return bytes.subarray(0, got + newline);
    got += n;
    if (n === 0) return bytes.subarray(0, got);
    if (got > max) return undefined;
    if (got === bytes.length) {
      const grown = new Uint8Array(Math.min(bytes.length * 2, max + 1));
      grown.set(bytes);
      bytes = grown;
    }
  }
}

function displayable(micros: number, clock: Clock): TimeValue | null {
  if (!isShownClock(clock)) return null;
  return { clock, micros };
}
