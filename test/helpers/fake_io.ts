import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ExechistError } from "../../src/errors.ts";
import type { Io, ListedFile, Output, PathKind, ReadFileOptions, ReadReport } from "../../src/io.ts";
import { tooLargeError } from "../../src/runtime/checkpoint_read.ts";
import { main } from "../../src/cli/main.ts";
import type { LogReader, LogSource } from "../../src/ingest/log_reader.ts";
import { readerOf } from "./read_bytes.ts";
import type picocolors from "picocolors";

/** The repository root, for fixture paths. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A fixture's path relative to the repository root, as the tests pass it on a command line. */
export function fixture(...parts: string[]): string {
  return path.join("fixtures", ...parts);
}

class CaptureOutput implements Output {
  text = "";
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  constructor(isTTY: boolean, columns: number | undefined) {
    this.isTTY = isTTY;
    this.columns = columns;
  }
  write(text: string): void {
    this.text += text;
  }
  flush(): void {}
}

/** Options of {@link FakeIo}. */
export interface FakeIoOptions {
  /** In-memory files by path; paths not here are read from the repository (fixtures). */
  files?: Record<string, string | Uint8Array>;
  stdin?: string | Uint8Array;
  stdinIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  columns?: number;
  env?: Record<string, string>;
  /** Epoch ms that `now()` returns. */
  now?: number;
  /** Minutes east of UTC of the fake local zone (default 120: UTC+02:00). */
  utcOffset?: number;
}

/** An {@link Io} held in memory; reads real fixture files relative to the repository. */
export class FakeIo implements Io {
  readonly stdout: CaptureOutput;
  readonly stderr: CaptureOutput;
  readonly stdinIsTTY: boolean;
  private readonly files: Record<string, string | Uint8Array>;
  private readonly stdin: Uint8Array;
  private readonly envs: Record<string, string>;
  private readonly nowMs: number;
  private readonly utcOffset: number;

  constructor(options: FakeIoOptions = {}) {
    this.stdout = new CaptureOutput(options.stdoutIsTTY ?? false, options.columns);
    this.stderr = new CaptureOutput(false, undefined);
    this.stdinIsTTY = options.stdinIsTTY ?? options.stdin === undefined;
    this.files = options.files ?? {};
    this.stdin = bytes(options.stdin ?? "");
    this.envs = options.env ?? {};
    this.nowMs = options.now ?? Date.UTC(2025, 5, 2, 0, 0, 0);
    this.utcOffset = options.utcOffset ?? 120;
  }

  env(name: string): string | undefined {
    return this.envs[name];
  }

  now(): number {
    return this.nowMs;
  }

  utcOffsetMinutes(_epochMs: number): number {
    return this.utcOffset;
  }

  openLog(file: string): Promise<LogSource> {
    const data = file === "-" ? this.stdin : this.readFile(file);
    if (data[0] === 0x1f && data[1] === 0x8b) throw new Error("FakeIo does not gunzip: use the real NodeIo");
    return Promise.resolve({ name: file === "-" ? "<stdin>" : file, read: readerOf(data) });
  }

  readLog(reader: LogReader, source: LogSource): Promise<ReadReport> {
    reader.read(source);
    return Promise.resolve({ threads: 1, fellBack: 0 });
  }

  async loadPicocolors(): Promise<typeof picocolors> {
    return (await import("picocolors")).default;
  }

  readFile(file: string, options?: ReadFileOptions): Uint8Array {
    const own = this.files[file];
    let data: Uint8Array;
    if (own !== undefined) data = bytes(own);
    else {
      try {
        data = fs.readFileSync(path.join(ROOT, file));
      } catch {
        throw new ExechistError("input", `Cannot read "${file}": no such file`);
      }
    }
    if (options !== undefined && data.length > options.maxBytes) throw tooLargeError(file, options.maxBytes);
    return data;
  }

  pathKind(file: string): PathKind {
    if (this.files[file] !== undefined) return "file";
    if (Object.keys(this.files).some((f) => f.startsWith(file.replace(/\/$/, "") + "/"))) return "directory";
    try {
      return fs.statSync(path.join(ROOT, file)).isDirectory() ? "directory" : "file";
    } catch {
      return "missing";
    }
  }

  listFiles(dir: string, suffix: string): ListedFile[] {
    const prefix = dir.replace(/\/$/, "") + "/";
    const own = Object.keys(this.files).filter((f) => f.startsWith(prefix) && f.endsWith(suffix));
    if (own.length > 0) return own.sort().map((file) => ({ path: file, kind: "file" }));
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const entry of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        const rel = path.join(d, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (entry.name.endsWith(suffix)) out.push(rel);
      }
    };
    walk(dir);
    return out.sort().map((file) => ({ path: file, kind: "file" }));
  }

  finish(): Promise<string[]> {
    return Promise.resolve([]);
  }
}

function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** What one in-process run of the CLI gave. */
export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with a {@link FakeIo}. */
export async function runCli(argv: string[], options: FakeIoOptions = {}): Promise<RunResult> {
  const io = new FakeIo(options);
  const status = await main(argv, io);
  return { status, stdout: io.stdout.text, stderr: io.stderr.text };
}
