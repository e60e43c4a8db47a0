import { BrokenPipe, cannotReadError, ExechistError, outputError } from "../errors.ts";
import type { Io, ListedFile, OnlyIndex, Output, PathKind, ReadFileOptions, ReadReport } from "../io.ts";
import { maxLineBytes } from "../read/line_limit.ts";
import type { LogReader, LogSource } from "../ingest/log_reader.ts";
import { BufferedOutput } from "./buffered_output.ts";
import { localOffsetMinutes } from "./local_zone.ts";
import { readThroughCache } from "./cached_read.ts";
import { type DenoCacheApi, denoCacheFiles, denoFacts } from "./deno_cache_files.ts";
import { notRegularError, readStreamWithin, tooLargeError } from "./checkpoint_read.ts";
import { type DenoFile, type DenoFileInfo, readAt } from "./deno_files.ts";
import { type DenoSpoolApi, type Spool, spoolStdin } from "./deno_spool.ts";
import { cuttingLines, STDIN_PATHS } from "./deno_streams.ts";
import { NodeIo, startsWithGzip } from "./node_io.ts";
import { OpenFiles } from "./open_files.ts";
import { mib, parallelOptions, readParallel } from "./parallel_read.ts";
import { loadPicocolors } from "./picocolors.ts";
import type picocolors from "picocolors";

/** What of Deno's own API this module uses (declared here: the project type-checks without Deno's types too; files: deno_files.ts). */
interface DenoStream {
  writeSync?(bytes: Uint8Array): number;
  isTerminal(): boolean;
}
interface DenoApi extends DenoCacheApi, DenoSpoolApi {
  stdin: DenoStream & DenoSpoolApi["stdin"];
  stdout: DenoStream;
  stderr: DenoStream;
  env: { get(name: string): string | undefined };
  consoleSize(): { columns: number; rows: number };
  errors: { BrokenPipe: new () => Error; NotFound: new () => Error };
  permissions: {
    querySync(
      descriptor: { name: "read" | "write"; path: string } | { name: "env"; variable: string },
    ): { state: string };
  };
}

/** Buffered synchronous writes to standard output or error; a reader gone becomes {@link BrokenPipe}, other failures an output error. */
class DenoOutput extends BufferedOutput {
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  private readonly stream: DenoStream;
  private readonly name: string;
  private readonly brokenPipe: new () => Error;

  constructor(deno: DenoApi, stream: DenoStream, name: string) {
    super();
    this.stream = stream;
    this.name = name;
    this.brokenPipe = deno.errors.BrokenPipe;
    this.isTTY = stream.isTerminal();
    this.columns = this.isTTY ? terminalColumns(deno) : undefined;
  }

  protected writeOut(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length;) {
      try {
        done += this.stream.writeSync!(bytes.subarray(done));
      } catch (error) {
        if (error instanceof this.brokenPipe) throw new BrokenPipe("broken pipe");
        throw outputError(this.name, error);
      }
    }
  }
}

function terminalColumns(deno: DenoApi): number | undefined {
  try {
    return deno.consoleSize().columns || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real {@link Io} on Deno, on Deno's own APIs: the first `node:` module (or
 * `process`) makes Deno start its Node layer, ~45 ms, so logs that are plain files and
 * the standard streams (standard input spooled too) and the index cache go without it.
 * What Deno's API does not cover the same way is left to {@link NodeIo} on Deno's Node
 * layer, loaded only then: gzip, and directories of checkpoints.
 */
export class DenoIo implements Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdinIsTTY: boolean;
  private readonly deno: DenoApi;
  private readonly entry: string | undefined;
  private readonly files: DenoFile[] = [];
  /**
   * Logs opened here (the others went to NodeIo): size and path (for the worker threads),
   * and the number in {@link logs} of a log file (which the index cache may keep; a spool has none).
   */
  private readonly opened = new Map<LogSource, { size: number; path: string; handle: DenoFile; id?: number }>();
  /** Log files by path, closed once read (see {@link OpenFiles}). */
  private readonly logs: OpenFiles<DenoFile>;
  /** Standard input spooled, linked while worker threads may open it. */
  private readonly spools: Spool[] = [];
  /** Index files being written, each to its note for --debug. */
  private readonly saving: Promise<string>[] = [];
  private nodeIo: NodeIo | undefined;

  /** `entry`: the module worker threads run to read large logs; none: one thread. */
  constructor(entry?: string) {
    this.deno = (globalThis as unknown as { Deno: DenoApi }).Deno;
    this.entry = entry;
    this.stdout = new DenoOutput(this.deno, this.deno.stdout, "standard output");
    this.stderr = new DenoOutput(this.deno, this.deno.stderr, "standard error");
    this.stdinIsTTY = this.deno.stdin.isTerminal();
    const deno = this.deno;
    this.logs = new OpenFiles<DenoFile>({
      open: (path) => deno.openSync(path, { read: true }),
      close: (handle) => handle.close(),
      identity: (handle) => {
        const info = handle.statSync();
        return `${info.dev}:${info.ino}`;
      },
    });
  }

  /** The Node-layer {@link Io} for what this one leaves to it, made on first need. */
  private get node(): NodeIo {
    return (this.nodeIo ??= new NodeIo(this.entry));
  }

  /** A variable of the environment; unset where Deno may not read it (no --allow-env): every one is optional. */
  env(name: string): string | undefined {
    if (this.deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") return undefined;
    return this.deno.env.get(name);
  }

  now(): number {
    return Date.now();
  }

  utcOffsetMinutes(epochMs: number): number {
    return localOffsetMinutes(epochMs);
  }

  async openLog(file: string): Promise<LogSource> {
    if (file === "-") return await this.openStream(this.deno.stdin, "<stdin>");
    // Deno asks --allow-all of whoever opens standard input by a path: it is read as the stream it is.
    if (STDIN_PATHS.includes(file)) return await this.openStream(this.deno.stdin, file, `"${file}"`);
    const handle = this.open(file);
    if (!handle.statSync().isFile) {
      // A pipe, a FIFO, a device: read once, as standard input is, into a file that can be read by position.
      const source = await this.openStream(handle, file, `"${file}"`);
      this.release(handle);
      return source;
    }
    if (isGzip(handle)) {
      this.release(handle);
      return await this.node.openLog(file);
    }
    const size = handle.statSync().size;
    this.files.splice(this.files.indexOf(handle), 1);
    const id = this.logs.add(file, handle);
    const source: LogSource = {
      name: file,
      read: (target, offset, length, position) => {
        const now = this.logs.get(id);
        return now === undefined ? 0 : readAt(now, target, offset, length, position);
      },
      size,
    };
    this.opened.set(source, { size, path: file, handle, id });
    return source;
  }

  /**
   * A stream (standard input, a pipe given by path) spooled to a temporary file: unlinked
   * at once unless it is large enough for worker threads, which open it by its path (then
   * unlinked by `finish`); gzip goes to NodeIo, which decompresses it. `name`: what
   * messages call it; `quoted`: the same in a sentence.
   */
  private async openStream(input: DenoSpoolApi["stdin"], name: string, quoted = name): Promise<LogSource> {
    const env = (name: string) => this.env(name);
    const tmpdir = (env("TMPDIR") || "/tmp").replace(/(.)\/+$/, "$1");
    const spool = await spoolStdin(this.deno, tmpdir, cuttingLines(input, maxLineBytes(env)), quoted);
    this.spools.push(spool);
    const { handle } = spool;
    this.files.push(handle);
    if (isGzip(handle)) {
      const source = await this.node.openLog(spool.path, name);
      spool.unlink();
      return source;
    }
    if (spool.size < mib(env, "EXECHIST_PARALLEL_MIB", 32)) spool.unlink();
    const source: LogSource = {
      name,
      read: (target, offset, length, position) => readAt(handle, target, offset, length, position),
      size: spool.size,
    };
    this.opened.set(source, { size: spool.size, path: spool.path, handle });
    return source;
  }

  async readLog(reader: LogReader, source: LogSource, only?: OnlyIndex): Promise<ReadReport> {
    const file = this.opened.get(source);
    if (file === undefined) {
      return this.nodeIo !== undefined ? this.nodeIo.readLog(reader, source, only) : readAlone(reader, source);
    }
    const env = (name: string) => this.env(name);
    const { id, path, size } = file;
    const handle = id === undefined ? file.handle : this.logs.get(id) ?? file.handle;
    const log = id !== undefined
      ? { path, size, read: source.read, facts: () => denoFacts(handle.statSync()) }
      : undefined;
    const access = {
      env,
      files: denoCacheFiles(this.deno),
      saving: this.saving,
      usable: (dir: string) => this.mayUse(dir),
    };
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
    return await readThroughCache(reader, source, log, only, access, () => {
      return readParallel(reader, source, { fd: -1, size, path }, parallelOptions(env, cores, this.entry, nextTurn));
    });
  }

  /** Whether the cache directory may be read and written: asked, never prompted for (Deno would stop to ask on a terminal). */
  private mayUse(dir: string): boolean {
    const granted = (name: "read" | "write") =>
      this.deno.permissions.querySync({ name, path: dir }).state === "granted";
    return granted("read") && granted("write");
  }

  /** With `process` hidden from picocolors: reading `TERM` without `--allow-env` makes Deno prompt. */
  loadPicocolors(): Promise<typeof picocolors> {
    return loadPicocolors(true);
  }

  /** As NodeIo's (checkpoint_read.ts), on Deno's API; a file below a directory is looked at before it is opened (Deno cannot open without blocking). */
  readFile(file: string, options: ReadFileOptions): Uint8Array {
    if (options.regularOnly) {
      let info: DenoFileInfo;
      try {
        info = this.deno.statSync(file);
      } catch (error) {
        throw cannotReadError(file, error);
      }
      if (!info.isFile && !info.isDirectory) throw notRegularError(file, denoKind(info));
    }
    // Deno refuses to open these paths without --allow-all: standard input is read as itself.
    if (STDIN_PATHS.includes(file)) {
      return readStreamWithin((target) => this.deno.stdin.readSync(target) ?? 0, file, options.maxBytes);
    }
    const handle = this.open(file);
    try {
      const info = handle.statSync();
      if (!info.isFile) {
        if (options.regularOnly) throw notRegularError(file, denoKind(info));
        return readStreamWithin((target) => handle.readSync(target) ?? 0, file, options.maxBytes);
      }
      if (info.size > options.maxBytes) throw tooLargeError(file, options.maxBytes);
      const out = new Uint8Array(info.size);
      let filled = 0;
      for (let n; filled < out.length && (n = readAt(handle, out, filled, out.length - filled, filled)) > 0;) {
        filled += n;
      }
      return filled === out.length ? out : out.subarray(0, filled);
    } finally {
      this.release(handle);
    }
  }

  pathKind(file: string): PathKind {
    if (STDIN_PATHS.includes(file)) return "file";
    try {
      return this.deno.statSync(file).isDirectory ? "directory" : "file";
    } catch {
      return "missing";
    }
  }

  listFiles(dir: string, suffix: string): ListedFile[] {
    return this.node.listFiles(dir, suffix);
  }

  async finish(): Promise<string[]> {
    const notes = await Promise.all(this.saving.splice(0));
    for (const handle of this.files.splice(0)) {
      try {
        handle.close();
      } catch {
        // already closed
      }
    }
    for (const spool of this.spools.splice(0)) spool.unlink();
    this.logs.closeAll();
    return [...notes, ...((await this.nodeIo?.finish()) ?? [])];
  }

  /** Opens a file for reading, with the messages NodeIo gives for a missing file, a directory, no permission. */
  private open(file: string): DenoFile {
    let handle: DenoFile;
    try {
      handle = this.deno.openSync(file, { read: true });
    } catch (error) {
      throw cannotReadError(file, error);
    }
    if (handle.statSync().isDirectory) {
      handle.close();
      throw new ExechistError("input", `Cannot read "${file}": it is a directory`);
    }
    this.files.push(handle);
    return handle;
  }

  private release(handle: DenoFile): void {
    this.files.splice(this.files.indexOf(handle), 1);
    handle.close();
  }
}

/** What a file that is neither regular nor a directory is, by Deno's `FileInfo`. */
function denoKind(info: DenoFileInfo): "named pipe" | "socket" | "device" {
  return info.isFifo ? "named pipe" : info.isSocket ? "socket" : "device";
}

/** Whether the file starts with gzip's magic bytes. */
function isGzip(file: DenoFile): boolean {
  return startsWithGzip((target, offset, length, position) => readAt(file, target, offset, length, position));
}

function readAlone(reader: LogReader, source: LogSource): ReadReport {
  reader.read(source);
  return { threads: 1, fellBack: 0 };
}

/** A later turn of the event loop (a message to itself): Deno's `setImmediate` is part of its Node layer. */
function nextTurn(): Promise<unknown> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(undefined);
    };
    channel.port2.postMessage(0);
  });
}
