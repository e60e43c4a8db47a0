import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import type { JsonObject, JsonValue } from "../json/value.ts";
import type { ParsedInput } from "./types.ts";

/** A line that could not be read as JSON, by its 1-based number. */
export interface BadInputLine {
  line: number;
  reason: string;
}

/** {@link ParsedInput} with the lines that were not JSON. */
export interface ParsedLines extends ParsedInput {
  bad: BadInputLine[];
}

/** The whole text as one JSON document, with each object's line; undefined when it is not one. */
export function parseDocument(text: string): ParsedInput | undefined {
  const newlines: number[] = [];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) newlines.push(at);
  const lines = new WeakMap<JsonObject, number>();
  let value: JsonValue;
  try {
    value = parseJson(text, { objectStart: (object, offset) => lines.set(object, lineAt(newlines, offset)) });
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
  return { values: [value], lineOf: (object) => lines.get(object) ?? 1 };
}

/** Each non-blank line as a JSON value (lines that are not JSON are listed in `bad`). */
export function parseLines(text: string): ParsedLines {
  const values: JsonValue[] = [];
  const bad: BadInputLine[] = [];
  const lines = new WeakMap<JsonObject, number>();
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    const at = line;
    try {
      values.push(parseJson(trimmed, { objectStart: (object) => lines.set(object, at) }));
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      bad.push({ line, reason: `not JSON: ${error.message}` });
    }
  }
  return { values, bad, lineOf: (object) => lines.get(object) ?? 1 };
}

/** The 1-based line of an offset, from the offsets of the newlines before it (sorted). */
function lineAt(newlines: readonly number[], offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
