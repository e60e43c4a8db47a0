import type { CacheFiles } from "../../src/runtime/index_cache.ts";
import { readerOf } from "./read_bytes.ts";

/** Files in memory: what the index cache wrote, by path; `times`: modification times other than now. */
export function memoryFiles(): CacheFiles & { written: Map<string, Uint8Array>; times: Map<string, number> } {
  const written = new Map<string, Uint8Array>();
  const times = new Map<string, number>();
  return {
    written,
    times,
    pid: 7,
    realpath: (path) => path,
    open(path) {
      const bytes = written.get(path);
      if (bytes === undefined) throw new Error(`ENOENT ${path}`);
      return { size: bytes.length, read: readerOf(bytes), close() {} };
    },
    write(path, pieces) {
      if (written.has(path)) return Promise.reject(new Error(`EEXIST ${path}`));
      const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
      pieces.reduce((at, piece) => (bytes.set(piece, at), at + piece.length), 0);
      written.set(path, bytes);
      return Promise.resolve();
    },
    makeDir() {},
    rename(from, to) {
      written.set(to, written.get(from)!);
      written.delete(from);
    },
    remove: (path) => void written.delete(path),
    list: (dir) =>
      [...written].map(([path, bytes]) => ({
        name: path.slice(dir.length + 1),
        at: times.get(path) ?? Date.now(),
        bytes: bytes.length,
      })),
  };
}
