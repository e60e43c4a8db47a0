import type { JsonValue } from "../json/value.ts";
import { LOGGER_PRESETS } from "./logger_presets.ts";
import type { LoggerFormat } from "./types.ts";

export type { LoggerFormat } from "./types.ts";

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

/**
 * What is wrong with reading a logger's lines with no field named for the action, for
 * stderr: which logger, what its `name` (or message) is, and what to pass. `named`: the
 * logger was named with `--from` (else recognised by its lines).
 */
export function loggerWarning(file: string, logger: LoggerFormat, named: boolean): string {
  const names = logger === "pino" || logger === "bunyan" || logger === "python-logging";
  const what = names
    ? `"name" is the logger's name, not an action's, so every record is named after the logger`
    : `its lines name no action ("${LOGGER_PRESETS[logger].nameKey}" is the log message)`;
  const seen = named ? `is read as ${logger} output` : `looks like ${logger} output`;
  return `${file} ${seen}: ${what}; name the field that names each action: ` +
    `--from ${logger} --map name=FIELD`;
}
