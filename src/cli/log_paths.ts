import { ExechistError } from "../errors.ts";
import type { Io } from "../io.ts";

/** The names of logs found in a directory. */
export const LOG_SUFFIXES = [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"] as const;

/**
 * The logs a list of paths names: a file (or `-`) as it is, a directory as every log
 * below it (by {@link LOG_SUFFIXES}), sorted by path. A directory without one is an error.
 */
export function expandLogPaths(paths: readonly string[], io: Pick<Io, "pathKind" | "listFiles">): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (path === "-" || io.pathKind(path) !== "directory") {
      out.push(path);
      continue;
    }
    const found = [...new Set(LOG_SUFFIXES.flatMap((suffix) => io.listFiles(path, suffix)))]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (found.length === 0) {
      throw new ExechistError(
        "input",
        `Cannot read "${path}": it is a directory with no ${LOG_SUFFIXES.join(", ")} log`,
      );
    }
    out.push(...found);
  }
  return out;
}
