import type { Columns } from "../columns/columns.ts";
import type { LineRuns } from "../columns/line_runs.ts";
import type { BadLine } from "../read/diagnostics.ts";

/** What one reader read of one range, to be appended to another reader's records. */
export interface ReaderPart {
  columns: Columns;
  size: number;
  lineRuns: LineRuns;
  names: readonly string[];
  otherStatuses: readonly string[];
  runs: readonly string[];
  badLines: readonly BadLine[];
  badLineCount: number;
  fallbacks: number;
  /** Lines in the range (what the next range's line numbers start after). */
  lines: number;
  /** Records without an index of their own, when known (their index becomes their position). */
  positional?: number | undefined;
  /**
   * The id (in the reader that made the part) of the first of `names`, `otherStatuses` and
   * `runs` (default 0: the whole tables): a worker sends only what its tables gained
   * since its last part, so that many distinct names are not sent again with every part.
   */
  tableStarts?: TableStarts | undefined;
}

/** Where a part's tables start: how many entries of each the reader that made it had sent before. */
export interface TableStarts {
  names: number;
  statuses: number;
  runs: number;
}

/** The ids of another reader's names, statuses and runs in this one's tables, by its id (run 0: none). */
export class PartIds {
  readonly name: number[] = [];
  readonly status: number[] = [];
  readonly run: number[] = [0];
}
