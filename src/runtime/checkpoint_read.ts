import { cannotReadError, ExechistError, streamReadError } from "../errors.ts";
import type { ListedFile, ListedKind, ReadFileOptions } from "../io.ts";
import { notRegularReason, tooLargeReason } from "../state/checkpoint_file.ts";
import { fs, path } from "./node_builtins.ts";

/** What a `stat` of a file below a directory says it is. */
interface StatKind {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}

function kindOf(stat: StatKind): ListedKind {
  return stat.isFile()
    ? "file"
    : stat.isDirectory()
    ? "directory"
    : stat.isFIFO()
    ? "named pipe"
    : stat.isSocket()
    ? "socket"
    : "device";
}

/** The error for a checkpoint past the limit. */
export function tooLargeError(file: string, maxBytes: number): ExechistError {
  return new ExechistError("input", `Cannot read "${file}": ${tooLargeReason(maxBytes)}`);
}

/** The error for a file below a directory that is not a regular file. */
export function notRegularError(file: string, kind: Exclude<ListedKind, "file">): ExechistError {
  return new ExechistError("input", `Cannot read "${file}": ${notRegularReason(kind)}`);
}

/**
 * Reads a stream until it ends, chunk by chunk (`readChunk` gives the bytes read, 0 at the
 * end), refusing it as soon as it passes `maxBytes`: `/dev/zero` never ends.
 */
export function readStreamWithin(
  readChunk: (target: Uint8Array) => number,
  file: string,
  maxBytes: number,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = new Uint8Array(Math.min(1 << 20, maxBytes - total + 1));
    const n = readChunk(chunk);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLargeError(file, maxBytes);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  for (let k = 0, at = 0; k < chunks.length; at += chunks[k++]!.length) out.set(chunks[k]!, at);
  return out;
}

/** {@link Io.readFile} on Node's `fs` (NodeIo's; a checkpoint). */
export function readCheckpointBytes(file: string, options: ReadFileOptions): Uint8Array {
  const { O_RDONLY, O_NONBLOCK } = fs().constants;
  let fd: number;
  try {
    // Non-blocking for a file found below a directory: opening a named pipe would wait for a writer.
    fd = fs().openSync(file, options.regularOnly ? O_RDONLY | (O_NONBLOCK ?? 0) : "r");
  } catch (error) {
    throw cannotReadError(file, error);
  }
  try {
    const stat = fs().fstatSync(fd);
    const kind = kindOf(stat);
    if (kind === "directory") throw new ExechistError("input", `Cannot read "${file}": it is a directory`);
    if (kind !== "file") {
      if (options.regularOnly) throw notRegularError(file, kind);
      return readStreamWithin((target) => readChunk(fd, target, file), file, options.maxBytes);
    }
    if (stat.size > options.maxBytes) throw tooLargeError(file, options.maxBytes);
    const bytes = fs().readFileSync(fd);
    if (bytes.length > options.maxBytes) throw tooLargeError(file, options.maxBytes); // it grew
    return bytes;
  } catch (error) {
    if (error instanceof ExechistError) throw error;
    throw cannotReadError(file, error);
  } finally {
    fs().closeSync(fd);
  }
}

function readChunk(fd: number, target: Uint8Array, file: string): number {
  for (;;) {
    try {
      return fs().readSync(fd, target, 0, target.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EOF") return 0;
      throw streamReadError(`"${file}"`, error);
    }
  }
}

/**
 * {@link Io.listFiles} on Node's `fs`: every file below `dir` whose name ends with
 * `suffix`, with what it is through symbolic links (a link to a directory is not walked;
 * one that cannot be looked at is a "file", whose reading then says why).
 */
export function listFilesBelow(dir: string, suffix: string): ListedFile[] {
  const out: ListedFile[] = [];
  const walk = (d: string): void => {
    for (const entry of fs().readdirSync(d, { withFileTypes: true })) {
      const full = path().join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) out.push({ path: full, kind: entry.isFile() ? "file" : statKind(full) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function statKind(file: string): ListedKind {
  try {
    return kindOf(fs().statSync(file));
  } catch {
    return "file";
  }
}
