import {
  BrokenPipe,
  cannotReadError,
  ExechistError,
  outputError,
  streamReadError,
  temporaryFileError,
  temporaryFileWriteError,
} from "../errors.ts";
import type { Io, ListedFile, OnlyIndex, PathKind, ReadFileOptions, ReadReport } from "../io.ts";
import { LineCutter, maxLineBytes } from "../read/line_limit.ts";
import type { ByteReader, LogReader, LogSource } from "../ingest/log_reader.ts";
import { nodeCacheFiles } from "./cache_files.ts";
import { listFilesBelow, readCheckpointBytes } from "./checkpoint_read.ts";
import { readThroughCache } from "./cached_read.ts";
import type { FileFacts } from "./index_cache.ts";
import { BufferedOutput } from "./buffered_output.ts";
import { localOffsetMinutes } from "./local_zone.ts";
import { fs, os, path, streamPromises, tty, zlib } from "./node_builtins.ts";
import { OpenFiles } from "./open_files.ts";
import { parallelOptions, readParallel } from "./parallel_read.ts";
import { loadPicocolors } from "./picocolors.ts";
import type picocolors from "picocolors";

/** Buffered synchronous writes to a file descriptor; EPIPE becomes {@link BrokenPipe}, other failures an output error. */
export class FdOutput extends BufferedOutput {
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  private readonly fd: number;

  constructor(fd: number) {
    super();
    this.fd = fd;
    this.isTTY = tty().isatty(fd);
    this.columns = this.isTTY ? terminalColumns(fd) : undefined;
  }

  protected writeOut(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      try {
        done += fs().writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue;
        if (code === "EPIPE") throw new BrokenPipe("broken pipe");
        throw outputError(this.fd === 2 ? "standard error" : "standard output", error);
      }
    }
  }
}

function terminalColumns(fd: number): number | undefined {
  try {
    const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : undefined;
    return stream?.columns || undefined;
  } catch {
    return undefined;
  }
}

/** What the index cache's stamp needs of a Node `Stats`. */
function factsOf(
  stat: { isFile(): boolean; size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number },
): FileFacts {
  return {
    isFile: stat.isFile(),
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    ctimeMs: stat.ctimeMs,
    ino: stat.ino,
    dev: stat.dev,
  };
}

/** Reads of an open descriptor by position. */
function readerOn(fd: number): ByteReader {
  return (target, offset, length, position) => fs().readSync(fd, target, offset, length, position);
}

/** Whether the input `read` reads from starts with gzip's magic bytes (NodeIo's and DenoIo's check). */
export function startsWithGzip(read: ByteReader): boolean {
  const head = new Uint8Array(2);
  return read(head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** A step of a stream pipeline that cuts lines longer than `max` short (see {@link LineCutter}). */
function cutLines(max: number): (chunks: AsyncIterable<Uint8Array>) => AsyncGenerator<Uint8Array> {
  const cutter = new LineCutter(max);
  return async function* (chunks) {
    for await (const chunk of chunks) yield chunk.subarray(0, cutter.cut(chunk, chunk.length));
  };
}

/** The real {@link Io}: files, standard streams and environment through `node:` modules. */
export class NodeIo implements Io {
  readonly stdout: FdOutput;
  readonly stderr: FdOutput;
  readonly stdinIsTTY: boolean;
  private readonly fds: number[] = [];
  /** Opened logs: descriptor, size, and the path a worker thread may open again (none when spooled). */
  private readonly opened = new Map<LogSource, { fd: number; size: number; path: string | undefined; id?: number }>();
  /** Log files by path, closed once read (see {@link OpenFiles}). */
  private readonly logs = new OpenFiles<number>({
    open: (path) => fs().openSync(path, "r"),
    close: (fd) => fs().closeSync(fd),
    identity: (fd) => {
      const stat = fs().fstatSync(fd);
      return `${stat.dev}:${stat.ino}`;
    },
  });
  private readonly entry: string | undefined;
  /** Index files being written, each to its note for --debug. */
  private readonly saving: Promise<string>[] = [];

  /** `entry`: the module worker threads run to read large logs (see `scanWorkerModule`); none: one thread. */
  constructor(entry?: string) {
    this.entry = entry;
    this.stdout = new FdOutput(1);
    this.stderr = new FdOutput(2);
    this.stdinIsTTY = tty().isatty(0);
  }

  env(name: string): string | undefined {
    return process.env[name];
  }

  now(): number {
    return Date.now();
  }

  utcOffsetMinutes(epochMs: number): number {
    return localOffsetMinutes(epochMs);
  }

  /** As {@link Io.openLog}; `name`: what messages call it (DenoIo hands over a spooled standard input so). */
  async openLog(file: string, name = file === "-" ? "<stdin>" : file): Promise<LogSource> {
    let fd = file === "-" ? this.spool(0, name) : this.open(file);
    let path: string | undefined = file === "-" ? undefined : file;
    if (path !== undefined && !fs().fstatSync(fd).isFile()) {
      // A pipe, a FIFO, a device: read once, as standard input is, into a file that can be read by position.
      const stream = fd;
      fd = this.spool(stream, `"${file}"`);
      this.close(stream);
      path = undefined;
    }
    if (startsWithGzip(readerOn(fd))) {
      const packed = fd;
      fd = await this.gunzip(packed, name);
      this.close(packed);
      path = undefined;
    }
    const size = fs().fstatSync(fd).size;
    if (path === undefined) {
      // A temporary copy: it has no path to be opened again by, so it stays open.
      const source = { name, read: readerOn(fd), size };
      this.opened.set(source, { fd, size, path });
      return source;
    }
    this.fds.splice(this.fds.indexOf(fd), 1);
    const id = this.logs.add(path, fd);
    const read: ByteReader = (target, offset, length, position) => {
      const handle = this.logs.get(id);
      return handle === undefined ? 0 : fs().readSync(handle, target, offset, length, position);
    };
    const source = { name, read, size };
    this.opened.set(source, { fd, size, path, id });
    return source;
  }

  async readLog(reader: LogReader, source: LogSource, only?: OnlyIndex): Promise<ReadReport> {
    const file = this.opened.get(source);
    if (file === undefined) {
      reader.read(source);
      return { threads: 1, fellBack: 0 };
    }
    const env = (name: string) => this.env(name);
    const { id, path, size } = file;
    const fd = id === undefined ? file.fd : this.logs.get(id) ?? file.fd;
    const log = path === undefined
      ? undefined
      : { path, size, read: source.read, facts: () => factsOf(fs().fstatSync(fd)) };
    const access = { env, files: nodeCacheFiles, saving: this.saving };
    return await readThroughCache(reader, source, log, only, access, () => {
      const cores = typeof os().availableParallelism === "function" ? os().availableParallelism() : os().cpus().length;
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      return readParallel(reader, source, { fd, size, path }, parallelOptions(env, cores, this.entry, nextTurn));
    });
  }

  loadPicocolors(): Promise<typeof picocolors> {
    return loadPicocolors(false);
  }

  readFile(file: string, options: ReadFileOptions): Uint8Array {
    return readCheckpointBytes(file, options);
  }

  pathKind(file: string): PathKind {
    try {
      return fs().statSync(file).isDirectory() ? "directory" : "file";
    } catch {
      return "missing";
    }
  }

  listFiles(dir: string, suffix: string): ListedFile[] {
    return listFilesBelow(dir, suffix);
  }

  async finish(): Promise<string[]> {
    const notes = await Promise.all(this.saving.splice(0));
    this.logs.closeAll();
    for (const fd of this.fds.splice(0)) {
      try {
        fs().closeSync(fd);
      } catch {
        // already closed
      }
    }
    return notes;
  }

  private open(file: string): number {
    let fd: number;
    try {
      fd = fs().openSync(file, "r");
      if (fs().fstatSync(fd).isDirectory()) {
        fs().closeSync(fd);
        throw new ExechistError("input", `Cannot read "${file}": it is a directory`);
      }
    } catch (error) {
      if (error instanceof ExechistError) throw error;
      throw cannotReadError(file, error);
    }
    this.fds.push(fd);
    return fd;
  }

  /** Closes a descriptor this opened. */
  private close(fd: number): void {
    this.fds.splice(this.fds.indexOf(fd), 1);
    fs().closeSync(fd);
  }

  /** A temporary file that is unlinked at once: it vanishes with the process, whatever happens. */
  private tempFile(purpose: string): number {
    const base = os().tmpdir();
    try {
      const dir = fs().mkdtempSync(path().join(base, "exechist-"));
      const file = path().join(dir, "spool");
      const fd = fs().openSync(file, "w+");
      fs().unlinkSync(file);
      fs().rmdirSync(dir);
      this.fds.push(fd);
      return fd;
    } catch (error) {
      throw temporaryFileError(base, purpose, error);
    }
  }

  /** Copies a stream (standard input) to a temporary file, so it can be read again by offset. */
  private spool(input: number, name: string): number {
    const fd = this.tempFile(name);
    const buffer = new Uint8Array(1 << 20);
    const cutter = new LineCutter(maxLineBytes((name) => this.env(name)));
    let position = 0;
    for (;;) {
      let n: number;
      try {
        n = fs().readSync(input, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue;
        if (code === "EOF") break;
        throw streamReadError(name, error);
      }
      if (n === 0) break;
      const kept = cutter.cut(buffer, n);
      try {
        for (let done = 0; done < kept;) done += fs().writeSync(fd, buffer, done, kept - done, position + done);
      } catch (error) {
        throw temporaryFileWriteError(os().tmpdir(), name, error);
      }
      position += kept;
    }
    return fd;
  }

  /** Decompresses a gzip input into a temporary file as a stream: memory stays flat. */
  private async gunzip(source: number, name: string): Promise<number> {
    const purpose = `the decompressed "${name}"`;
    const fd = this.tempFile(purpose);
    const gunzip = zlib().createGunzip();
    const spool = fs().createWriteStream("", { fd, autoClose: false, start: 0 });
    // The pipeline hands the first error to every stream: which one failed first tells a
    // full temporary directory from damaged gzip data.
    let failedFirst: "gunzip" | "spool" | undefined;
    gunzip.once("error", () => failedFirst ??= "gunzip");
    spool.once("error", () => failedFirst ??= "spool");
    try {
      await streamPromises().pipeline(
        fs().createReadStream("", { fd: source, autoClose: false, start: 0 }),
        gunzip,
        cutLines(maxLineBytes((name) => this.env(name))),
        spool,
      );
    } catch (error) {
      if (failedFirst === "spool") throw temporaryFileWriteError(os().tmpdir(), purpose, error);
      const why = (error as Error).message || String(error);
      throw new ExechistError("input", `Cannot read "${name}": gzip data is damaged (${why})`);
    }
    return fd;
  }
}
