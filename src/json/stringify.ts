import { JsonNumber, type JsonValue } from "./value.ts";

/** How {@link stringifyJson} writes a value. */
export interface StringifyOptions {
  /** Spaces per level; 0 or absent writes one compact line. */
  indent?: number;
  /**
   * `"null"` (default) writes `NaN` and infinities as `null`, so the output is always
   * valid JSON; `"raw"` writes them as Python does, for people to read.
   */
  nonFinite?: "null" | "raw";
}

/**
 * Writes a {@link JsonValue} as JSON text. Big integers and other kept number texts
 * are written exactly as they were read.
 */
export function stringifyJson(value: JsonValue, options: StringifyOptions = {}): string {
  const indent = options.indent ?? 0;
  const raw = options.nonFinite === "raw";
  const parts: string[] = [];
  write(value, "");
  return parts.join("");

  function write(v: JsonValue, pad: string): void {
    if (v === null) parts.push("null");
    else if (typeof v === "string") parts.push(quoteJsonString(v));
    else if (typeof v === "boolean") parts.push(v ? "true" : "false");
    else if (typeof v === "number") parts.push(numberText(v, raw));
    else if (v instanceof JsonNumber) {
      parts.push(Number.isFinite(v.value) || raw ? v.raw : "null");
    } else if (Array.isArray(v)) {
      if (v.length === 0) return void parts.push("[]");
      const inner = indent ? pad + " ".repeat(indent) : "";
      parts.push("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(",");
        if (indent) parts.push("\n", inner);
        write(v[i] ?? null, inner);
      }
      if (indent) parts.push("\n", pad);
      parts.push("]");
    } else {
      if (v.size === 0) return void parts.push("{}");
      const inner = indent ? pad + " ".repeat(indent) : "";
      parts.push("{");
      let first = true;
      for (const [key, item] of v) {
        if (!first) parts.push(",");
        first = false;
        if (indent) parts.push("\n", inner);
        parts.push(quoteJsonString(key), indent ? ": " : ":");
        write(item, inner);
      }
      if (indent) parts.push("\n", pad);
      parts.push("}");
    }
  }
}

// A surrogate that is not half of a pair.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A JSON string literal. A lone surrogate (which UTF-8 cannot hold, and which some readers,
 * jq 1.6 among them, refuse even as a `\udXXX` escape) is written as U+FFFD.
 */
export function quoteJsonString(text: string): string {
  const quoted = JSON.stringify(text);
  // JSON.stringify escapes lone surrogates, and only them, as \udXXX: most strings have none.
  return quoted.includes("\\ud") ? JSON.stringify(text.replace(LONE_SURROGATE, "\ufffd")) : quoted;
}

function numberText(n: number, raw: boolean): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? "-0" : String(n);
  if (!raw) return "null";
  return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
}
