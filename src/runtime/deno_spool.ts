import { ExechistError, streamReadError, temporaryFileError, temporaryFileWriteError } from "../errors.ts";
import type { DenoFile, DenoOpenOptions } from "./deno_files.ts";

/** What of Deno's own API spooling uses (its files: deno_files.ts). */
export interface DenoSpoolApi {
  stdin: { readSync(target: Uint8Array): number | null };
  makeTempDirSync(options: { prefix: string }): string;
  openSync(path: string, options: DenoOpenOptions): DenoFile;
  removeSync(path: string): void;
}

/** Standard input copied to a temporary file: its handle, size and path (while it has one). */
export interface Spool {
  handle: DenoFile;
  size: number;
  path: string;
  /** Unlinks the file and its directory (the handle still reads it); once is enough. */
  unlink(): void;
}

/**
 * Copies standard input to a file in a temporary directory of its own, so that it can be
 * read again by position, and by worker threads through its path while it is linked
 * (Deno's API gives no descriptor number to reopen an unlinked file from another thread).
 */
export function spoolStdin(deno: DenoSpoolApi, tmpdir: string): Spool {
  let dir: string;
  let handle: DenoFile;
  try {
    dir = deno.makeTempDirSync({ prefix: "exechist-" });
    handle = deno.openSync(`${dir}/spool`, { read: true, write: true, create: true });
  } catch (error) {
    throw temporaryFileError(tmpdir, "<stdin>", error);
  }
  const path = `${dir}/spool`;
  let linked = true;
  const unlink = (): void => {
    if (!linked) return;
    linked = false;
    for (const gone of [path, dir]) {
      try {
        deno.removeSync(gone);
      } catch {
        // already gone
      }
    }
  };
  const buffer = new Uint8Array(1 << 20);
  let size = 0;
  try {
    for (let n; (n = readStdin(deno, buffer)) !== null;) {
      for (let done = 0; done < n;) done += handle.writeSync(buffer.subarray(done, n));
      size += n;
    }
  } catch (error) {
    handle.close();
    unlink();
    throw error instanceof ExechistError ? error : temporaryFileWriteError(tmpdir, "<stdin>", error);
  }
  return { handle, size, path, unlink };
}

function readStdin(deno: DenoSpoolApi, buffer: Uint8Array): number | null {
  try {
    return deno.stdin.readSync(buffer);
  } catch (error) {
    throw streamReadError("<stdin>", error);
  }
}
