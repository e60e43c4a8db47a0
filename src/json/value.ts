/**
 * A number whose text a JS number would not keep: integers beyond 2^53, `NaN`,
 * `Infinity`, and forms such as `1.0` or `1e5`. `raw` is the text as written.
 */
export class JsonNumber {
  readonly raw: string;
  readonly value: number;

  constructor(raw: string, value: number) {
    this.raw = raw;
    this.value = value;
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return this.raw;
  }
}

/** Objects keep their key order exactly (integer-like keys included), as Python's dicts do. */
export type JsonObject = Map<string, JsonValue>;

/** A JSON value as exechist keeps it: faithful to the text it came from. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonNumber
  | JsonValue[]
  | JsonObject;

/** The numeric value of a JSON number, or undefined for anything else. */
export function numberOf(value: JsonValue | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (value instanceof JsonNumber) return value.value;
  return undefined;
}
