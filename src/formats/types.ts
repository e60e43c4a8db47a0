import type { JsonObject, JsonValue } from "../json/value.ts";

/** The document formats exechist turns into execution records. */
export const DOCUMENT_FORMATS = ["otlp", "temporal", "ctrf", "go-test", "prefect"] as const;

export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The loggers whose JSON lines exechist reads with a preset mapping of their fields (logger_presets.ts). */
export const LOGGER_FORMATS = ["pino", "bunyan", "winston", "python-logging", "structlog"] as const;

export type LoggerFormat = (typeof LOGGER_FORMATS)[number];

/**
 * What `--from` accepts: `auto` (recognise by shape), `falyx` (JSON lines as they are), a
 * logger (JSON lines with its fields mapped), or a document format.
 */
export const INPUT_FORMATS = ["auto", "falyx", ...LOGGER_FORMATS, ...DOCUMENT_FORMATS] as const;

export type InputFormat = (typeof INPUT_FORMATS)[number];

/** A parsed input: its JSON values (one document, or one a line) and the line each object starts on. */
export interface ParsedInput {
  values: readonly JsonValue[];
  /** The 1-based line an object of {@link values} starts on (its opening brace). */
  lineOf(object: JsonObject): number;
}

/** One execution made from a document: an object in exechist's field names (SPEC 1.1), and where it came from. */
export interface ExecutionRecord {
  fields: JsonObject;
  /** The 1-based line of the source the execution was read from (its span, its closing event, its test). */
  line: number;
}

/** A converter: parsed input in, execution records out, in the order a person reads them. */
export type Converter = (input: ParsedInput) => ExecutionRecord[];
