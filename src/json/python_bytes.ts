import type { ByteTarget } from "./json_bytes.ts";
import { escaped, utf8Length } from "./utf8_bytes.ts";

const HEX = "0123456789abcdef";

/**
 * The JSON string at `pos` (its opening quote) of `src` as `pythonString` writes it:
 * `'…'`, or `"…"` when it holds `'` and no `"`; escaped again for a JSON string when
 * `inJson`. The position after it, or -1 for what it leaves to the slow path (a `\u` escape).
 */
export function writePythonString(src: Uint8Array, pos: number, out: ByteTarget, inJson: boolean): number {
  let single = false;
  let double = false;
  let end = pos + 1;
  for (;;) {
    const c = src[end];
    if (c === undefined || c < 32) return -1;
    if (c === 34) break;
    if (c === 39) single = true;
    if (c === 92) {
      const e = src[end + 1];
      if (e === 117) return -1; // \u escapes: the slow path
      if (e === 34) double = true;
      end++;
    }
    end++;
  }
  const quote = single && !double ? 34 : 39;
  // One ASCII byte of Python text, escaped for a JSON string when asked.
  const put = (c: number) => {
    if (inJson && (c === 34 || c === 92)) out.buffer[out.length++] = 92;
    out.buffer[out.length++] = c;
  };
  put(quote);
  for (let p = pos + 1; p < end;) {
    const c = src[p]!;
    if (c >= 128) {
      const n = utf8Length(src, p);
      if (n === 0) return -1;
      for (let k = 0; k < n; k++) out.buffer[out.length++] = src[p + k]!;
      p += n;
      continue;
    }
    let code = c;
    if (c === 92) {
      code = escaped(src[p + 1]);
      if (code < 0) return -1;
      p += 2;
    } else p++;
    if (code === quote || code === 92) {
      put(92);
      put(code);
    } else if (code === 10 || code === 13 || code === 9) {
      put(92);
      put(code === 10 ? 110 : code === 13 ? 114 : 116);
    } else if (code < 32 || code === 127) {
      put(92);
      put(120);
      put(HEX.charCodeAt(code >> 4));
      put(HEX.charCodeAt(code & 15));
    } else put(code);
  }
  put(quote);
  return end + 1;
}
