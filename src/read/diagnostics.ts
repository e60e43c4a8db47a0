/** A line that is not a record, and why. */
export interface BadLine {
  source: string;
  /** 1-based. */
  line: number;
  reason: string;
}

/** How many bad lines are kept word for word; the rest are only counted. */
export const KEPT_BAD_LINES = 100;

/** Bad lines and hints gathered while reading; never thrown. */
export class Diagnostics {
  readonly badLines: BadLine[] = [];
  badLineCount = 0;
  readonly hints: string[] = [];
  /** Lines the scanner could not decide and the full parser read instead. */
  fallbacks = 0;

  addBadLine(source: string, line: number, reason: string): void {
    this.badLineCount++;
    if (this.badLines.length < KEPT_BAD_LINES) this.badLines.push({ source, line, reason });
  }

  /** The stderr report: the hints first (what the input looks like, before its bad lines), then the first `shown` bad lines as `FILE:LINE: reason`, then a count. */
  formatBadLines(shown = 10): string[] {
    const lines = this.badLines.slice(0, shown).map((b) => `${b.source}:${b.line}: ${b.reason}`);
    const rest = this.badLineCount - Math.min(shown, this.badLines.length);
    if (rest > 0) lines.push(`… and ${rest} more bad line${rest === 1 ? "" : "s"} (${this.badLineCount} in all)`);
    return [...this.hints, ...lines];
  }
}
