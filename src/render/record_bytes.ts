import { JSON_MODE, JsonBytes } from "../json/json_bytes.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import { endClockOf, startClockOf } from "../columns/columns.ts";
import { isShownClock } from "../read/time.ts";
import type { ByteSink } from "./byte_sink.ts";
import { writeIsoTime } from "./iso_time_bytes.ts";
import { formatIsoTime, type LocalZone } from "./time.ts";

/** The record formats written from bytes: one JSON object (json, ndjson) or one CSV row. */
export type RecordBytesFormat = "json" | "csv";

// The record's own fields that are shown, and the aliases that stand for them.
const FIELDS = ["result", "exception", "error", "traceback", "stack", "stacktrace", "signature", "args", "kwargs"];
const F = {
  result: 0,
  exception: 1,
  error: 2,
  traceback: 3,
  stack: 4,
  stacktrace: 5,
  signature: 6,
  args: 7,
  kwargs: 8,
};
const FIELD_BYTES = FIELDS.map((name) => new TextEncoder().encode(name));
const JSON_KEYS = ["index", "name", "start", "end", "duration", "status", "result", "exception", "traceback"]
  .map((key, i) => new TextEncoder().encode((i === 0 ? "{" : ",") + `"${key}":`));
const LINES_LONGER = 1 << 20;

/**
 * Writes records as `stringifyJson(recordJson(...))` or the CSV row `summary -o csv` writes,
 * straight from each record's line (its bytes) and the registry's columns into a
 * {@link ByteSink}. {@link write} answers false, having written nothing, when the record
 * is one it does not cover byte for byte (see JsonBytes): the caller writes it the slow way.
 */
export class RecordBytes {
  private readonly json: JsonBytes;
  private readonly sink: ByteSink;
  private readonly registry: ExecutionRegistry;
  private readonly format: RecordBytesFormat;
  private readonly local: LocalZone;
  /** Where each of {@link FIELDS} starts in the line (its value), or -1. */
  private readonly at = new Int32Array(FIELDS.length);

  constructor(sink: ByteSink, registry: ExecutionRegistry, format: RecordBytesFormat, local: LocalZone) {
    this.sink = sink;
    this.local = local;
    this.registry = registry;
    this.format = format;
    this.json = new JsonBytes(sink);
    this.json.pythonInJson = format === "json";
  }

  /** Writes the record at `pos` whose line is `line`; false (nothing written) when it takes the slow path. */
  write(pos: number, line: Uint8Array): boolean {
    if (line.length > LINES_LONGER) return false;
    const sink = this.sink;
    const mark = sink.length;
    sink.ensure(line.length * 8 + 4096);
    const ok = this.fields(line) && (this.format === "json" ? this.jsonRecord(pos) : this.csvRecord(pos));
    if (!ok) sink.length = mark;
    return ok;
  }

  /**
   * Notes where a shown field's value is (the last of a repeated key, as a Map keeps it).
   * Values are skipped, not checked: the reader checked the line, and what is shown is
   * checked as it is written.
   */
  private readonly field = (key: number, keyEnd: number, value: number): number => {
    const json = this.json;
    const k = fieldOf(json.src, key, keyEnd);
    if (k >= 0) this.at[k] = value;
    return json.skip(value);
  };

  /** Finds the shown fields in the line. */
  private fields(line: Uint8Array): boolean {
    const json = this.json;
    json.reset(line, this.sink);
    this.at.fill(-1);
    let pos = json.space(0);
    if (line[pos] !== 123) return false;
    // A key may repeat here: the last value counts, as in a Map.
    pos = json.object(pos, JSON_MODE.skip, 0, this.field, false);
    return pos >= 0 && json.space(pos) === line.length;
  }

  private jsonRecord(pos: number): boolean {
    const { sink, registry, json, at } = this;
    const columns = registry.columns;
    this.key(0);
    sink.integer(columns.index[pos]!);
    this.key(1);
    sink.jsonString(registry.nameOf(pos));
    this.key(2);
    this.time(columns.start[pos]!, startClockOf(columns.flags[pos]!), true);
    this.key(3);
    this.time(columns.end[pos]!, endClockOf(columns.flags[pos]!), true);
    this.key(4);
    this.duration(columns.duration[pos]!);
    this.key(5);
    sink.jsonString(registry.statusOf(pos));
    this.key(6);
    if (!this.shown(at[F.result]!, false)) return false;
    this.key(7);
    if (!this.shown(firstSet(json, at[F.exception]!, at[F.error]!), false)) return false;
    this.key(8);
    if (!this.traceback(false)) return false;
    json.ascii(',"signature":"');
    if (!this.signature(pos, false)) return false;
    json.ascii('","run_id":');
    const run = registry.runOf(pos);
    if (run === null) json.ascii("null");
    else sink.jsonString(run);
    json.ascii(',"source":');
    this.source(pos, false);
    json.ascii("}");
    return true;
  }

  private csvRecord(pos: number): boolean {
    const { sink, registry, json, at } = this;
    const columns = registry.columns;
    sink.integer(columns.index[pos]!);
    this.csvCell(() => sink.text(registry.nameOf(pos)));
    this.csvCell(() => this.time(columns.start[pos]!, startClockOf(columns.flags[pos]!), false));
    this.csvCell(() => this.time(columns.end[pos]!, endClockOf(columns.flags[pos]!), false));
    this.csvCell(() => this.duration(columns.duration[pos]!, false));
    this.csvCell(() => sink.text(registry.statusOf(pos)));
    if (!this.csvCell(() => this.shown(at[F.result]!, true))) return false;
    if (!this.csvCell(() => this.shown(firstSet(json, at[F.exception]!, at[F.error]!), true))) return false;
    if (!this.csvCell(() => this.traceback(true))) return false;
    if (!this.csvCell(() => this.signature(pos, true))) return false;
    this.csvCell(() => sink.text(registry.runOf(pos) ?? ""));
    this.csvCell(() => this.source(pos, true));
    json.ascii("\r\n");
    return true;
  }

  /** The start of a member of the json object, `,"name":`, by number. */
  private key(k: number): void {
    const sink = this.sink;
    const bytes = JSON_KEYS[k]!;
    sink.buffer.set(bytes, sink.length);
    sink.length += bytes.length;
  }

  /** `FILE:LINE`, as `registry.sourceOf` gives it, without making the string. */
  private source(pos: number, csv: boolean): void {
    const { registry, sink } = this;
    const source = registry.sources[registry.sourceIdOf(pos)];
    const line = registry.lineOf(pos);
    const name = source?.name ?? "?";
    if (csv) sink.text(name);
    else {
      sink.jsonString(name);
      sink.length--; // its closing quote: the line number goes inside
    }
    sink.byte(58);
    sink.integer(source?.lineMap?.[line - 1] ?? line);
    if (!csv) sink.byte(34);
  }

  /** A comma and a CSV cell written by `write`, quoted in place when it must be (RFC 4180, as csvField). */
  private csvCell(write: () => boolean | void): boolean {
    const sink = this.sink;
    sink.buffer[sink.length++] = 44;
    const start = sink.length;
    if (write() === false) return false;
    const buffer = sink.buffer;
    let quotes = 0;
    let special = false;
    for (let i = start; i < sink.length; i++) {
      const c = buffer[i];
      if (c === 34) quotes++;
      else if (c === 44 || c === 10 || c === 13) special = true;
    }
    if (quotes === 0 && !special) return true;
    sink.ensure(quotes + 2);
    const b = sink.buffer;
    let to = sink.length + quotes + 1;
    b[to] = 34;
    for (let from = sink.length - 1; from >= start; from--) {
      const c = b[from]!;
      b[--to] = c;
      if (c === 34) b[--to] = 34;
    }
    b[start] = 34;
    sink.length += quotes + 2;
    return true;
  }

  /** A time as `formatIsoTime` writes it in UTC; null (json) or nothing (csv) when it is not shown. */
  private time(micros: number, clock: number, json: boolean): void {
    if (!isShownClock(clock)) {
      if (json) this.json.ascii("null");
      return;
    }
    if (json) this.sink.byte(34);
    if (this.local !== null || !writeIsoTime(this.sink, micros, clock)) {
      this.sink.text(formatIsoTime({ clock: clock as 1 | 2, micros }, this.local));
    }
    if (json) this.sink.byte(34);
  }

  private duration(d: number, json = true): void {
    if (Number.isNaN(d)) return json ? this.json.ascii("null") : undefined;
    if (!Number.isFinite(d)) return this.json.ascii("null");
    this.sink.text(Object.is(d, -0) ? "-0" : String(d));
  }

  /** A value of the line as JSON, null when absent; in a CSV cell a string as its text and null as nothing. */
  private shown(value: number, csv: boolean): boolean {
    const json = this.json;
    if (value < 0 || json.isNull(value)) {
      if (!csv) json.ascii("null");
      return true;
    }
    if (csv && json.src[value] === 34) return json.string(value, JSON_MODE.json, true) >= 0;
    return json.value(value, JSON_MODE.json) >= 0;
  }

  /** The first traceback field set, when it is a string that is not empty; else null. */
  private traceback(csv: boolean): boolean {
    const { json, at } = this;
    const value = firstSet(json, firstSet(json, at[F.traceback]!, at[F.stack]!), at[F.stacktrace]!);
    if (value < 0 || json.src[value] !== 34 || json.src[value + 1] === 34) {
      if (!csv) json.ascii("null");
      return true;
    }
    return json.string(value, JSON_MODE.json, csv) >= 0;
  }

  /** The signature's text (inside its quotes in json): the record's own, else `name(args, k=v)` as buildSignature writes it. */
  private signature(pos: number, csv: boolean): boolean {
    const { json, at, sink } = this;
    const src = json.src;
    const own = at[F.signature]!;
    if (own >= 0 && src[own] === 34 && src[own + 1] !== 34) return this.stringText(own, csv);
    const name = this.registry.nameOf(pos);
    if (csv) sink.text(name);
    else {
      const start = sink.length;
      sink.jsonString(name);
      this.unquote(start);
    }
    json.ascii("(");
    const args = at[F.args]!;
    let first = true;
    if (args >= 0 && src[args] === 91) {
      let p = json.space(args + 1);
      while (src[p] !== 93) {
        if (!first) json.ascii(", ");
        first = false;
        p = json.value(p, JSON_MODE.python, 2);
        if (p < 0) return false;
        p = json.space(p);
        if (src[p] === 44) p = json.space(p + 1);
      }
    } else if (args >= 0 && !json.isNull(args) && src[args] !== 123) {
      if (json.value(args, JSON_MODE.python, 1) < 0) return false;
      first = false;
    }
    const named = at[F.kwargs]!;
    const kwargs = named >= 0 && !json.isNull(named) ? named : args >= 0 && src[args] === 123 ? args : -1;
    if (kwargs >= 0 && src[kwargs] === 123) {
      const end = json.object(kwargs, JSON_MODE.skip, 1, (key, _keyEnd, value) => {
        if (!first) json.ascii(", ");
        first = false;
        if (!this.stringText(key - 1, csv)) return -1;
        json.ascii("=");
        return json.value(value, JSON_MODE.python, 2);
      });
      if (end < 0) return false;
    }
    json.ascii(")");
    return true;
  }

  /** A string of the line as its text: in json, its JSON literal without the quotes; in csv, as it is. */
  private stringText(at: number, csv: boolean): boolean {
    const start = this.sink.length;
    if (this.json.string(at, JSON_MODE.json, csv) < 0) return false;
    if (!csv) this.unquote(start);
    return true;
  }

  /** Drops the quotes of the JSON string literal written from `start` on. */
  private unquote(start: number): void {
    const sink = this.sink;
    sink.buffer.copyWithin(start, start + 1, sink.length - 1);
    sink.length -= 2;
  }
}

/** Which of {@link FIELDS} the key is, or -1. */
function fieldOf(line: Uint8Array, key: number, keyEnd: number): number {
  const length = keyEnd - key;
  if (length < 4 || length > 10) return -1;
  const first = line[key];
  // result, exception, error, traceback, stack, stacktrace, signature, args, kwargs: r e t s a k
  if (first !== 114 && first !== 101 && first !== 116 && first !== 115 && first !== 97 && first !== 107) return -1;
  for (let k = 0; k < FIELD_BYTES.length; k++) {
    const name = FIELD_BYTES[k]!;
    if (name.length !== length) continue;
    let i = 0;
    while (i < length && line[key + i] === name[i]) i++;
    if (i === length) return k;
  }
  return -1;
}

/** `a` unless it is absent or null, else `b` (as `first` of details.ts picks). */
function firstSet(json: JsonBytes, a: number, b: number): number {
  return a >= 0 && !json.isNull(a) ? a : b;
}
