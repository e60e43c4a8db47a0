import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";

/** An exception as a type and a message, however the log wrote it. */
export interface ExceptionText {
  /** `ValueError`, `requests.exceptions.Timeout`; empty when the log gives no type. */
  type: string;
  message: string;
}

const TYPE_KEYS = ["type", "exc_type", "class", "name", "__class__"] as const;
const MESSAGE_KEYS = ["message", "msg", "detail", "args", "str"] as const;
// `ValueError('x')`, `pkg.mod.Timeout(...)`: Python's repr of an exception.
const REPR = /^((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\(([\s\S]*)\)$/;
// `ValueError: x`: str() after the class name, as a traceback's last line reads.
const TYPED = /^((?:[A-Za-z_]\w*\.)*[A-Z]\w*): ([\s\S]*)$/;
// A class name alone: `KeyboardInterrupt`, `asyncio.CancelledError`.
const BARE = /^(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning|Timeout)$/;

/**
 * Splits an exception into type and message: a Python repr (`ValueError('x')`), a
 * `Type: message` line, an object with type/message fields, or else the traceback's
 * last line. Anything unrecognised is kept whole as the message.
 */
export function describeException(exception: JsonValue, traceback: string | null): ExceptionText {
  if (exception instanceof Map) return fromObject(exception);
  if (typeof exception === "string" && exception.trim() !== "") return fromString(exception.trim());
  if (exception !== null && exception !== "" && typeof exception !== "string") {
    return { type: "", message: stringifyJson(exception, { nonFinite: "raw" }) };
  }
  if (traceback !== null) {
    const lines = traceback.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
    const last = lines[lines.length - 1];
    if (last !== undefined) return fromString(last);
  }
  return { type: "", message: "" };
}

/** `Type: message`, or whichever part there is; empty when the log holds neither. */
export function exceptionHeadline(text: ExceptionText): string {
  if (text.type !== "" && text.message !== "") return `${text.type}: ${text.message}`;
  return text.type || text.message;
}

function fromString(text: string): ExceptionText {
  const repr = REPR.exec(text);
  if (repr) return { type: repr[1]!, message: unquote(repr[2]!.trim()) };
  const typed = TYPED.exec(text);
  if (typed) return { type: typed[1]!, message: typed[2]! };
  if (BARE.test(text)) return { type: text, message: "" };
  return { type: "", message: text };
}

function fromObject(fields: Map<string, JsonValue>): ExceptionText {
  let type = "";
  for (const key of TYPE_KEYS) {
    const value = fields.get(key);
    if (typeof value === "string" && value !== "") {
      type = value;
      break;
    }
  }
  for (const key of MESSAGE_KEYS) {
    const value = fields.get(key);
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "string") return { type, message: value };
    if (Array.isArray(value)) {
      return { type, message: value.map((v) => (typeof v === "string" ? v : stringifyJson(v))).join(", ") };
    }
    return { type, message: stringifyJson(value, { nonFinite: "raw" }) };
  }
  if (type !== "") return { type, message: "" };
  return { type: "", message: stringifyJson(fields, { nonFinite: "raw" }) };
}

/** The text of a lone Python string literal (`'x'`, `"x"`); other text unchanged. */
function unquote(text: string): string {
  const q = text[0];
  if ((q !== "'" && q !== '"') || text.length < 2 || text[text.length - 1] !== q) return text;
  const inner = text.slice(1, -1);
  // A comma-separated tuple of arguments (`'a', 'b'`) is not one literal: keep it as written.
  let escaped = false;
  for (const ch of inner) {
    if (escaped) escaped = false;
    else if (ch === "\\") escaped = true;
    else if (ch === q) return text;
  }
  return inner.replace(
    /\\(.)/g,
    (all, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "'\"\\".includes(c) ? c : all),
  );
}
