import type { Io } from "../io.ts";
import { DenoIo } from "./deno_io.ts";
import { fs, url } from "./node_builtins.ts";
import { NodeIo } from "./node_io.ts";

/** Deno's own API, where the program runs on Deno (see deno_io.ts). */
const deno = (globalThis as { Deno?: { args: string[]; exitCode: number } }).Deno;

/**
 * True when the module at `moduleUrl` is the program being run, not an import:
 * `import.meta.main` where the runtime has it (Bun, Deno; pass it as `main`), else —
 * Node 20 has none — the script path compared with the module path (links resolved).
 */
export function isMainModule(moduleUrl: string, main: boolean | undefined): boolean {
  if (typeof main === "boolean") return main;
  const script = (globalThis as { process?: { argv: string[] } }).process?.argv[1];
  if (!script || !moduleUrl.startsWith("file:")) return false;
  try {
    return fs().realpathSync(script) === fs().realpathSync(url().fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * The module worker threads run to read a large log, beside the program's module:
 * src/runtime/scan_worker.ts next to mod.ts, or dist/scan_worker.mjs next to the bundle.
 */
export function scanWorkerModule(moduleUrl: string): string {
  const beside = moduleUrl.endsWith(".ts") ? "./src/runtime/scan_worker.ts" : "./scan_worker.mjs";
  return new URL(beside, moduleUrl).href;
}

/** The command line after the program and script names. */
export function programArgs(): string[] {
  return deno !== undefined ? [...deno.args] : process.argv.slice(2);
}

/** Sets the exit status; the process ends on its own once output is flushed. */
export function setExitStatus(status: number): void {
  if (deno !== undefined) deno.exitCode = status;
  else process.exitCode = status;
}

/** The runtime's {@link Io}: Deno's own APIs on Deno, `node:` modules elsewhere. */
export function runtimeIo(workerModule: string): Io {
  return deno !== undefined ? new DenoIo(workerModule) : new NodeIo(workerModule);
}
