import { quoteJsonString } from "../json/stringify.ts";

const encoder = new TextEncoder();

/**
 * A reusable byte buffer that output is built in, handed to `flushOut` in pieces of
 * about 64 KiB: no string per record, no whole-output string. Grows while a record is
 * written (a record is never split across a rollback), and only flushes between records.
 */
export class ByteSink {
  buffer = new Uint8Array(1 << 17);
  length = 0;
  private readonly flushOut: (bytes: Uint8Array) => void;

  constructor(flushOut: (bytes: Uint8Array) => void) {
    this.flushOut = flushOut;
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buffer[this.length++] = c;
  }

  /** Text as UTF-8 (lone surrogates as U+FFFD, as TextEncoder writes them). */
  text(text: string): void {
    this.ensure(text.length * 3);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  /** Text as a JSON string literal, as {@link quoteJsonString} writes it; printable ASCII without a string made. */
  jsonString(text: string): void {
    const n = text.length;
    this.ensure(n + 2);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = 34;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) return this.text(quoteJsonString(text));
      buffer[at++] = c;
    }
    buffer[at++] = 34;
    this.length = at;
  }

  /** A whole number `0 <= n < 2^53` in decimal, else `String(n)`. */
  integer(n: number): void {
    if (!(n >= 0 && Number.isSafeInteger(n))) return this.text(String(n));
    this.ensure(16);
    const buffer = this.buffer;
    const start = this.length;
    let end = start;
    do {
      buffer[end++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    buffer.subarray(start, end).reverse();
    this.length = end;
  }

  /** Hands what is written to `flushOut` once there is 64 KiB of it (call between records). */
  maybeFlush(): void {
    if (this.length >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    const bytes = this.buffer.subarray(0, this.length);
    this.length = 0;
    this.flushOut(bytes);
  }
}
