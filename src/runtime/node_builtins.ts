import type * as Fs from "node:fs";
import type * as Os from "node:os";
import type * as Path from "node:path";
import type * as StreamPromises from "node:stream/promises";
import type * as Tty from "node:tty";
import type * as Url from "node:url";
import type * as WorkerThreads from "node:worker_threads";
import type * as Zlib from "node:zlib";

/**
 * Node's built-in modules, each loaded when first used (`process.getBuiltinModule`:
 * Node 20.16+, Bun and Deno). No `node:` module is imported statically anywhere in the
 * program: the bundle would hoist the import to its top, and on Deno the first `node:`
 * module (or `process`) starts its whole Node layer, ~45 ms before any command runs.
 * On Deno the program uses Deno's own APIs (deno_io.ts) and comes here only for what
 * they do not cover (gzip, directories of checkpoints).
 */
interface Builtins {
  "node:fs": typeof Fs;
  "node:os": typeof Os;
  "node:path": typeof Path;
  "node:stream/promises": typeof StreamPromises;
  "node:tty": typeof Tty;
  "node:url": typeof Url;
  "node:worker_threads": typeof WorkerThreads;
  "node:zlib": typeof Zlib;
}

const loaded = new Map<keyof Builtins, unknown>();

/** The built-in module `id`, loaded on first use. */
function builtin<K extends keyof Builtins>(id: K): Builtins[K] {
  let module = loaded.get(id);
  if (module === undefined) {
    const process = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
    if (process?.getBuiltinModule === undefined) throw new Error(`${id} is not available in this runtime`);
    module = process.getBuiltinModule(id);
    loaded.set(id, module);
  }
  return module as Builtins[K];
}

export const fs = () => builtin("node:fs");
export const os = () => builtin("node:os");
export const path = () => builtin("node:path");
export const streamPromises = () => builtin("node:stream/promises");
export const tty = () => builtin("node:tty");
export const url = () => builtin("node:url");
export const workerThreads = () => builtin("node:worker_threads");
export const zlib = () => builtin("node:zlib");
