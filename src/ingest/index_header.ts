import type { BadLine } from "../read/diagnostics.ts";
import type { ReaderPart } from "./reader_part.ts";
import { blockCount } from "./checksum.ts";
import { fitsColumn, KEYS } from "../columns/columns.ts";
import type { LineRuns } from "../columns/line_runs.ts";

/** What identifies the log an index was read from; any difference means the index is stale. */
export interface LogStamp {
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  /** A hash of the first and last bytes of the log, and of samples between. */
  ends: string;
  /** How its fields were found, when not by the built-in keys (`--map`, a logger preset: field_map.ts's fingerprint). */
  fields?: string;
  /** The longest line read (EXECHIST_MAX_LINE_MIB, in bytes): another limit makes other bad lines. */
  maxLineBytes: number;
}

/** An index file's header: the part without its columns and line count, the stamp, the hints, and each column's size and sums. */
export interface IndexHeader extends Omit<ReaderPart, "columns" | "lines" | "positional"> {
  stamp: LogStamp;
  hints: readonly string[];
  /** Bytes of each column, in {@link KEYS} order. */
  bytes: number[];
  /** The checksum of each block of each column (its padding included), in {@link KEYS} order: see checksum.ts. */
  sums: number[][];
}

/** Why a value read as an index header is not one (every field of its type, the columns' sizes consistent); undefined when it is. */
export function headerProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "the header is not an object";
  const h = value as Record<keyof IndexHeader, unknown>;
  const stamp = h.stamp as Record<keyof LogStamp, unknown> | null;
  if (
    !isObject(stamp) || typeof stamp.path !== "string" || typeof stamp.ends !== "string" ||
    (stamp.fields !== undefined && typeof stamp.fields !== "string") ||
    !(["size", "mtimeMs", "ctimeMs", "ino", "dev"] as const).every((key) => Number.isFinite(stamp[key])) ||
    !isCount(stamp.maxLineBytes)
  ) return "its stamp";
  if (!isCount(h.size)) return "its size";
  for (const key of ["badLineCount", "fallbacks"] as const) if (!isCount(h[key])) return `its ${key}`;
  for (const key of ["names", "otherStatuses", "runs", "hints"] as const) {
    if (!isArrayOf(h[key], (item) => typeof item === "string")) return `its ${key}`;
  }
  if (!isArrayOf(h.badLines, isBadLine)) return "its badLines";
  if (!validRuns(h.lineRuns, h.size)) return "its lineRuns";
  const { bytes, sums, size } = h;
  if (!isArrayOf<number>(bytes, isCount) || bytes.length !== KEYS.length) return "its column sizes";
  if (!bytes.every((length, k) => fitsColumn(KEYS[k]!, length, size))) return "its column sizes";
  const isSums = (column: unknown) => isArrayOf<number>(column, isUint32);
  if (!isArrayOf<number[]>(sums, isSums) || sums.length !== KEYS.length) return "its sums";
  if (!sums.every((column, k) => column.length === blockCount(pad8(bytes[k]!)))) return "its sums";
  return undefined;
}

export const pad8 = (n: number): number => (n + 7) & ~7;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isUint32(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
}

function isArrayOf<T>(value: unknown, each: (item: unknown) => boolean): value is T[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!each(item)) return false;
  return true;
}

function isBadLine(value: unknown): value is BadLine {
  if (!isObject(value)) return false;
  return typeof value.source === "string" && Number.isSafeInteger(value.line) && (value.line as number) > 0 &&
    typeof value.reason === "string";
}

/** Runs of line numbers that `lineAt` can read for `size` records: starts ascending from 0, lines positive integers. */
function validRuns(runs: unknown, size: unknown): runs is LineRuns {
  if (!isObject(runs) || !isCount(size)) return false;
  const { starts, lines } = runs;
  if (!Array.isArray(starts) || !Array.isArray(lines) || starts.length !== lines.length) return false;
  if (size > 0 && starts[0] !== 0) return false;
  for (let r = 0; r < starts.length; r++) {
    const start = starts[r];
    if (!Number.isInteger(start) || start >= size || (r > 0 && start <= starts[r - 1])) return false;
    if (!Number.isSafeInteger(lines[r]) || lines[r] <= 0) return false;
  }
  return true;
}
