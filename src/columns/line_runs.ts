/**
 * Line numbers by position, kept as runs rather than a column: a record's line is the
 * line its run starts at plus its distance from the run's start. A log has one record a
 * line but for its blank and bad lines, so a million records take a few runs instead
 * of 4 MB (and the pages that cost to touch).
 */
export interface LineRuns {
  /** Positions where a run starts, ascending; the first is 0 when there are records. */
  starts: number[];
  /** The line of the record at each start. */
  lines: number[];
}

/** The line of the record at `pos` (there must be one). */
export function lineAt(runs: LineRuns, pos: number): number {
  const { starts, lines } = runs;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) { // the last run starting at or before pos
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo]! + (pos - starts[lo]!);
}

/** Builds the runs of records added in order. */
export class LineRunsBuilder {
  runs: LineRuns = { starts: [], lines: [] };
  /** The line that continues the last run. */
  private next = -1;

  /** Forgets the runs (handed over, not emptied): the next record starts a run. */
  restart(): void {
    this.runs = { starts: [], lines: [] };
    this.next = -1;
  }

  /** Notes that the record at `pos` (the next one) is on `line`. */
  add(pos: number, line: number): void {
    if (line !== this.next) {
      this.runs.starts.push(pos);
      this.runs.lines.push(line);
    }
    this.next = line + 1;
  }

  /** Notes that the `count` records from `pos` on are on consecutive lines from `line`. */
  addRun(pos: number, line: number, count: number): void {
    if (count === 0) return;
    this.add(pos, line);
    this.next = line + count;
  }

  /**
   * Appends the runs of `size` records read elsewhere, placed right after those added
   * (from position `at`), their lines moved by `lineBase`.
   */
  append(other: LineRuns, at: number, size: number, lineBase: number): void {
    if (size === 0) return;
    other.starts.forEach((start, r) => {
      const line = other.lines[r]! + lineBase;
      if (r > 0 || line !== this.next) { // the first may continue the last run
        this.runs.starts.push(at + start);
        this.runs.lines.push(line);
      }
    });
    this.next = lineAt(other, size - 1) + lineBase + 1;
  }
}
