import { decodeString } from "./escaped_ids.ts";
import { KIND } from "./fields.ts";
import type { Slots } from "./scanner.ts";

const decoder = new TextDecoder();

/** What a slot holds, for a message: scalars quoted as written, containers by kind. */
export function textAt(b: Uint8Array, slots: Slots, slot: number): string {
  const kind = slots.kind[slot];
  if (kind === KIND.object) return "an object";
  if (kind === KIND.array) return "an array";
  const start = slots.start[slot]!;
  const end = slots.end[slot]!;
  let text = decoder.decode(b.subarray(start, end));
  if (kind === KIND.string) text = JSON.stringify(slots.flag[slot] ? decodeString(b, start, end) : text);
  return text.length > 40 ? text.slice(0, 40) + "…" : text;
}
