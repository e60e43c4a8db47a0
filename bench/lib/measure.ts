import { Buffer } from "node:buffer";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";

/** One finished run of a command: wall time, peak resident memory, and what it printed. */
export interface ProcessRun {
  wallMs: number;
  /** Peak resident set size in KiB, or NaN when it could not be read. */
  peakKiB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const POLL_MS = 5;

/** True when GNU time is there to report the peak RSS of a child (Debian: `apt-get install -y time`). */
export function hasGnuTime(): boolean {
  return spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
}

/**
 * Runs `command` once. The peak RSS comes from GNU time's `%M` (the child's ru_maxrss)
 * when it is installed, else from polling `VmHWM` in /proc while the process runs.
 */
export async function measureProcess(
  command: string,
  args: readonly string[],
  useGnuTime: boolean,
): Promise<ProcessRun> {
  return useGnuTime ? measureWithTime(command, args) : await measureByPolling(command, args);
}

function measureWithTime(command: string, args: readonly string[]): ProcessRun {
  const report = path.join(os.tmpdir(), `exechist-bench-time-${process.pid}.txt`);
  const started = performance.now();
  const child = spawnSync(GNU_TIME, ["-f", "%M", "-o", report, command, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const wallMs = performance.now() - started;
  let peakKiB = NaN;
  try {
    // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
    const lines = fs.readFileSync(report, "utf8").trim().split("\n");
    peakKiB = Number(lines[lines.length - 1]);
    fs.rmSync(report, { force: true });
  } catch {
    // no report: the figure stays NaN
  }
  return { wallMs, peakKiB, status: child.status, stdout: child.stdout ?? "", stderr: child.stderr ?? "" };
}

function measureByPolling(command: string, args: readonly string[]): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let peakKiB = NaN;
    const poll = (): void => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peakKiB = Math.max(Number.isNaN(peakKiB) ? 0 : peakKiB, Number(match[1]));
      } catch {
        // the process is gone
      }
    };
    const timer = setInterval(poll, POLL_MS);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("exit", () => poll());
    child.on("close", (status) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      resolve({
        wallMs,
        peakKiB,
        status,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
