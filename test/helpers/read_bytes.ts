import { ExecutionRegistry } from "../../src/index/registry.ts";
import { LogReader, type ReadOptions } from "../../src/read/read_log.ts";

/** A registry read from in-memory inputs, each `[name, text or bytes]`. */
export function registryOf(inputs: Array<[string, string | Uint8Array]>, options: ReadOptions = {}): ExecutionRegistry {
  const reader = new LogReader(options);
  for (const [name, data] of inputs) {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    reader.read({
      name,
      read: (target, offset, length, position) => {
        const n = Math.max(0, Math.min(length, bytes.length - position));
        target.set(bytes.subarray(position, position + n), offset);
        return n;
      },
    });
  }
  return new ExecutionRegistry(reader);
}
