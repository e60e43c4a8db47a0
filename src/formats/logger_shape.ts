import type { JsonValue } from "../json/value.ts";

/** Loggers whose lines exechist recognises (and does not take for execution records without a word). */
export type LoggerFormat = "pino" | "bunyan" | "winston" | "python-logging" | "structlog";

/** The logger a line was written by, by its standard keys; undefined for anything else. */
export function detectLogger(value: JsonValue): LoggerFormat | undefined {
  if (!(value instanceof Map)) return undefined;
  const has = (...keys: string[]) => keys.every((key) => value.has(key));
  if (has("v", "level", "msg", "hostname", "pid")) return "bunyan";
  if (has("level", "time", "pid", "hostname", "msg")) return "pino";
  if (has("levelname", "created")) return "python-logging";
  if (has("event", "level") && !value.has("name")) return "structlog";
  if (has("level", "message") && typeof value.get("level") === "string") return "winston";
  return undefined;
}

/** What is wrong with reading a logger's lines as execution records as they are, for stderr. */
export function loggerWarning(file: string, logger: LoggerFormat): string {
  const names = logger === "pino" || logger === "bunyan" || logger === "python-logging";
  const what = names
    ? `"name" is the logger's name, not an action's, so every record is named after the logger`
    : `its lines name no action ("${logger === "structlog" ? "event" : "message"}" is the log message)`;
  return `${file} looks like ${logger} output: ${what}; to name each record by the field that names its action: ` +
    `jq -c '.name = .FIELD' ${file} | exechist summary`;
}
