import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with CRLF ending, as RFC 4180 writes it. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** A CSV cell's text: strings as they are, null empty, anything else as compact JSON. */
export function csvText(value: JsonValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  return stringifyJson(value);
}
