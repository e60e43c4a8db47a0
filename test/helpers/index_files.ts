import { xxh32 } from "../../src/ingest/checksum.ts";
import type { KEYS } from "../../src/columns/columns.ts";
import { decodeIndex } from "../../src/ingest/part_codec.ts";

/** The index file with one column's bytes zeroed. */
export function withColumnZeroed(bytes: Uint8Array, key: (typeof KEYS)[number]): Uint8Array {
  const column = decodeIndex(bytes.slice()).part.columns[key];
  const out = bytes.slice();
  out.fill(0, column.byteOffset, column.byteOffset + column.byteLength);
  return out;
}

/** The index file with its header changed by `edit` and its checksum made to match: only the header's checks can tell. */
export function withHeader(bytes: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const length = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as Record<string, unknown>;
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pad8 = (n: number) => (n + 7) & ~7;
  const head = new Uint8Array(pad8(16 + json.length));
  head.set(bytes.subarray(0, 8));
  const out = new DataView(head.buffer);
  out.setUint32(8, json.length, true);
  head.set(json, 16);
  out.setUint32(12, xxh32(head.subarray(16), json.length), true);
  const columns = bytes.subarray(pad8(16 + length));
  const file = new Uint8Array(head.length + columns.length);
  file.set(head);
  file.set(columns, head.length);
  return file;
}
