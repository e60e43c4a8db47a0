import type { LogReader, LogSource } from "./read/read_log.ts";

/** A stream of text the CLI writes to. */
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** The terminal width when on a terminal. */
  readonly columns: number | undefined;
  /** Writes out what is buffered; throws `BrokenPipe` when the reader has gone. */
  flush(): void;
}

/** What a path is. */
export type PathKind = "file" | "directory" | "missing";

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
  /** Minutes east of UTC of the local time zone at an epoch millisecond (for `--local`). */
  utcOffsetMinutes(epochMs: number): number;
  /**
   * Opens a log: a path, or `-` for standard input (spooled to a temporary file).
   * Gzip is recognised by its magic bytes. Throws an input error naming a missing file.
   */
  openLog(path: string): Promise<LogSource>;
  /**
   * Reads an opened log into `reader` (the real one splits large files across threads).
   * Returns how many threads read it, and how many of them fell back to the main thread.
   */
  readLog(reader: LogReader, source: LogSource): Promise<{ threads: number; fellBack: number }>;
  /** A whole file's bytes (checkpoints). Throws an input error naming a missing file. */
  readFile(path: string): Uint8Array;
  pathKind(path: string): PathKind;
  /** Every file below `dir` whose name ends with `suffix`, as sorted paths. */
  listFiles(dir: string, suffix: string): string[];
  /** Releases temporary files. */
  close(): void;
}
