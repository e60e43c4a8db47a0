import type { ByteReader } from "../../src/ingest/log_reader.ts";
import { generateLog } from "../gen/records.ts";

/** A generated log held in memory, with where each line starts and ends. */
export interface Sample {
  bytes: Uint8Array;
  /** Line i is `bytes[starts[i], ends[i])`; `bytes[ends[i]]` is its newline. */
  starts: Uint32Array;
  ends: Uint32Array;
  lines: number;
}

/** Generates `records` lines for `seed` and finds their bounds once. */
export function makeSample(records: number, seed: number): Sample {
  const bytes = new TextEncoder().encode(generateLog(records, seed));
  const starts = new Uint32Array(records);
  const ends = new Uint32Array(records);
  let start = 0;
  let n = 0;
  for (;;) {
    const nl = bytes.indexOf(10, start);
    if (nl < 0) break;
    starts[n] = start;
    ends[n] = nl;
    n++;
    start = nl + 1;
  }
  return { bytes, starts, ends, lines: n };
}

/** A {@link ByteReader} over bytes in memory: the reader's I/O taken out of the measure. */
export function memoryReader(bytes: Uint8Array): ByteReader {
  return (target, targetOffset, length, position) => {
    const n = Math.max(0, Math.min(length, bytes.length - position));
    target.set(bytes.subarray(position, position + n), targetOffset);
    return n;
  };
}
