import type picocolors from "picocolors";
import type { LogReader, LogSource } from "./ingest/log_reader.ts";

/** A stream of text the CLI writes to. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** The terminal width when on a terminal. */
  readonly columns: number | undefined;
  /** Writes out what is buffered; throws `BrokenPipe` when the reader has gone. */
  flush(): void;
  /** Writes UTF-8 bytes after what was written before (kept only until it returns); absent: the caller decodes them for `write`. */
  writeBytes?(bytes: Uint8Array): void;
}

/** What a path is. */
export type PathKind = "file" | "directory" | "missing";

/** What a file found below a directory is, through symbolic links ("file": a regular file, or one that cannot be looked at). */
export type ListedKind = "file" | "directory" | "named pipe" | "socket" | "device";

/** A file found below a directory. */
export interface ListedFile {
  path: string;
  kind: ListedKind;
}

/** How a checkpoint is read: `maxBytes` at most, and with `regularOnly` nothing but a regular file. */
export interface ReadFileOptions {
  maxBytes: number;
  /** Refuse a pipe, socket or device without opening it (opening a named pipe waits for a writer). */
  regularOnly?: boolean;
}

/** How a log was read, for `--debug`. */
export interface ReadReport {
  /** Threads that read it (0: it came from the index cache). */
  threads: number;
  /** Workers that failed, whose chunks the main thread read instead. */
  fellBack: number;
  /** Workers that stopped early, having met many distinct names, statuses or run ids: the main thread read the rest. */
  stopped?: number;
  /** What the index cache did, when it was used. */
  cache?: string;
  /** Set when, as asked by `only`, the reader was given just the first records with one index (from the index cache). */
  selected?: Selection;
}

/** What a log held when only its records with one index were read into a reader. */
export interface Selection {
  /** Records in the log. */
  records: number;
  /** Records with that index (the reader holds the first few). */
  matches: number;
}

/** What a command needs of a log when it needs only the records with one index (`result N`). */
export interface OnlyIndex {
  index: number;
  /** How many of them, the first in input order. */
  keep: number;
}

/**
 * Everything the commands need from the world, so that the core stays pure and tests
 * can hand in a fake. `src/runtime/node_io.ts` builds the real one on `node:` modules.
 */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdinIsTTY: boolean;
  env(name: string): string | undefined;
  /** Epoch milliseconds. */
  now(): number;
  /** Minutes east of UTC of the local time zone at an epoch millisecond (for `--local`); seconds of historical offsets as a fraction. */
  utcOffsetMinutes(epochMs: number): number;
  /**
   * Opens a log: a path, or `-` for standard input (spooled to a temporary file).
   * Gzip is recognised by its magic bytes. Throws an input error naming a missing file.
   */
  openLog(path: string): Promise<LogSource>;
  /**
   * Reads an opened log into `reader` (the real one splits large files across threads,
   * and keeps the index of large files in a cache). With `only`, into an empty reader,
   * it may give the reader just the records `only` asks for (see `ReadReport.selected`).
   */
  readLog(reader: LogReader, source: LogSource, only?: OnlyIndex): Promise<ReadReport>;
  /** picocolors, loaded without reading the environment (exechist decides when colour is on). */
  loadPicocolors(): Promise<typeof picocolors>;
  /**
   * A whole checkpoint's bytes: a regular file's, or a stream's (a pipe, `<(cat f)`) until it
   * ends. Throws an input error naming a missing file, a directory, one larger than
   * `options.maxBytes` (a stream: once it passes it), and with `regularOnly` anything else.
   */
  readFile(path: string, options: ReadFileOptions): Uint8Array;
  pathKind(path: string): PathKind;
  /** Every file below `dir` whose name ends with `suffix`, sorted by path, with what it is (not opened). */
  listFiles(dir: string, suffix: string): ListedFile[];
  /**
   * Waits for what reading left running (an index being written to the cache) and
   * releases temporary files; never throws. Returns what it did, for `--debug`.
   */
  finish(): Promise<string[]>;
}
