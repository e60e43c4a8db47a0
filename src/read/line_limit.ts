/**
 * The longest line exechist reads: a longer one is a bad line ("line too long"), skipped
 * to its end without being kept, so that no input (a file of NULs, /dev/zero, a gzip of
 * zeros) can make reading hold more than this much of one line in memory.
 */

/** The longest line read by default, in MiB. */
export const DEFAULT_MAX_LINE_MIB = 512;

/** The environment variable that sets the longest line, in MiB (fractions allowed). */
export const MAX_LINE_VARIABLE = "EXECHIST_MAX_LINE_MIB";

/** The longest line in bytes from EXECHIST_MAX_LINE_MIB (a positive number of MiB), else 512 MiB. */
export function maxLineBytes(env: (name: string) => string | undefined): number {
  const text = env(MAX_LINE_VARIABLE)?.trim();
  const value = text === undefined || text === "" ? NaN : Number(text);
  const mib = Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_LINE_MIB;
  return Math.max(1, Math.floor(mib * (1 << 20)));
}

/** A size for messages: whole MiB or KiB when it is one, else bytes (`512 MiB`, `1 KiB`, `1500 bytes`). */
export function describeBytes(bytes: number): string {
  if (bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} byte${bytes === 1 ? "" : "s"}`;
}

/** Why a line longer than `maxBytes` is bad. */
export function lineTooLong(maxBytes: number): string {
  return `line too long (more than ${describeBytes(maxBytes)})`;
}

/**
 * Cuts lines longer than the limit short as a stream is copied (a spool, a gunzipped
 * log): each keeps at most its first `maxBytes + 1` bytes (still too long, so still a bad
 * line, on the same line number) and its newline. The copy of any stream, even one
 * that never ends a line (/dev/zero), then grows by no more than the limit a line.
 */
export class LineCutter {
  private readonly keep: number;
  /** Bytes of the current line kept so far. */
  private kept = 0;

  constructor(maxBytes: number) {
    this.keep = maxBytes + 1;
  }

  /** Moves what is kept of `bytes[0, length)` to its front; returns how many bytes that is. */
  cut(bytes: Uint8Array, length: number): number {
    let out = 0;
    // Searched within `length` only: the bytes past it (a buffer's unfilled rest) would be searched on every call.
    const filled = bytes.subarray(0, length);
    for (let from = 0; from < length;) {
      const newline = filled.indexOf(10, from);
      const end = newline < 0 ? length : newline;
      const take = Math.min(end - from, this.keep - this.kept);
      if (out !== from && take > 0) bytes.copyWithin(out, from, from + take);
      out += take;
      this.kept += take;
      if (newline < 0) break;
      bytes[out++] = 10;
      this.kept = 0;
      from = end + 1;
    }
    return out;
  }
}
