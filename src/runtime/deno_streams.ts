import { LineCutter } from "../read/line_limit.ts";
import type { DenoSpoolApi } from "./deno_spool.ts";

/** Streams on Deno: standard input by its paths, a stream read whole, a stream with long lines cut short. */

/** A stream Deno reads: standard input, a pipe or FIFO opened by path. */
export type DenoStream = DenoSpoolApi["stdin"];

/** Paths that name standard input. */
export const STDIN_PATHS: readonly string[] = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"];

/** `input` with lines longer than `max` cut short (see {@link LineCutter}). */
export function cuttingLines(input: DenoStream, max: number): DenoStream {
  const cutter = new LineCutter(max);
  return {
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

/** The rest of a stream (a pipe, a FIFO), read until it ends. */
export function readToEnd(stream: DenoStream): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const chunk = new Uint8Array(1 << 16);
    const n = stream.readSync(chunk);
    if (n === null) break;
    chunks.push(chunk.subarray(0, n));
  }
  const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
