/** What a hostile log or checkpoint writes to attack a terminal, and how to find any of it left raw in output. */

/** OSC 0 (window title), OSC 52 (clipboard), CSI 2J (clear), a C1 CSI, bidi overrides and isolates, CR, NUL, U+2028. */
export const HOSTILE =
  "\u001b]0;pwned\u0007\u001b]52;c;aGk=\u0007\u001b[2J\u009b31m\u202eevil\u202c\u2066x\u2069\r\u0000\u2028!";

// C0 controls but tab and LF, DEL, C1 controls, bidi embeddings, overrides and isolates.
// deno-lint-ignore no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The first raw control or bidi control in `text`, described with its offset and surroundings; null when none. */
export function rawControl(text: string): string | null {
  const m = RAW.exec(text);
  if (m === null) return null;
  const at = m.index;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${at}: ${
    JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))
  }`;
}

/** Picocolors' SGR sequences (`ESC [ n m`), removed to check coloured output for anything else. */
export function withoutColors(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\u001b\[\d+m/g, "");
}

/**
 * A copy of a JSON document with `suffix` added to every string and key, except the keys in
 * `keepKeys` (field names the reader must find) and the values of `keepValues` keys
 * (statuses and the like, which must stay valid for the document to be read).
 */
export function taint(
  value: unknown,
  suffix: string,
  keepKeys: ReadonlySet<string>,
  keepValues: ReadonlySet<string>,
  key = "",
): unknown {
  if (typeof value === "string") return keepValues.has(key) ? value : value + suffix;
  if (Array.isArray(value)) return value.map((item) => taint(item, suffix, keepKeys, keepValues, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map((
        [k, v],
      ) => [keepKeys.has(k) ? k : k + suffix, taint(v, suffix, keepKeys, keepValues, k)]),
    );
  }
  return value;
}
