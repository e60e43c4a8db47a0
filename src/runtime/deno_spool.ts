import { ExechistError, streamReadError, temporaryFileError, temporaryFileWriteError } from "../errors.ts";
import type { DenoFile, DenoOpenOptions } from "./deno_files.ts";

/** The signals that end a command early (Ctrl-C, `kill`), and the exit status each gives, as a shell reports it. */
const SIGNALS = [["SIGINT", 130], ["SIGTERM", 143]] as const;
type Signal = (typeof SIGNALS)[number][0];

/** What of Deno's own API spooling uses (its files: deno_files.ts). */
export interface DenoSpoolApi {
  /** Deno.stdin, or a pipe opened by path: read asynchronously while spooling (so signals are heard), else at once. */
  stdin: { read(target: Uint8Array): Promise<number | null>; readSync(target: Uint8Array): number | null };
  makeTempDirSync(options: { prefix: string }): string;
  openSync(path: string, options: DenoOpenOptions): DenoFile;
  removeSync(path: string): void;
  addSignalListener(signal: Signal, handler: () => void): void;
  removeSignalListener(signal: Signal, handler: () => void): void;
  exit(code: number): never;
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
 * Copies standard input (or `input`, a stream `name` names) to a file in a temporary directory of its own, so that it can be
 * read again by position, and by worker threads through its path while it is linked
 * (Deno's API gives no descriptor number to reopen an unlinked file from another thread).
 * While it is linked, Ctrl-C (SIGINT) or SIGTERM removes it before the process ends (with
 * 130 or 143, as a shell reports those signals): a full copy of the input is never left
 * behind. Standard input is read asynchronously so that those signals are heard while it
 * is copied (a blocking read would hold them until the input ends).
 */
export async function spoolStdin(
  deno: DenoSpoolApi,
  tmpdir: string,
  input: DenoSpoolApi["stdin"] = deno.stdin,
  name = "<stdin>",
): Promise<Spool> {
  let dir: string;
  let handle: DenoFile;
  try {
    dir = deno.makeTempDirSync({ prefix: "exechist-" });
  } catch (error) {
    throw temporaryFileError(tmpdir, name, error);
  }
  const path = `${dir}/spool`;
  let linked = true;
  const remove = (): void => {
    for (const gone of [path, dir]) {
      try {
        deno.removeSync(gone);
      } catch {
        // already gone
      }
    }
  };
  const release = guardSignals(deno, remove);
  const unlink = (): void => {
    if (!linked) return;
    linked = false;
    remove();
    release();
  };
  try {
    handle = deno.openSync(path, { read: true, write: true, create: true });
  } catch (error) {
    unlink();
    throw temporaryFileError(tmpdir, name, error);
  }
  const buffer = new Uint8Array(1 << 20);
  let size = 0;
  try {
    for (let n; (n = await readStream(input, name, buffer)) !== null;) {
      for (let done = 0; done < n;) done += handle.writeSync(buffer.subarray(done, n));
      size += n;
    }
  } catch (error) {
    handle.close();
    unlink();
    throw error instanceof ExechistError ? error : temporaryFileWriteError(tmpdir, name, error);
  }
  return { handle, size, path, unlink };
}

/**
 * Until the returned function is called, SIGINT and SIGTERM run `cleanUp` and end the
 * process with the status a shell gives for them. Where the system cannot listen for a
 * signal (SIGTERM on Windows), that one keeps its default.
 */
function guardSignals(deno: DenoSpoolApi, cleanUp: () => void): () => void {
  const listening: Array<[Signal, () => void]> = [];
  for (const [signal, status] of SIGNALS) {
    const handler = (): void => {
      cleanUp();
      deno.exit(status);
    };
    try {
      deno.addSignalListener(signal, handler);
      listening.push([signal, handler]);
    } catch {
      // not on this system
    }
  }
  return () => {
    for (const [signal, handler] of listening.splice(0)) deno.removeSignalListener(signal, handler);
  };
}

async function readStream(input: DenoSpoolApi["stdin"], name: string, buffer: Uint8Array): Promise<number | null> {
  try {
    return await input.read(buffer);
  } catch (error) {
    throw streamReadError(name, error);
  }
}
