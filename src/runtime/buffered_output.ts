import type { Output } from "../io.ts";

/** Text is kept until 64 KiB of it (or a flush) and then written out in one piece by {@link writeOut}. */
export abstract class BufferedOutput implements Output {
  abstract readonly isTTY: boolean;
  abstract readonly columns: number | undefined;
  private pending: string[] = [];
  private pendingLength = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.pendingLength === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    this.writeOut(text);
  }

  /** Writes all of `text` synchronously; a reader gone becomes `BrokenPipe`. */
  protected abstract writeOut(text: string): void;
}
