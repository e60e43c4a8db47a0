import type { FieldMapping, MappingOptions } from "../read/field_map.ts";
import type { LoggerFormat } from "./types.ts";

/** What exechist knows of a logger's lines: its standard fields as a mapping, and how to read them. */
export interface LoggerPreset {
  map: FieldMapping;
  options: MappingOptions;
  /** The key that names each line's action, when it has one of its own (structlog's event, if told). */
  nameKey: string;
}

// A logger writes its line when the work is done: the line's time is the end (start = end − duration, when the
// line has a duration). Its level decides the status when there is none (normalize.ts: error and worse).
// The action's name is the user's: `--map name=FIELD` (the logger's own `name` is the logger's).
const LINE_TIME_IS_END: MappingOptions = { startFromEnd: true };

/** Each logger's preset (`--from pino`, …). */
export const LOGGER_PRESETS: Readonly<Record<LoggerFormat, LoggerPreset>> = {
  // pino: `time` in epoch milliseconds, the error serialised as `err` {type, message, stack}.
  pino: {
    map: { end: ["time"], exception: ["err.message"], traceback: ["err.stack"] },
    options: LINE_TIME_IS_END,
    nameKey: "msg",
  },
  // bunyan: `time` an ISO instant, `err` {message, name, stack} (bunyan.stdSerializers).
  bunyan: {
    map: { end: ["time"], exception: ["err.message"], traceback: ["err.stack"] },
    options: LINE_TIME_IS_END,
    nameKey: "msg",
  },
  // winston (format.errors({stack: true})): the error's `stack` beside its `message`; `timestamp` when added.
  winston: {
    map: { end: ["timestamp"], exception: ["stack"], traceback: ["stack"] },
    options: { ...LINE_TIME_IS_END, errorText: "message" },
    nameKey: "message",
  },
  // Python's logging records as JSON: `created` in epoch seconds, the formatted exception as `exc_info`
  // (or `exc_text`); the traceback's last line says what was raised.
  "python-logging": {
    map: { end: ["created"], exception: ["exc_info", "exc_text"], traceback: ["exc_info", "exc_text"] },
    options: { ...LINE_TIME_IS_END, errorText: null },
    nameKey: "msg",
  },
  // structlog (JSONRenderer, TimeStamper, format_exc_info or dict_tracebacks): `timestamp`, `exception`.
  structlog: {
    map: { end: ["timestamp"], exception: ["exception"], traceback: ["exception"] },
    options: { ...LINE_TIME_IS_END, errorText: null },
    nameKey: "event",
  },
};
