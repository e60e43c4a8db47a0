import { ExechistError } from "../errors.ts";
import type { Io } from "../io.ts";
import { notRegularReason } from "../state/checkpoint_file.ts";

/** The names of logs found in a directory. */
export const LOG_SUFFIXES = [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"] as const;

/**
 * The logs a list of paths names: a file (or `-`) as it is, a directory as every regular
 * log file below it (by {@link LOG_SUFFIXES}), sorted by path. A named pipe, socket or
 * device below a directory is skipped unopened (opening a pipe waits for a writer), with a
 * line on stderr, as `state` does; a directory with no log is an error.
 */
export function expandLogPaths(
  paths: readonly string[],
  io: Pick<Io, "pathKind" | "listFiles" | "stderr">,
): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (path === "-" || io.pathKind(path) !== "directory") {
      out.push(path);
      continue;
    }
    const found = new Set<string>();
    for (const suffix of LOG_SUFFIXES) {
      for (const { path: file, kind } of io.listFiles(path, suffix)) {
        if (kind === "file") found.add(file);
        else io.stderr.write(`exechist: Cannot read "${file}": ${notRegularReason(kind)}\n`);
      }
    }
    if (found.size === 0) {
      throw new ExechistError(
        "input",
        `Cannot read "${path}": it is a directory with no ${LOG_SUFFIXES.join(", ")} log`,
      );
    }
    for (const file of [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.push(file);
  }
  return out;
}
