import type { Output } from "../io.ts";
import { stringifyJson } from "../json/stringify.ts";
import { LineWindow } from "../query/line_window.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import { ByteSink } from "./byte_sink.ts";
import { csvRow, csvText } from "./csv.ts";
import { RecordBytes } from "./record_bytes.ts";
import { recordJson } from "./record_json.ts";
import type { LocalZone } from "./time.ts";

/** The machine formats of records: the items of the json document, ndjson lines, or csv rows (`fields` the columns). */
export type RecordItems = "json" | "ndjson" | "csv";

const decoder = new TextDecoder();

/**
 * Writes the records at `shown` as `summary` writes them in a machine format, as
 * `stringifyJson(recordJson(...))` (or its CSV row) would, byte for byte, but built in
 * one reusable byte buffer handed to `out` 64 KiB at a time, straight from each record's
 * line: no string per record, no string of the whole output. A record the fast writer
 * does not cover (see RecordBytes) is written the slow way, by the same functions as before.
 * The json document's head and tail are the caller's.
 */
export function writeRecordItems(
  out: Output,
  registry: ExecutionRegistry,
  shown: Uint32Array,
  format: RecordItems,
  fields: readonly string[],
  local: LocalZone,
): void {
  const sink = new ByteSink((bytes) => out.writeBytes ? out.writeBytes(bytes) : out.write(decoder.decode(bytes)));
  const fast = new RecordBytes(sink, registry, format === "csv" ? "csv" : "json", local);
  const window = new LineWindow(registry);
  if (format === "csv") sink.text(csvRow(fields));
  try {
    writeEach(sink, fast, window, registry, shown, format, fields, local);
  } finally {
    sink.flush(); // what was written before a failure goes out, as it did when each record was a string
  }
}

function writeEach(
  sink: ByteSink,
  fast: RecordBytes,
  window: LineWindow,
  registry: ExecutionRegistry,
  shown: Uint32Array,
  format: RecordItems,
  fields: readonly string[],
  local: LocalZone,
): void {
  // The fast writer finds fields by their standard keys: a mapped log's records go the way that follows the mapping.
  const mapped = registry.fieldMap.fingerprint !== "";
  for (let j = 0; j < shown.length; j++) {
    const pos = shown[j]!;
    if (format === "json") sink.text(j === 0 ? "\n" : ",\n");
    const line = mapped ? undefined : window.line(pos);
    if (line === undefined || !fast.write(pos, line)) {
      const object = recordJson(registry, pos, registry.details(pos), local);
      if (format === "csv") sink.text(csvRow(fields.map((field) => csvText(object.get(field) ?? null))));
      else sink.text(stringifyJson(object));
    }
    if (format === "ndjson") sink.byte(10);
    sink.maybeFlush();
  }
}
