import type { CacheFiles } from "./index_cache.ts";
import { fs } from "./node_builtins.ts";

/** The index cache's files through Node's `fs` (on Node and Bun; on Deno, see deno_io.ts). */
export const nodeCacheFiles: CacheFiles = {
  get pid() {
    return process.pid;
  },
  realpath: (path) => fs().realpathSync(path),
  open(path) {
    const fd = fs().openSync(path, "r");
    try {
      return {
        size: fs().fstatSync(fd).size,
        read: (target, offset, length, position) => fs().readSync(fd, target, offset, length, position),
        close: () => fs().closeSync(fd),
      };
    } catch (error) {
      fs().closeSync(fd);
      throw error;
    }
  },
  async write(path, pieces) {
    // Created here and now, owner only: an existing file or link there (a trap) makes this fail.
    const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs().constants;
    const fd = fs().openSync(path, O_WRONLY | O_CREAT | O_EXCL | (O_NOFOLLOW ?? 0), 0o600);
    try {
      await writeAll((rest, position, done) => fs().writev(fd, rest, position, done), pieces);
    } finally {
      fs().closeSync(fd);
    }
  },
  makeDir(dir, tighten) {
    fs().mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (tighten && (fs().statSync(dir).mode & 0o077) !== 0) fs().chmodSync(dir, 0o700);
  },
  rename: (from, to) => fs().renameSync(from, to),
  remove: (path) => fs().rmSync(path, { force: true }),
  list: (dir) =>
    fs().readdirSync(dir).map((name) => {
      const stat = fs().lstatSync(`${dir}/${name}`);
      return { name, at: stat.mtimeMs, bytes: stat.size };
    }),
};

/** A `writev` in Node's callback form: some or all of `pieces` at `position`, then the bytes written. */
export type WriteV = (
  pieces: Uint8Array[],
  position: number,
  done: (error: Error | null, written: number) => void,
) => void;

/**
 * Writes `pieces` one after another from the start of a file, `writev` after `writev`
 * (each on a thread of the runtime's pool) until all are written.
 */
export function writeAll(writev: WriteV, pieces: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let position = 0;
    const next = (rest: Uint8Array[]): void => {
      if (rest.length === 0) return resolve();
      writev(rest, position, (error, written) => {
        if (error) return reject(error);
        if (written <= 0) return reject(new Error("nothing written"));
        position += written;
        let skip = written;
        while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
        if (skip > 0) rest[0] = rest[0]!.subarray(skip);
        next(rest);
      });
    };
    next(pieces.filter((piece) => piece.length > 0));
  });
}
