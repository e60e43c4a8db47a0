import { LineCutter } from "../read/line_limit.ts";
import type { DenoSpoolApi } from "./deno_spool.ts";

/** Streams on Deno: standard input by its paths, a stream with long lines cut short. */

/** A stream Deno reads: standard input, a pipe or FIFO opened by path. */
export type DenoStream = DenoSpoolApi["stdin"];

/** Paths that name standard input. */
export const STDIN_PATHS: readonly string[] = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"];

/** `input` with lines longer than `max` cut short (see {@link LineCutter}). */
export function cuttingLines(input: DenoStream, max: number): DenoStream {
  const cutter = new LineCutter(max);
  return {
    async read(target: Uint8Array): Promise<number | null> {
      for (;;) {
        const n = await input.read(target);
        if (n === null) return null;
        const kept = cutter.cut(target, n);
        if (kept > 0) return kept;
      }
    },
    readSync(target: Uint8Array): number | null {
      for (;;) {
        const n = input.readSync(target);
        if (n === null) return null;
        const kept = cutter.cut(target, n);
        if (kept > 0) return kept;
      }
    },
  };
}
