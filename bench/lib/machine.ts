import * as fs from "node:fs";
import * as os from "node:os";
import { versionOf } from "./tools.ts";

/** Facts about the machine and the tools, printed beside every set of figures. */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  /** The 1-minute load average when the facts were taken: other work on the machine skews every figure. */
  loadAverage: number;
  versions: Record<string, string>;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (match) return match[1]!.trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? "unknown";
}

/** The facts, with the versions of the given commands (`name` → [command, ...args]). */
export function machineFacts(commands: Record<string, string[]>): MachineFacts {
  const versions: Record<string, string> = {};
  for (const [name, [command, ...args]] of Object.entries(commands)) versions[name] = versionOf(command!, args);
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: cpuModel(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    versions,
  };
}
