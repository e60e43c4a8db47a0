/** GitHub's limit for one step's job summary (`$GITHUB_STEP_SUMMARY`): 1 MiB. */
export const GITHUB_SUMMARY_LIMIT = 1024 * 1024;

/** The UTF-8 length of a text, without encoding it (a lone surrogate counts as U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Writes markdown piece by piece while counting its bytes. Sections offer their
 * pieces with {@link offer}, which refuses one that would pass the limit; notes and
 * closing lines go through {@link write}, which always writes (the limit leaves room).
 */
export class ByteBudget {
  used = 0;
  readonly limit: number;
  private readonly sink: (text: string) => void;

  constructor(limit: number, sink: (text: string) => void) {
    this.limit = limit;
    this.sink = sink;
  }

  /** Writes `text` if it fits in what is left; false, and nothing written, if not. */
  offer(text: string): boolean {
    const size = utf8Length(text);
    if (this.used + size > this.limit) return false;
    this.used += size;
    this.sink(text);
    return true;
  }

  write(text: string): void {
    this.used += utf8Length(text);
    this.sink(text);
  }
}
