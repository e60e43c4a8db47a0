/**
 * The shapes of log the benchmark corpus holds: the same generated executions written
 * the way different loggers write them (`bench/generate.ts --shape NAME`).
 */
import { pyFloat } from "./python_json.ts";

/** Each shape, with what it is. */
export const SHAPES = {
  falyx: "Falyx's records: perf_counter start_time/end_time, a zone-less ISO start_wall, duration",
  "epoch-s": "epoch seconds as floats, as time.time() gives them (Python logging's created)",
  "epoch-ms": "epoch milliseconds as integers (pino's time): timestamp and end",
  "otlp-ns": "OTLP-style integer nanoseconds as decimal strings: start and end, no duration",
  "iso-zoned": "ISO-8601 with a zone (+00:00), as an aware datetime's isoformat(): started_at and finished_at",
  "iso-space": "zone-less ISO-8601 with a space, as str(datetime): start and end",
  wide: "every Falyx field (signature, end_wall, the action object), nested results",
  escapes: 'names and results with escapes: \\u non-ASCII, \\" and \\n',
  spaced: "Python's default separators (', ' and ': ')",
} as const;

export type Shape = keyof typeof SHAPES;

/** The shape named `name`, or an error that lists them. */
export function shapeNamed(name: string): Shape {
  if (name in SHAPES) return name as Shape;
  throw new Error(`unknown shape "${name}" (${Object.keys(SHAPES).join(", ")})`);
}

/** One execution's times: perf_counter readings and wall-clock micros (UTC) of start and end. */
export interface Times {
  start: number;
  end: number;
  startWall: number;
  endWall: number;
}

/** `datetime.isoformat()` of a time in micros: microseconds only when not zero; `separator` between date and time. */
export function isoText(micros: number, separator = "T"): string {
  const seconds = Math.floor(micros / 1e6);
  const fraction = micros - seconds * 1e6;
  const text = new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", separator);
  return fraction === 0 ? text : `${text}.${String(fraction).padStart(6, "0")}`;
}

/**
 * The time fields of a shape other than falyx's (key, JSON value), in the order a
 * logger of that kind writes them. Digits below the microsecond come from perf_counter's
 * (no draw of the generator's: every shape has the same executions).
 */
export function shapeTimes(shape: Shape, t: Times): Array<[string, string]> {
  const duration = pyFloat(t.end - t.start);
  switch (shape) {
    case "epoch-s": {
      // time.time() has digits below the microsecond: perf_counter's.
      const seconds = (micros: number, perf: number) => pyFloat((micros + ((perf * 1e6) % 1)) / 1e6);
      return [["start_time", seconds(t.startWall, t.start)], ["end_time", seconds(t.endWall, t.end)], [
        "duration",
        duration,
      ]];
    }
    case "epoch-ms":
      return [["timestamp", String(Math.floor(t.startWall / 1000))], ["end", String(Math.floor(t.endWall / 1000))], [
        "duration",
        duration,
      ]];
    case "otlp-ns": {
      const nanos = (micros: number, perf: number) =>
        `"${BigInt(micros) * 1000n + BigInt(Math.floor(perf * 1e9) % 1000)}"`;
      return [["start", nanos(t.startWall, t.start)], ["end", nanos(t.endWall, t.end)]];
    }
    case "iso-zoned":
      return [["started_at", `"${isoText(t.startWall)}+00:00"`], ["finished_at", `"${isoText(t.endWall)}+00:00"`], [
        "duration",
        duration,
      ]];
    case "iso-space":
      return [["start", `"${isoText(t.startWall, " ")}"`], ["end", `"${isoText(t.endWall, " ")}"`], [
        "duration",
        duration,
      ]];
    default:
      throw new Error(`the ${shape} shape writes Falyx's times`);
  }
}

/** Shapes that keep Falyx's time fields. */
export function hasFalyxTimes(shape: Shape): boolean {
  return shape === "falyx" || shape === "wide" || shape === "escapes" || shape === "spaced";
}

/** A name with escapes (non-ASCII, a quote, a newline): one per action, so the names stay as many. */
export function escapedName(name: string): string {
  return `${name} \u2014 "${name.length % 7}"\nstep`;
}

/** A result with escapes around the generated one (record `index`). */
export function escapedResult<T>(result: T, index: number): { value: T; note: string } {
  return { value: result, note: `caf\u00e9 "${index % 100}"\nline 2\t\u65e5\u672c` };
}
