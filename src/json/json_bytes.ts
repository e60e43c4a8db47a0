/**
 * JSON values copied from a line's bytes straight into an output buffer, without parsing
 * them into values: as `stringifyJson(parseJson(text))` writes them (compact, numbers as
 * written, `NaN` and infinities as null), or as `pythonRepr` writes them. Anything this
 * does not cover the same way byte for byte (a `\u` escape of a surrogate, invalid UTF-8,
 * a duplicate key, invalid JSON, deep nesting) makes it give up (-1): the caller then
 * takes the slow path, which answers exactly as before.
 */

/** How a value is written: canonical JSON, not at all (checked only), or as Python's `repr()`. */
export const JSON_MODE = { json: 0, skip: 1, python: 2 } as const;
export type JsonMode = (typeof JSON_MODE)[keyof typeof JSON_MODE];

import { writePythonString } from "./python_bytes.ts";
import { digits, escaped, hex4, putControl, putUtf8, utf8Length } from "./utf8_bytes.ts";

const MAX_DEPTH = 1000;
const MAX_KEYS = 512;

/** The output buffer a {@link JsonBytes} writes to (see ByteSink): room is made by the caller. */
export interface ByteTarget {
  buffer: Uint8Array;
  length: number;
}

/** Copies JSON values of `src` into `out.buffer` (which must have room: 4 bytes per input byte is enough). */
export class JsonBytes {
  src: Uint8Array = new Uint8Array(0);
  /** In python mode, whether the repr is written escaped for a JSON string (else as it is, for CSV). */
  pythonInJson = true;
  private out: ByteTarget;
  private readonly keyStarts = new Int32Array(MAX_KEYS);
  private readonly keyEnds = new Int32Array(MAX_KEYS);
  private keyTop = 0;

  constructor(out: ByteTarget) {
    this.out = out;
  }

  /** Works on `src`, writing to `out`. */
  reset(src: Uint8Array, out: ByteTarget): void {
    this.src = src;
    this.out = out;
    this.keyTop = 0;
  }

  /** Position of the first byte at or after `pos` that is not JSON whitespace. */
  space(pos: number): number {
    const src = this.src;
    for (;;) {
      const c = src[pos];
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else return pos;
    }
  }

  /** Writes the value at `pos` in `mode`; the position after it, or -1 to give up. */
  value(pos: number, mode: JsonMode, depth = 0): number {
    if (depth > MAX_DEPTH) return -1;
    const c = this.src[pos];
    if (c === 34) {
      return mode === JSON_MODE.python
        ? writePythonString(this.src, pos, this.out, this.pythonInJson)
        : this.string(pos, mode, false);
    }
    if (c === 123) return this.object(pos, mode, depth);
    if (c === 91) return this.array(pos, mode, depth);
    if (c === 116) return this.word(pos, "true", mode === JSON_MODE.python ? "True" : "true", mode);
    if (c === 102) return this.word(pos, "false", mode === JSON_MODE.python ? "False" : "false", mode);
    if (c === 110) return this.word(pos, "null", mode === JSON_MODE.python ? "None" : "null", mode);
    if (c === 78) return this.word(pos, "NaN", mode === JSON_MODE.python ? "nan" : "null", mode);
    if (c === 73) return this.word(pos, "Infinity", mode === JSON_MODE.python ? "inf" : "null", mode);
    if (c === 45 || (c !== undefined && c >= 48 && c <= 57)) return this.number(pos, mode);
    return -1;
  }

  /**
   * The position after the value at `pos`, found without checking it (strings by `indexOf`):
   * for the fields of a record's line that are not shown, which the reader has checked already.
   */
  skip(pos: number): number {
    const src = this.src;
    const c = src[pos];
    if (c === 34) return skipString(src, pos);
    if (c !== 123 && c !== 91) {
      for (;;) {
        const d = src[pos];
        if (d === undefined || d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) {
          return pos;
        }
        pos++;
      }
    }
    let depth = 0;
    for (;;) {
      const d = src[pos];
      if (d === undefined) return -1;
      if (d === 34) {
        pos = skipString(src, pos);
        if (pos < 0) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return pos + 1;
      pos++;
    }
  }

  /** Whether the value at `pos` is the literal `null`. */
  isNull(pos: number): boolean {
    const src = this.src;
    return src[pos] === 110 && src[pos + 1] === 117 && src[pos + 2] === 108 && src[pos + 3] === 108;
  }

  /** Writes ASCII `text`. */
  ascii(text: string): void {
    const out = this.out;
    for (let i = 0; i < text.length; i++) out.buffer[out.length++] = text.charCodeAt(i);
  }

  private word(pos: number, word: string, written: string, mode: JsonMode): number {
    const src = this.src;
    for (let i = 0; i < word.length; i++) if (src[pos + i] !== word.charCodeAt(i)) return -1;
    if (mode !== JSON_MODE.skip) this.ascii(written);
    return pos + word.length;
  }

  private number(pos: number, mode: JsonMode): number {
    const src = this.src;
    const start = pos;
    if (src[pos] === 45) {
      pos++;
      if (src[pos] === 73) {
        const after = this.word(pos, "Infinity", "", JSON_MODE.skip);
        if (after >= 0 && mode !== JSON_MODE.skip) this.ascii(mode === JSON_MODE.python ? "-inf" : "null");
        return after;
      }
    }
    const first = src[pos];
    if (first === 48) pos++;
    else if (first !== undefined && first >= 49 && first <= 57) pos = digits(src, pos);
    else return -1;
    let exact = pos - start < 300; // a number without an exponent and this short is finite
    if (src[pos] === 46) {
      const after = digits(src, pos + 1);
      if (after === pos + 1) return -1;
      pos = after;
    }
    const e = src[pos];
    if (e === 101 || e === 69) {
      pos++;
      if (src[pos] === 43 || src[pos] === 45) pos++;
      const after = digits(src, pos);
      if (after === pos) return -1;
      pos = after;
      exact = false;
    }
    if (mode === JSON_MODE.skip) return pos;
    if (!exact) {
      let text = "";
      for (let i = start; i < pos; i++) text += String.fromCharCode(src[i]!);
      const value = Number(text);
      if (!Number.isFinite(value)) {
        this.ascii(mode === JSON_MODE.python ? (value > 0 ? "inf" : "-inf") : "null");
        return pos;
      }
    }
    const out = this.out;
    out.buffer.set(src.subarray(start, pos), out.length);
    out.length += pos - start;
    return pos;
  }

  /**
   * The string at `pos` (its opening quote): as a JSON string literal (`mode` json), checked
   * only (skip), or with `text` its decoded text without quotes (what CSV shows).
   */
  string(pos: number, mode: JsonMode, text: boolean): number {
    const src = this.src;
    const out = this.out;
    const buffer = out.buffer;
    const write = mode !== JSON_MODE.skip;
    let at = out.length;
    if (write && !text) buffer[at++] = 34;
    pos++;
    for (;;) {
      const c = src[pos];
      if (c === undefined || c < 32) return -1;
      if (c === 34) break;
      if (c < 128 && c !== 92) {
        if (write) buffer[at++] = c;
        pos++;
        continue;
      }
      if (c >= 128) {
        const n = utf8Length(src, pos);
        if (n === 0) return -1;
        if (write) { for (let k = 0; k < n; k++) buffer[at++] = src[pos + k]!; }
        pos += n;
        continue;
      }
      let code = escaped(src[pos + 1]);
      pos += 2;
      if (code === 117) {
        code = hex4(src, pos);
        if (code < 0 || (code >= 0xd800 && code <= 0xdfff)) return -1;
        pos += 4;
      } else if (code < 0) return -1;
      if (!write) continue;
      if (text) at = putUtf8(buffer, at, code);
      else if (code === 34 || code === 92) {
        buffer[at++] = 92;
        buffer[at++] = code;
      } else if (code < 32) at = putControl(buffer, at, code);
      else at = putUtf8(buffer, at, code);
    }
    if (write) {
      if (!text) buffer[at++] = 34;
      out.length = at;
    }
    return pos + 1;
  }

  private array(pos: number, mode: JsonMode, depth: number): number {
    const src = this.src;
    const write = mode !== JSON_MODE.skip;
    if (write) this.ascii("[");
    pos = this.space(pos + 1);
    if (src[pos] === 93) {
      if (write) this.ascii("]");
      return pos + 1;
    }
    for (let first = true;; first = false) {
      if (!first && write) this.ascii(mode === JSON_MODE.python ? ", " : ",");
      pos = this.value(pos, mode, depth + 1);
      if (pos < 0) return -1;
      pos = this.space(pos);
      const c = src[pos];
      pos = this.space(pos + 1);
      if (c === 93) break;
      if (c !== 44) return -1;
    }
    if (write) this.ascii("]");
    return pos;
  }

  /**
   * The object at `pos`. `each`, when given, is told of every key (its span) and value
   * position, and writes the members itself (the record's own fields); otherwise the object
   * is written in `mode`. Keys with escapes, and keys that repeat, make it give up.
   */
  object(
    pos: number,
    mode: JsonMode,
    depth: number,
    each?: (key: number, keyEnd: number, at: number) => number,
    unique = true,
  ): number {
    const src = this.src;
    const write = mode !== JSON_MODE.skip && each === undefined;
    const python = mode === JSON_MODE.python;
    if (write) this.ascii("{");
    pos = this.space(pos + 1);
    if (src[pos] === 125) {
      if (write) this.ascii("}");
      return pos + 1;
    }
    const base = this.keyTop;
    for (let first = true;; first = false) {
      if (src[pos] !== 34) return -1;
      const key = pos + 1;
      let keyEnd = key;
      for (;;) {
        const c = src[keyEnd];
        if (c === undefined || c < 32 || c === 92) return -1;
        if (c === 34) break;
        keyEnd++;
      }
      if (unique && !this.newKey(base, key, keyEnd)) return -1;
      pos = this.space(keyEnd + 1);
      if (src[pos] !== 58) return -1;
      pos = this.space(pos + 1);
      if (each !== undefined) pos = each(key, keyEnd, pos);
      else {
        if (write) {
          if (!first) this.ascii(python ? ", " : ",");
          if (python) {
            if (writePythonString(src, key - 1, this.out, this.pythonInJson) < 0) return -1;
          } else if (this.string(key - 1, mode, false) < 0) return -1;
          this.ascii(python ? ": " : ":");
        }
        pos = this.value(pos, mode, depth + 1);
      }
      if (pos < 0) return -1;
      pos = this.space(pos);
      const c = src[pos];
      pos = this.space(pos + 1);
      if (c === 125) break;
      if (c !== 44) return -1;
    }
    this.keyTop = base;
    if (write) this.ascii("}");
    return pos;
  }

  /** Records a key of the object whose keys start at `base`; false when it is there already (or too many). */
  private newKey(base: number, key: number, keyEnd: number): boolean {
    const src = this.src;
    const length = keyEnd - key;
    for (let k = base; k < this.keyTop; k++) {
      const other = this.keyStarts[k]!;
      if (this.keyEnds[k]! - other !== length) continue;
      let i = 0;
      while (i < length && src[other + i] === src[key + i]) i++;
      if (i === length) return false;
    }
    if (this.keyTop === MAX_KEYS) return false;
    this.keyStarts[this.keyTop] = key;
    this.keyEnds[this.keyTop++] = keyEnd;
    return true;
  }
}

/** The position after the string at `pos` (its opening quote), or -1 when it does not end. */
function skipString(src: Uint8Array, pos: number): number {
  for (let from = pos + 1;;) {
    const quote = src.indexOf(34, from);
    if (quote < 0) return -1;
    let back = quote - 1;
    while (src[back] === 92) back--;
    if ((quote - 1 - back) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}
