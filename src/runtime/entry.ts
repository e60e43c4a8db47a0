import * as fs from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * True when the module at `moduleUrl` is the program being run, not an import.
 * Node 20 has no `import.meta.main`, so compare the script path with the module path
 * (links resolved): this holds on Node, Bun and Deno, for the source and the bundle.
 */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script || !moduleUrl.startsWith("file:")) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(moduleUrl));
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
  return process.argv.slice(2);
}

/** Sets the exit status; the process ends on its own once output is flushed. */
export function setExitStatus(status: number): void {
  process.exitCode = status;
}
