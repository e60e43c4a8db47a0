import type { OnlyIndex, ReadReport } from "../io.ts";
import type { ByteReader, LogReader, LogSource } from "../ingest/log_reader.ts";
import {
  cacheDir,
  type CacheFiles,
  type FileFacts,
  loadIndex,
  loadIndexMatches,
  saveIndex,
  stampOf,
} from "./index_cache.ts";
import { mib } from "./parallel_read.ts";

/** A log file that may go through the index cache: its path, its bytes, what the system knows of it. */
export interface CacheableLog {
  path: string;
  size: number;
  read: ByteReader;
  facts(): FileFacts;
}

/** Where the cache is and how it is reached, and where a write in progress is left for `Io.finish`. */
export interface CacheAccess {
  env(name: string): string | undefined;
  files: CacheFiles;
  saving: Promise<string>[];
  /** Whether this process may read and write the cache directory (Deno's permissions); yes when absent. */
  usable?(dir: string): boolean;
}

/**
 * Reads a log through the index cache (NodeIo and DenoIo alike): a log file of
 * EXECHIST_CACHE_MIB (32) or more whose index is cached, unchanged, is taken from there
 * (with `only`, just the records it asks for); otherwise `read` reads the log, and its
 * index is then written in the background (`access.saving` gets the note). Only a log
 * read into an empty reader is written to the cache: its bad lines are all its own.
 */
export async function readThroughCache(
  reader: LogReader,
  source: LogSource,
  log: CacheableLog | undefined,
  only: OnlyIndex | undefined,
  access: CacheAccess,
  read: () => Promise<ReadReport>,
): Promise<ReadReport> {
  const env = (name: string) => access.env(name);
  const wanted = log !== undefined && log.size >= mib(env, "EXECHIST_CACHE_MIB", 32) ? cacheDir(env) : undefined;
  const dir = wanted !== undefined && (access.usable?.(wanted) ?? true) ? wanted : undefined;
  const stamp = dir === undefined
    ? undefined
    : stampOf(log!.read, log!.facts(), () => access.files.realpath(log!.path));
  if (stamp === undefined) return await read();
  // The records of one index are picked only from a log read alone (its bad lines are then all its own).
  const alone = reader.builder.size === 0 && reader.diagnostics.badLineCount === 0 &&
    reader.diagnostics.hints.length === 0;
  if (only !== undefined && alone) {
    const found = loadIndexMatches(access.files, dir!, stamp, only.index, only.keep);
    if (found !== undefined) {
      reader.adoptSource(source, found.log.part, found.log.hints);
      return { threads: 0, fellBack: 0, cache: "from the index cache", selected: found.selected };
    }
  } else {
    const cached = loadIndex(access.files, dir!, stamp);
    if (cached !== undefined) {
      reader.adoptSource(source, cached.part, cached.hints);
      return { threads: 0, fellBack: 0, cache: "from the index cache" };
    }
  }
  if (!alone) return await read();
  const done = await read();
  // A log that grew after it was opened is being written to: its index would be stale at
  // once, or worse, stamped with the grown size, pass for the grown log without its tail.
  if (log!.facts().size !== log!.size) {
    return { ...done, cache: "index cache not written: the log grew while it was read" };
  }
  const saved = saveIndex(access.files, dir!, { stamp, part: reader.part(0), hints: reader.diagnostics.hints });
  access.saving.push(
    saved.then((failed) => (failed === undefined ? "index cache written" : `index cache not written: ${failed}`)),
  );
  return { ...done, cache: "writing the index cache" };
}
