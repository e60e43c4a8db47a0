import type { Colors } from "./colors.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import { stringifyJson } from "../json/stringify.ts";
import type { RecordDetails } from "../types.ts";
import { recordJson } from "./record_json.ts";
import type { LocalZone } from "./time.ts";
import { oneLine, visibleText } from "./visible_text.ts";

/**
 * `result`/`last` as text: the signature line, then the traceback (or the exception)
 * when the execution did not succeed, else the result pretty-printed as JSON, with big
 * integers and NaN exactly as logged. Text from the log is shown with {@link visibleText}.
 */
export function renderRecordText(
  registry: ExecutionRegistry,
  pos: number,
  details: RecordDetails,
  color: Colors,
): string {
  const cls = registry.statusClassOf(pos);
  let body: string;
  if (cls !== "success" && details.traceback !== null) {
    body = color.red(visibleText(details.traceback).replace(/\s+$/, ""));
  } else if (cls === "error" && details.exception !== null) {
    const e = details.exception;
    body = color.red(visibleText(typeof e === "string" ? e : stringifyJson(e, { indent: 2, nonFinite: "raw" })));
  } else body = visibleText(stringifyJson(details.result, { indent: 2, nonFinite: "raw" }));
  return `${color.bold(oneLine(details.signature))}\n${body}\n`;
}

/** `result -o json`: the record, plus `fields`, the original object with every field it had. */
export function renderRecordJson(
  registry: ExecutionRegistry,
  pos: number,
  details: RecordDetails,
  local: LocalZone,
): string {
  const object = recordJson(registry, pos, details, local);
  object.set("fields", details.fields);
  return stringifyJson(object, { indent: 2 }) + "\n";
}
