import { CHECKPOINT_ONLY_KEYS } from "./run_state.ts";

/** A key that only a RunState checkpoint has, as written in JSON. */
const CHECKPOINT_KEY = new RegExp(`"(?:${CHECKPOINT_ONLY_KEYS.join("|")})"\\s*:`);

/** How much of an input's start {@link checkpointHint} looks at. */
export const HINT_HEAD_BYTES = 1 << 16;

/**
 * The hint for a log with no record that is a RunState checkpoint (one JSON object, pretty
 * printed or not, with a key only a checkpoint has), or null. `head`: the input's first
 * bytes as text; `file`: its path, or undefined for standard input.
 */
export function checkpointHint(name: string, head: string, file: string | undefined): string | null {
  if (!/^\uFEFF?\s*\{/.test(head) || !CHECKPOINT_KEY.test(head)) return null;
  return `${name}: this looks like a RunState checkpoint; exechist summary reads JSON-lines execution logs ` +
    `(try: exechist state ${file ?? "FILE"})`;
}
