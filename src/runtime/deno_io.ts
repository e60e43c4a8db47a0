import { BrokenPipe, cannotReadError, ExechistError, outputError } from "../errors.ts";
import type { Io, OnlyIndex, Output, PathKind, ReadReport } from "../io.ts";
import type { LogReader, LogSource } from "../ingest/log_reader.ts";
import { BufferedOutput } from "./buffered_output.ts";
import { localOffsetMinutes } from "./local_zone.ts";
import { readThroughCache } from "./cached_read.ts";
import { type DenoCacheApi, denoCacheFiles, denoFacts } from "./deno_cache_files.ts";
import { type DenoFile, readAt } from "./deno_files.ts";
import { type DenoSpoolApi, type Spool, spoolStdin } from "./deno_spool.ts";
import { NodeIo, startsWithGzip } from "./node_io.ts";
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

  protected writeOut(text: string): void {
    const bytes = new TextEncoder().encode(text);
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
  /** Logs opened here (the others went to NodeIo): size and path (for the worker threads), and whether the index cache may keep them. */
  private readonly opened = new Map<LogSource, { size: number; path: string; handle: DenoFile; cacheable: boolean }>();
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
    if (file === "-") return await this.openStdin();
    const handle = this.open(file);
    if (isGzip(handle)) {
      this.release(handle);
      return await this.node.openLog(file);
    }
    return this.source(file, handle, handle.statSync().size, file, true);
  }

  /**
   * Standard input, spooled to a temporary file: unlinked at once unless it is large
   * enough for worker threads, which open it by its path (then unlinked by `finish`);
   * gzip goes to NodeIo, which decompresses it.
   */
  private async openStdin(): Promise<LogSource> {
    const env = (name: string) => this.env(name);
    const spool = spoolStdin(this.deno, (env("TMPDIR") || "/tmp").replace(/(.)\/+$/, "$1"));
    this.spools.push(spool);
    const { handle } = spool;
    this.files.push(handle);
    if (isGzip(handle)) {
      const source = await this.node.openLog(spool.path, "<stdin>");
      spool.unlink();
      return source;
    }
    if (spool.size < mib(env, "EXECHIST_PARALLEL_MIB", 32)) spool.unlink();
    return this.source("<stdin>", handle, spool.size, spool.path, false);
  }

  /** A log read here through `handle`; `path` for the worker threads, `cacheable` for the index cache. */
  private source(name: string, handle: DenoFile, size: number, path: string, cacheable: boolean): LogSource {
    const source: LogSource = {
      name,
      read: (target, offset, length, position) => readAt(handle, target, offset, length, position),
      size,
    };
    this.opened.set(source, { size, path, handle, cacheable });
    return source;
  }

  async readLog(reader: LogReader, source: LogSource, only?: OnlyIndex): Promise<ReadReport> {
    const file = this.opened.get(source);
    if (file === undefined) {
      return this.nodeIo !== undefined ? this.nodeIo.readLog(reader, source, only) : readAlone(reader, source);
    }
    const env = (name: string) => this.env(name);
    const { handle, path, size } = file;
    const log = file.cacheable
      ? { path, size, read: source.read, facts: () => denoFacts(handle.statSync()) }
      : undefined;
    const access = {
      env,
      files: denoCacheFiles(this.deno),
      saving: this.saving,
      usable: (dir: string) => this.mayUse(dir),
    };
    return await readThroughCache(reader, source, log, only, access, () => {
      const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ??
        1;
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

  readFile(file: string): Uint8Array {
    const handle = this.open(file);
    try {
      const out = new Uint8Array(handle.statSync().size);
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
    try {
      return this.deno.statSync(file).isDirectory ? "directory" : "file";
    } catch {
      return "missing";
    }
  }

  listFiles(dir: string, suffix: string): string[] {
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
