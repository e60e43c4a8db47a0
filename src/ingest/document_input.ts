import { stringifyJson } from "../json/stringify.ts";
import { CONVERTERS, FORMAT_TITLES } from "../formats/convert.ts";
import { detectFormat } from "../formats/detect.ts";
import { detectLogger, loggerWarning } from "../formats/logger_shape.ts";
import { type BadInputLine, parseDocument, parseLines } from "../formats/parse_input.ts";
import {
  type DocumentFormat,
  type ExecutionRecord,
  type InputFormat,
  LOGGER_FORMATS,
  type LoggerFormat,
  type ParsedInput,
} from "../formats/types.ts";
import type { LogSource } from "./log_reader.ts";

/** An input that cannot be read, and why (a message naming it): the caller stops with it. */
export interface RefusedInput {
  refused: string;
}

/** An input to read as the JSON lines it is, with a word on stderr first (a logger's lines). */
export interface WarnedInput {
  warning: string;
}

/** A document input turned into JSON lines of execution records, to read as any log. */
export interface ConvertedInput {
  /** The records as JSON lines in memory, under the input's name; `lineMap` gives each one's line in the input. */
  source: LogSource;
  format: DocumentFormat;
  records: number;
  /** Lines of a line-per-document input that were not JSON. */
  bad: BadInputLine[];
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
/** The first line is read this far at most to recognise a format. */
const FIRST_LINE_LIMIT = 64 << 20;

/**
 * Turns an input in a document format (OTLP, a Temporal history, CTRF, go test -json,
 * Prefect runs) into JSON lines of execution records; undefined when it is to be read as
 * the JSON-lines log it is. With `auto`, the format is recognised by the shape of the
 * first line or, when that is not JSON by itself, of the whole input (a pretty-printed
 * document); a pretty-printed document of no known format is refused, saying what it is, and a
 * logger's lines (pino, bunyan, winston, Python logging, structlog) are read with a warning
 * unless `nameMapped` (`--map name=…` says which field names the action). A logger named
 * with `--from` is read as JSON lines (its preset maps its fields), with that warning too.
 */
export function convertInput(
  source: LogSource,
  from: InputFormat,
  nameMapped = false,
): ConvertedInput | RefusedInput | WarnedInput | undefined {
  if (from === "falyx") return undefined;
  if (isLoggerFormat(from)) return nameMapped ? undefined : { warning: loggerWarning(source.name, from, true) };
  if (from !== "auto") {
    const text = readText(source);
    const input = parseDocument(text) ?? parseLines(text);
    const converted = convertWith(source, from, input);
    if (converted.records === 0 && !input.values.some((v) => detectFormat(v) === from)) {
      return { refused: `Cannot read "${source.name}" as ${FORMAT_TITLES[from]}: no ${from} data in it` };
    }
    return converted;
  }
  const head = firstLine(source);
  const start = head.search(/\S/);
  const first = head.charCodeAt(start);
  if (first !== 123 && first !== 91) return undefined; // { or [
  const line = parseDocument(head);
  if (line !== undefined) {
    const format = detectFormat(line.values[0]!);
    if (format !== undefined) return convertWith(source, format, parseLines(readText(source)));
    const logger = nameMapped ? undefined : detectLogger(line.values[0]!);
    return logger === undefined ? undefined : { warning: loggerWarning(source.name, logger, false) };
  }
  const text = readText(source);
  const document = parseDocument(text);
  if (document === undefined) return undefined; // not one document either: read line by line, which says what is wrong
  const format = detectFormat(document.values[0]!);
  if (format !== undefined) return convertWith(source, format, document);
  if (first === 91) return undefined; // a JSON array: the reader's hint says what to do
  return {
    refused:
      `Cannot read "${source.name}": it is one JSON document over ${text.split("\n").length} lines, not JSON lines, ` +
      `and not a format exechist knows (OTLP, Temporal history, CTRF, go test -json, Prefect); ` +
      `give one record per line (try: jq -c . ${source.name}), or name the format with --from`,
  };
}

function isLoggerFormat(from: InputFormat): from is LoggerFormat {
  return (LOGGER_FORMATS as readonly string[]).includes(from);
}

function convertWith(source: LogSource, format: DocumentFormat, input: ParsedInput): ConvertedInput {
  const records = CONVERTERS[format](input);
  return {
    source: recordsSource(source.name, records),
    format,
    records: records.length,
    bad: "bad" in input ? (input.bad as BadInputLine[]) : [],
  };
}

/** Records as JSON lines in memory, named as the input, each line mapped to the record's line in the input. */
export function recordsSource(name: string, records: readonly ExecutionRecord[]): LogSource {
  const bytes = encoder.encode(records.map((r) => stringifyJson(r.fields) + "\n").join(""));
  const lineMap = Uint32Array.from(records, (r) => r.line);
  const read = (target: Uint8Array, offset: number, length: number, position: number): number => {
    const piece = bytes.subarray(position, Math.min(bytes.length, position + length));
    target.set(piece, offset);
    return piece.length;
  };
  return { name, read, size: bytes.length, lineMap };
}

/** The input's first line (without a byte-order mark), up to {@link FIRST_LINE_LIMIT} bytes. */
function firstLine(source: LogSource): string {
  let bytes = new Uint8Array(1 << 16);
  let got = 0;
  for (;;) {
    const n = source.read(bytes, got, bytes.length - got, got);
    const newline = bytes.subarray(got, got + n).indexOf(10);
    got += n;
    if (newline >= 0 || n === 0 || got >= FIRST_LINE_LIMIT) break;
    if (got === bytes.length) {
      const grown = new Uint8Array(bytes.length * 2);
      grown.set(bytes);
      bytes = grown;
    }
  }
  const text = decoder.decode(bytes.subarray(0, got)).replace(/^\uFEFF/, "");
  const newline = text.indexOf("\n");
  return newline < 0 ? text : text.slice(0, newline);
}

/** The whole input as text (without a byte-order mark). */
function readText(source: LogSource): string {
  const chunks: Uint8Array[] = [];
  let position = 0;
  for (;;) {
    const chunk = new Uint8Array(1 << 20);
    const n = source.read(chunk, 0, chunk.length, position);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    position += n;
  }
  const all = new Uint8Array(position);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return decoder.decode(all).replace(/^\uFEFF/, "");
}
