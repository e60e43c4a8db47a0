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
    : stampOf(log!.read, log!.facts(), () => access.files.realpath(log!.path), reader.maxLineBytes);
  // An index read under one mapping of the fields is not another mapping's.
  if (stamp !== undefined && reader.fieldMap.fingerprint !== "") stamp.fields = reader.fieldMap.fingerprint;
  if (stamp === undefined) return await read();
  // The records of one index are picked only from a log read alone (its bad lines are then all its own).
  const alone = reader.builder.size === 0 && reader.diagnostics.badLineCount === 0 &&
    reader.diagnostics.hints.length === 0;
  let bad: string | undefined;
  if (only !== undefined && alone) {
    const found = loadIndexMatches(access.files, dir!, stamp, only.index, only.keep);
    if (found !== undefined && "found" in found) {
      reader.parts.adopt(source, found.found.log.part, found.found.log.hints);
      return { threads: 0, fellBack: 0, cache: "from the index cache", selected: found.found.selected };
    }
    bad = found?.bad;
  } else {
    const cached = loadIndex(access.files, dir!, stamp);
    if (cached !== undefined && "found" in cached) {
      reader.parts.adopt(source, cached.found.part, cached.found.hints);
      return { threads: 0, fellBack: 0, cache: "from the index cache" };
    }
    bad = cached?.bad;
  }
  // A cached index that does not check out is not used: the log is read, and its index written anew.
  const ignored = bad === undefined ? "" : `the cached index was ignored (${bad}); `;
  if (!alone) return bad === undefined ? await read() : { ...await read(), cache: ignored.slice(0, -2) };
  const done = await read();
  // A log that grew after it was opened is being written to: its index would be stale at
  // once, or worse, stamped with the grown size, pass for the grown log without its tail.
  // One cut short or rewritten meanwhile was read in part, or mixed: no index of it either.
  const after = log!.facts();
  const change = after.size > log!.size
    ? "grew"
    : after.size < log!.size
    ? "was truncated"
    : after.mtimeMs !== stamp.mtimeMs
    ? "changed"
    : undefined;
  if (change !== undefined) {
    return { ...done, cache: `${ignored}index cache not written: the log ${change} while it was read` };
  }
  const tighten = !env("EXECHIST_CACHE_DIR"); // exechist's own directory, not one the user named
  const indexed = { stamp, part: reader.parts.all(0), hints: reader.diagnostics.hints };
  access.saving.push(saveIndex(access.files, dir!, indexed, tighten));
  return { ...done, cache: `${ignored}writing the index cache` };
}
