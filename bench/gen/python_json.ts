/**
 * Writes values the way Python's `json.dumps` does (`NaN`/`Infinity` as bare words,
 * float `repr`, `ensure_ascii`, either separators), and the `repr` of simple values
 * for Falyx-style signatures.
 */

/** A Python value: integral numbers are ints, others floats; bigint for ints beyond 2^53. */
export type PyValue = null | boolean | number | bigint | string | PyValue[] | { [key: string]: PyValue };

/** Python's `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16, always a `.0` or an exponent. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const rest = digits.length > 1 ? "." + digits.slice(1) : "";
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${rest}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, "0");
  const fraction = digits.length > exp + 1 ? digits.slice(exp + 1) : "0";
  return `${sign}${whole}.${fraction}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};
// What json.dumps escapes with ensure_ascii=True (the default) and with ensure_ascii=False.
const ESCAPE_ASCII = /[\\"]|[^\x20-\x7e]/g;
// deno-lint-ignore no-control-regex -- json.dumps escapes exactly these
const ESCAPE_CONTROL = /[\x00-\x1f\\"]/g;

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  let out = "";
  // A code point beyond the BMP arrives here as its two UTF-16 halves: a surrogate pair, as Python writes it.
  for (let i = 0; i < ch.length; i++) out += "\\u" + ch.charCodeAt(i).toString(16).padStart(4, "0");
  return out;
}

/** A JSON string literal as `json.dumps` writes it: every non-ASCII character as `\uXXXX` when `ensureAscii`. */
export function pyJsonString(text: string, ensureAscii: boolean): string {
  return '"' + text.replace(ensureAscii ? ESCAPE_ASCII : ESCAPE_CONTROL, escapeChar) + '"';
}

/** The `separators` argument of `json.dumps`: Python's default (", ", ": ") or compact (",", ":"). */
export interface Separators {
  item: string;
  key: string;
}

/** `json.dumps(value, ensure_ascii=ensureAscii, separators=(sep.item, sep.key))`. */
export function pyJson(value: PyValue, ensureAscii: boolean, sep: Separators): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isInteger(value) ? String(value) : pyFloat(value);
    case "bigint":
      return value.toString();
    case "string":
      return pyJsonString(value, ensureAscii);
  }
  if (Array.isArray(value)) return "[" + value.map((v) => pyJson(v, ensureAscii, sep)).join(sep.item) + "]";
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    parts.push(pyJsonString(key, ensureAscii) + sep.key + pyJson(value[key]!, ensureAscii, sep));
  }
  return "{" + parts.join(sep.item) + "}";
}

/** Python's `repr` for the simple values that appear as call arguments. */
export function pyRepr(value: PyValue): string {
  if (value === null) return "None";
  switch (typeof value) {
    case "boolean":
      return value ? "True" : "False";
    case "number":
      if (Number.isNaN(value)) return "nan";
      if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
      return Number.isInteger(value) ? String(value) : pyFloat(value);
    case "bigint":
      return value.toString();
    case "string":
      return value.includes("'") && !value.includes('"')
        ? '"' + value + '"'
        : "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n") + "'";
  }
  if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
  return "{" + Object.keys(value).map((k) => pyRepr(k) + ": " + pyRepr(value[k]!)).join(", ") + "}";
}
