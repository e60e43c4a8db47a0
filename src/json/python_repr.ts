import { JsonNumber, type JsonValue } from "./value.ts";

/** The Python `repr()` of a JSON value, as Falyx shows arguments and results. */
export function pythonRepr(value: JsonValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "number") return pythonNumber(value, String(value));
  if (value instanceof JsonNumber) return pythonNumber(value.value, value.raw);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  const items: string[] = [];
  for (const [key, item] of value) items.push(`${pythonString(key)}: ${pythonRepr(item)}`);
  return `{${items.join(", ")}}`;
}

function pythonNumber(n: number, raw: string): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  return raw;
}

/** A Python string literal: single quotes unless the text holds only `'` and no `"`. */
export function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 32 || code === 127) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}
