import type { Output } from "../io.ts";

const encoder = new TextEncoder();

/** Text is kept as UTF-8 in a 64 KiB buffer until it is full (or a flush), then written out in one piece by {@link writeOut}. */
export abstract class BufferedOutput implements Output {
  abstract readonly isTTY: boolean;
  abstract readonly columns: number | undefined;
  private readonly buffer = new Uint8Array(1 << 16);
  private length = 0;

  write(text: string): void {
    if (text.length * 3 > this.buffer.length - this.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) return this.writeOut(encoder.encode(text));
    }
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.writeOut(bytes);
  }

  flush(): void {
    if (this.length === 0) return;
    const length = this.length;
    this.length = 0;
    this.writeOut(this.buffer.subarray(0, length));
  }

  /** Writes all of `bytes` synchronously; a reader gone becomes `BrokenPipe`. */
  protected abstract writeOut(bytes: Uint8Array): void;
}
