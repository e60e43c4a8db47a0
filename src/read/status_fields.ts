import { parseJson } from "../json/parse.ts";
import { type JsonValue, numberOf } from "../json/value.ts";
import { decodeString } from "./escaped_ids.ts";
import { KIND, SLOT } from "./fields.ts";
import { numberAt } from "./number.ts";
import type { Slots } from "./scanner.ts";
import { STATUS_ERROR, STATUS_SUCCESS } from "./status.ts";

// The fields besides `status` that decide a record's status (normalize.ts): OTLP's status
// object, a Prefect run's state, a logger's level.

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The number in a slot: the scanner's value, or read from the text when it left that to {@link numberAt}. */
export function numberIn(b: Uint8Array, slots: Slots, slot: number): number {
  return slots.flag[slot] === 0 ? slots.value[slot]! : numberAt(b, slots.start[slot]!, slots.end[slot]!);
}

/** The JSON value in a slot (a container's whole text), parsed. */
export function valueAt(b: Uint8Array, slots: Slots, slot: number): JsonValue {
  return parseJson(decoder.decode(b.subarray(slots.start[slot]!, slots.end[slot]!)));
}

/** The status code of an OTLP status object, or undefined when it has no code. */
export function codeOfOtlpStatus(status: JsonValue): number | undefined {
  const code = status instanceof Map ? status.get("code") ?? 0 : undefined;
  const n = typeof code === "string" ? OTLP_CODES[code] : numberOf(code ?? undefined);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  return n === 2 ? STATUS_ERROR : STATUS_SUCCESS;
}

const OTLP_CODES: Readonly<Record<string, number>> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

/** A Prefect run's state type (`state_type`, else `state.type`) as UTF-8, or undefined. */
export function stateOf(b: Uint8Array, slots: Slots): Uint8Array | undefined {
  if (slots.kind[SLOT.state_type] === KIND.string) {
    const start = slots.start[SLOT.state_type]!;
    const end = slots.end[SLOT.state_type]!;
    return slots.flag[SLOT.state_type] ? encoder.encode(decodeString(b, start, end)) : b.slice(start, end);
  }
  if (slots.kind[SLOT.state] !== KIND.object) return undefined;
  const type = (valueAt(b, slots, SLOT.state) as Map<string, JsonValue>).get("type");
  return typeof type === "string" && type !== "" ? encoder.encode(type) : undefined;
}

/** Levels at or above error, as loggers write them (pino and bunyan: 50 and up). */
const ERROR_LEVELS = new Set(["error", "err", "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic"]);

/** True when the line's logger level (`level`, `levelname`) is an error or worse. */
export function isErrorLevel(b: Uint8Array, slots: Slots): boolean {
  for (const slot of [SLOT.level, SLOT.levelname]) {
    const kind = slots.kind[slot];
    if (kind === KIND.number) return numberIn(b, slots, slot) >= 50;
    if (kind === KIND.string) {
      const start = slots.start[slot]!;
      const end = slots.end[slot]!;
      const text = slots.flag[slot] ? decodeString(b, start, end) : decoder.decode(b.subarray(start, end));
      return ERROR_LEVELS.has(text.toLowerCase());
    }
  }
  return false;
}
