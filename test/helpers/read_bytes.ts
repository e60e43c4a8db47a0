import { ExecutionRegistry } from "../../src/query/registry.ts";
import { type ByteReader, LogReader, type ReadOptions } from "../../src/ingest/log_reader.ts";

/** A registry read from in-memory inputs, each `[name, text or bytes]`. */
export function registryOf(inputs: Array<[string, string | Uint8Array]>, options: ReadOptions = {}): ExecutionRegistry {
  const reader = new LogReader(options);
  for (const [name, data] of inputs) {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    reader.read({ name, read: readerOf(bytes) });
  }
  return new ExecutionRegistry(reader);
}

/** The bytes' reader by position (a `LogSource`'s `read`). */
export function readerOf(data: Uint8Array): ByteReader {
  return (target: Uint8Array, offset: number, length: number, position: number): number => {
    const n = Math.max(0, Math.min(length, data.length - position));
    target.set(data.subarray(position, position + n), offset);
    return n;
  };
}
