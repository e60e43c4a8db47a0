import { RecordScanner } from "../../src/read/scanner.ts";

/**
 * Runs `body` with the size of every batch the scanner stages pushed to `sizes`
 * (RecordScanner.scanBatch spied on), and puts the method back after.
 */
export function countingBatches<T>(body: (sizes: number[]) => T): T {
  const sizes: number[] = [];
  const original = RecordScanner.prototype.scanBatch;
  RecordScanner.prototype.scanBatch = function (...args) {
    const n = original.apply(this, args);
    sizes.push(n);
    return n;
  };
  try {
    return body(sizes);
  } finally {
    RecordScanner.prototype.scanBatch = original;
  }
}
