import type { JsonValue } from "../json/value.ts";
import { arrayAt, field, objectAt, stringAt } from "./json_access.ts";
import { isPrefectRun } from "./prefect.ts";
import type { DocumentFormat } from "./types.ts";

/**
 * The document format a JSON value (a whole document, or the first line of many) is
 * written in, recognised by its shape; undefined for anything else, such as an
 * execution record of a JSON-lines log.
 */
export function detectFormat(value: JsonValue): DocumentFormat | undefined {
  if (Array.isArray(value)) return value.length > 0 && isPrefectRun(value[0]) ? "prefect" : undefined;
  if (!(value instanceof Map)) return undefined;
  if (Array.isArray(value.get("resourceSpans"))) return "otlp";
  const events = arrayAt(value, "events");
  if (events.length > 0 && (field(events[0], "eventType") !== undefined || field(events[0], "eventId") !== undefined)) {
    return "temporal";
  }
  if (stringAt(value, "reportFormat") === "CTRF" || Array.isArray(field(objectAt(value, "results"), "tests"))) {
    return "ctrf";
  }
  if (typeof value.get("Action") === "string" && value.has("Time") && (value.has("Package") || value.has("Test"))) {
    return "go-test";
  }
  if (isPrefectRun(value)) return "prefect";
  return undefined;
}
