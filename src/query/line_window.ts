import type { ExecutionRegistry } from "./registry.ts";

/**
 * Records' lines read back in input order through one reusable window of the log (2 MiB
 * read at a time), where `registry.details` reads each line on
 * its own: what writing every record needs.
 */
export class LineWindow {
  private readonly registry: ExecutionRegistry;
  private readonly bytes = new Uint8Array(1 << 21);
  private sourceId = -1;
  /** Where in its input the window starts, how many bytes it holds, whether they reach the input's end. */
  private from = 0;
  private held = 0;
  private atEnd = false;

  constructor(registry: ExecutionRegistry) {
    this.registry = registry;
  }

  /**
   * The bytes of the line of the record at `pos`, up to its newline or the input's end, as
   * `details` reads it; undefined for a line that does not fit in the window (over 2 MiB:
   * `details` reads it). Valid until the next call.
   */
  line(pos: number): Uint8Array | undefined {
    const registry = this.registry;
    const sourceId = registry.sourceIdOf(pos);
    const offset = registry.columns.offset[pos]!;
    if (sourceId !== this.sourceId || offset < this.from || offset > this.from + this.held) this.fill(sourceId, offset);
    for (;;) {
      const start = offset - this.from;
      const newline = this.bytes.indexOf(10, start);
      if (newline >= 0 && newline < this.held) return this.bytes.subarray(start, newline);
      if (this.atEnd) return this.bytes.subarray(start, this.held);
      if (start === 0) return undefined;
      this.fill(sourceId, offset);
    }
  }

  /** Reads the window at `offset` of the input. */
  private fill(sourceId: number, offset: number): void {
    const source = this.registry.sources[sourceId];
    this.sourceId = sourceId;
    this.from = offset;
    this.held = 0;
    this.atEnd = false;
    if (source === undefined) {
      this.atEnd = true;
      return;
    }
    while (this.held < this.bytes.length) {
      const n = source.read(this.bytes, this.held, this.bytes.length - this.held, offset + this.held);
      if (n === 0) {
        this.atEnd = true;
        return;
      }
      this.held += n;
    }
  }
}
