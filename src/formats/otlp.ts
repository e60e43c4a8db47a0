import type { JsonObject, JsonValue } from "../json/value.ts";
import { arrayAt, field, numberAt, objectAt, recordOf, stringAt } from "./json_access.ts";
import { nanosToIso } from "./times.ts";
import type { ExecutionRecord, ParsedInput } from "./types.ts";

/** OTLP's status codes, by number and by name (`STATUS_CODE_ERROR`). */
const STATUS_BY_CODE: Readonly<Record<string, "success" | "error">> = {
  "0": "success", // unset: the span recorded no error
  "1": "success",
  "2": "error",
  STATUS_CODE_UNSET: "success",
  STATUS_CODE_OK: "success",
  STATUS_CODE_ERROR: "error",
};

/**
 * OTLP/JSON traces (an `ExportTraceServiceRequest` per document or per line, as the
 * Collector's file exporter writes): a record per span, with its times, its status
 * (`status.code` 2 is an error), the `exception` event's type, message and stack trace,
 * the trace id as its run and the resource's `service.name`.
 */
export function convertOtlp(input: ParsedInput): ExecutionRecord[] {
  const records: ExecutionRecord[] = [];
  for (const request of input.values) {
    for (const resourceSpans of arrayAt(request, "resourceSpans")) {
      const resource = attributesOf(field(objectAt(resourceSpans, "resource"), "attributes"));
      const scopes = [
        ...arrayAt(resourceSpans, "scopeSpans"),
        ...arrayAt(resourceSpans, "instrumentationLibrarySpans"),
      ];
      for (const scopeSpans of scopes) {
        const scope = objectAt(scopeSpans, "scope") ?? objectAt(scopeSpans, "instrumentationLibrary");
        for (const span of arrayAt(scopeSpans, "spans")) {
          if (span instanceof Map) {
            records.push({ fields: spanRecord(span, resource, scope), line: input.lineOf(span) });
          }
        }
      }
    }
  }
  return records;
}

function spanRecord(span: JsonObject, resource: JsonObject, scope: JsonObject | undefined): JsonObject {
  const status = objectAt(span, "status");
  const code = stringAt(status, "code") ?? "0";
  const statusMessage = stringAt(status, "message") || undefined;
  const exception = exceptionEvent(span);
  const exceptionText = exception === undefined
    ? statusMessage
    : [stringAt(exception, "exception.type"), stringAt(exception, "exception.message")].filter(Boolean).join(": ") ||
      statusMessage;
  const serviceName = resource.get("service.name");
  return recordOf([
    ["name", stringAt(span, "name") ?? ""],
    ["start", nanosToIso(stringAt(span, "startTimeUnixNano"))],
    ["end", nanosToIso(stringAt(span, "endTimeUnixNano"))],
    ["status", STATUS_BY_CODE[code] ?? code],
    ["exception", exceptionText],
    ["traceback", exception === undefined ? undefined : stringAt(exception, "exception.stacktrace")],
    ["run_id", stringAt(span, "traceId")],
    ["span_id", stringAt(span, "spanId")],
    ["parent_span_id", stringAt(span, "parentSpanId") || undefined],
    ["kind", field(span, "kind")],
    ["service.name", serviceName],
    ["scope", stringAt(scope, "name")],
    ["status_message", statusMessage],
    ["attributes", attributesOf(field(span, "attributes"))],
  ]);
}

/** The attributes of the span's first `exception` event, as an object. */
function exceptionEvent(span: JsonObject): JsonObject | undefined {
  for (const event of arrayAt(span, "events")) {
    if (stringAt(event, "name") === "exception") return attributesOf(field(event, "attributes"));
  }
  return undefined;
}

/** OTLP's `[{key, value: {stringValue: …}}]` as a plain object of values. */
export function attributesOf(list: JsonValue | undefined): JsonObject {
  const out: JsonObject = new Map();
  if (!Array.isArray(list)) return out;
  for (const attribute of list) {
    const key = stringAt(attribute, "key");
    if (key !== undefined) out.set(key, anyValue(field(attribute, "value")));
  }
  return out;
}

/** An OTLP `AnyValue` as the JSON value it holds. */
function anyValue(value: JsonValue | undefined): JsonValue {
  if (!(value instanceof Map)) return null;
  for (const [kind, inner] of value) {
    switch (kind) {
      case "intValue":
        return numberAt(value, kind) ?? inner;
      case "arrayValue":
        return arrayAt(inner, "values").map(anyValue);
      case "kvlistValue":
        return attributesOf(field(inner, "values"));
      default:
        return inner; // stringValue, boolValue, doubleValue, bytesValue (base64)
    }
  }
  return null;
}
