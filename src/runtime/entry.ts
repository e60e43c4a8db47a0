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

/** The command line after the program and script names. */
export function programArgs(): string[] {
  return process.argv.slice(2);
}

/** Sets the exit status; the process ends on its own once output is flushed. */
export function setExitStatus(status: number): void {
  process.exitCode = status;
}
