import { JsonNumber, type JsonObject, type JsonValue } from "./value.ts";

/** Where and why a JSON text could not be parsed. */
export class JsonSyntaxError extends SyntaxError {
  override name = "JsonSyntaxError";
  /** 0-based offset in the text where the problem was found. */
  readonly offset: number;
  /** The problem alone, without the position. */
  readonly reason: string;

  constructor(reason: string, offset: number) {
    super(`${reason} at column ${offset + 1}`);
    this.reason = reason;
    this.offset = offset;
  }
}

const MAX_DEPTH = 1000;

/** Options of {@link parseJson}. */
export interface ParseOptions {
  /** Told of each object made, with the offset of its opening brace (document formats name a record's line by it). */
  objectStart?: (object: JsonObject, offset: number) => void;
}

/**
 * Parses one JSON text faithfully: integers beyond 2^53 and non-canonical numbers
 * keep their text ({@link JsonNumber}), `NaN`/`Infinity`/`-Infinity` are accepted
 * (Python's `json.dumps` writes them), objects keep key order. Whitespace may surround it.
 */
export function parseJson(text: string, options: ParseOptions = {}): JsonValue {
  const parser = new Parser(text, options.objectStart);
  parser.skipSpace();
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail("unexpected text after the JSON value");
  return value;
}

class Parser {
  readonly text: string;
  pos = 0;
  private readonly objectStart: ParseOptions["objectStart"];

  constructor(text: string, objectStart?: ParseOptions["objectStart"]) {
    this.text = text;
    this.objectStart = objectStart;
  }

  fail(reason: string, at = this.pos): never {
    throw new JsonSyntaxError(reason, at);
  }

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail("nesting is too deep");
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123: // {
        return this.object(depth);
      case 91: // [
        return this.array(depth);
      case 34: // "
        return this.string();
      case 116: // t
        return this.literal("true", true);
      case 102: // f
        return this.literal("false", false);
      case 110: // n
        return this.literal("null", null);
      case 78: // N
        return this.special("NaN", NaN);
      case 73: // I
        return this.special("Infinity", Infinity);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        if (Number.isNaN(c)) this.fail("unexpected end");
        return this.fail(`unexpected character ${describeChar(this.text, this.pos)}`);
    }
  }

  literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`invalid literal`);
    this.pos += word.length;
    return value;
  }

  special(word: string, value: number): JsonNumber {
    if (!this.text.startsWith(word, this.pos)) this.fail(`invalid literal`);
    this.pos += word.length;
    return new JsonNumber(word, value);
  }

  object(depth: number): JsonObject {
    const result: JsonObject = new Map();
    this.objectStart?.(result, this.pos);
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) {
        this.fail(this.pos >= this.text.length ? "unexpected end" : "expected a string key");
      }
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) this.expected("':'");
      this.pos++;
      this.skipSpace();
      result.set(key, this.value(depth + 1));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 125) return result;
      if (c !== 44) this.expected("',' or '}'", this.pos - 1);
      this.skipSpace();
    }
  }

  array(depth: number): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 93) return result;
      if (c !== 44) this.expected("',' or ']'", this.pos - 1);
      this.skipSpace();
    }
  }

  expected(what: string, at = this.pos): never {
    if (at >= this.text.length) this.fail("unexpected end", at);
    return this.fail(`expected ${what} but found ${describeChar(this.text, at)}`, at);
  }

  string(): string {
    const text = this.text;
    const start = ++this.pos;
    let pos = start;
    // Fast path: no escapes.
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === 92) break;
      if (c < 32 || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
        this.fail("control character in string", pos);
      }
      pos++;
    }
    let out = text.slice(start, pos);
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        this.pos = pos + 1;
        return out;
      }
      if (Number.isNaN(c)) this.fail("unterminated string", start - 1);
      if (c < 32) this.fail("control character in string", pos);
      if (c !== 92) {
        const next = nextSpecial(text, pos);
        out += text.slice(pos, next);
        pos = next;
        continue;
      }
      const e = text.charCodeAt(pos + 1);
      pos += 2;
      switch (e) {
        case 34:
          out += '"';
          break;
        case 92:
          out += "\\";
          break;
        case 47:
          out += "/";
          break;
        case 98:
          out += "\b";
          break;
        case 102:
          out += "\f";
          break;
        case 110:
          out += "\n";
          break;
        case 114:
          out += "\r";
          break;
        case 116:
          out += "\t";
          break;
        case 117: {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape", pos - 2);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          if (Number.isNaN(e)) this.fail("unterminated string", start - 1);
          this.fail("invalid escape in string", pos - 2);
      }
    }
  }

  number(): number | JsonNumber {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 45) {
      pos++;
      if (text.startsWith("Infinity", pos)) {
        this.pos = pos + 8;
        return new JsonNumber("-Infinity", -Infinity);
      }
    }
    const first = text.charCodeAt(pos);
    if (first === 48) pos++;
    else if (first >= 49 && first <= 57) pos = digits(text, pos);
    else this.fail("invalid number", pos);
    if (text.charCodeAt(pos) === 46) {
      const after = digits(text, pos + 1);
      if (after === pos + 1) this.fail("invalid number", after);
      pos = after;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 43 || sign === 45) pos++;
      const after = digits(text, pos);
      if (after === pos) this.fail("invalid number", after);
      pos = after;
    }
    this.pos = pos;
    const raw = text.slice(start, pos);
    const value = Number(raw);
    // Keep the text whenever the JS number would print differently.
    return String(value) === raw ? value : new JsonNumber(raw, value);
  }
}

function digits(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c >= 48 && c <= 57) pos++;
    else return pos;
  }
}

function nextSpecial(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 34 || c === 92 || c < 32 || Number.isNaN(c)) return pos;
    pos++;
  }
}

function describeChar(text: string, pos: number): string {
  const ch = text.codePointAt(pos);
  if (ch === undefined) return "end";
  if (ch < 32 || ch === 127) return `U+${ch.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${String.fromCodePoint(ch)}'`;
}
