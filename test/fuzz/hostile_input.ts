/**
 * Seeded hostile input for the output fuzz test: log lines and checkpoints holding
 * terminal escapes, C1 and bidi controls, lone surrogates, huge and odd numbers, times at
 * the edges of the range, deep nesting, links, wide text, and bytes mutated at random.
 */

/** Strings as JSON string bodies (escapes written as JSON escapes, or raw where JSON allows it). */
const TEXTS = [
  "fetch",
  "日本語タスク",
  "emoji 🚀🎉 👨\u200d👩\u200d👧 🇺🇸",
  "cafe\u0301 a\u200bb",
  "\\u001b]0;pwned\\u0007",
  "\\u001b]52;c;aGk=\\u0007\\u001b[2J",
  "\u009b31m raw C1 CSI",
  "\\u009b2J escaped C1",
  "\u202eevil\u202c \u2066isolate\u2069",
  "\\u202e escaped override",
  "line\\u2028separator\\u2029paragraph",
  "cr\\roverwrite",
  "crlf\\r\\nline",
  "tab\\tand\\nnewline",
  "nul\\u0000del\\u007f",
  "lone \\ud800 high",
  "lone \\udc00 low",
  "pair \\ud83d\\ude80 ok",
  "see https://evil.example/x www.evil.example a@evil.example @octocat",
  "<script>alert(1)</script> & ]]> <!-- --> %0A ::error::x",
  "| pipe * star _under_ `code` [l](u) ~s~ \\\\ back",
  "x".repeat(300),
  "",
];

const NUMBERS = [
  "0",
  "-0",
  "1",
  "0.5",
  "1e308",
  "-1e308",
  "1e30",
  "-1e12",
  "-5",
  "1e-320",
  "NaN",
  "Infinity",
  "-Infinity",
  "123456789012345678901234567890",
  "1748770200",
  "1748770200123",
  "1748770200123456789",
  "2.6e20",
  "9007199254740993",
];

const TIMES = [
  '"2025-06-01T09:30:00Z"',
  '"2025-06-01T09:30:00.123456"',
  '"9999-12-31T23:59:59.999999999Z"',
  '"9999-12-31T23:00:00-05:00"',
  '"0001-01-01T00:00:00+01:00"',
  '"0000-01-01T00:00:00Z"',
  '"1e30"',
  '"nope\\u001b[2J"',
];

const STATUSES = ['"OK"', '"error"', '"failed"', '"cancelled"', '"running"', "null", "7"];

/** Nesting `depth` arrays and objects deep. */
function deep(depth: number): string {
  return '[{"a":'.repeat(depth) + "1" + "}]".repeat(depth);
}

/** A JSON value of any kind, hostile more often than not. */
export function hostileValue(r: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const kind = r();
  if (kind < 0.4) return `"${pick(TEXTS)}"`;
  if (kind < 0.6) return pick(NUMBERS);
  if (kind < 0.65) return pick(["true", "false", "null"]);
  // Deep, but not so deep that pretty-printed output (depth squared) makes the test slow.
  if (kind < 0.7) return deep(5 + Math.floor(r() * 40));
  if (depth > 2) return `"${pick(TEXTS)}"`;
  const n = Math.floor(r() * 4);
  if (kind < 0.85) return `[${Array.from({ length: n }, () => hostileValue(r, depth + 1)).join(",")}]`;
  return `{${Array.from({ length: n }, () => `"${pick(TEXTS)}":${hostileValue(r, depth + 1)}`).join(",")}}`;
}

/** One log line: a record whose fields are hostile, or a line that is not one. */
export function hostileLine(r: () => number, index: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const fields: string[] = [`"name":"${pick(TEXTS)}"`];
  if (r() < 0.8) fields.push(`"index":${r() < 0.9 ? index % 40 : pick(NUMBERS)}`);
  if (r() < 0.7) fields.push(`"start_wall":${r() < 0.6 ? pick(TIMES) : pick(NUMBERS)}`);
  if (r() < 0.3) fields.push(`"end_wall":${pick(TIMES)}`);
  if (r() < 0.7) fields.push(`"duration":${r() < 0.5 ? String(r() * 10) : pick(NUMBERS)}`);
  if (r() < 0.8) fields.push(`"status":${r() < 0.8 ? pick(STATUSES) : `"${pick(TEXTS)}"`}`);
  if (r() < 0.4) fields.push(`"exception":${hostileValue(r)}`);
  if (r() < 0.4) fields.push(`"traceback":"Traceback\\n  ${pick(TEXTS)}\\n${pick(TEXTS)}"`);
  if (r() < 0.5) fields.push(`"result":${hostileValue(r)}`);
  if (r() < 0.3) fields.push(`"args":[${hostileValue(r)}],"kwargs":{"${pick(TEXTS)}":${hostileValue(r)}}`);
  if (r() < 0.4) fields.push(`"run_id":"${pick(TEXTS.slice(0, 8))}"`);
  if (r() < 0.2) fields.push(`"${pick(TEXTS)}":${hostileValue(r)}`);
  return `{${fields.join(",")}}`;
}

/** Bytes changed at random: a control or C1 byte pair put in, a cut, a byte dropped, invalid UTF-8. */
export function mutateBytes(r: () => number, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  const times = 1 + Math.floor(r() * 3);
  for (let t = 0; t < times && out.length > 0; t++) {
    const at = Math.floor(r() * out.length);
    const what = r();
    if (what < 0.3) out.splice(at, 0, Math.floor(r() * 32));
    else if (what < 0.5) out.splice(at, 0, 0xc2, 0x80 + Math.floor(r() * 32)); // a C1 control in UTF-8
    else if (what < 0.6) out.splice(at, 0, 0xe2, 0x80, 0xae); // U+202E
    else if (what < 0.7) out.splice(at, 0, 0xff);
    else if (what < 0.8) out.splice(at, 1);
    else out.length = at;
  }
  return Uint8Array.from(out);
}

/** A log: seeded hostile lines, a tenth of them mutated bytes, one 120 levels deep (jq 1.6 refuses documents much deeper), LF line ends. */
export function hostileLog(r: () => number, lines: number): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < lines; i++) {
    const text = i === 7 ? `{"name":"deep","index":7,"status":"OK","result":${deep(60)}}` : hostileLine(r, i);
    let line: Uint8Array = encoder.encode(text);
    if (r() < 0.1) line = mutateBytes(r, line);
    parts.push(line, Uint8Array.of(10));
  }
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Keys a checkpoint reader looks for: their values are replaced, but the keys stay.
const STATUS_KEYS = new Set(["status"]);

/**
 * A checkpoint with its strings, numbers and keys replaced at random by hostile ones
 * (statuses kept most of the time, so that most are still read as checkpoints).
 */
export function mutateCheckpoint(r: () => number, text: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const walk = (value: unknown, key: string): string => {
    if (typeof value === "string") {
      if (STATUS_KEYS.has(key) && r() < 0.9) return JSON.stringify(value);
      return r() < 0.5 ? `"${pick(TEXTS)}"` : JSON.stringify(value);
    }
    if (typeof value === "number") return r() < 0.3 ? pick(NUMBERS) : JSON.stringify(value);
    if (Array.isArray(value)) {
      const items = value.map((v) => walk(v, key));
      if (r() < 0.1) items.push(hostileValue(r));
      return `[${items.join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value).map(([k, v]) => {
        const name = key !== "" && key !== "node_states" && r() < 0.3 ? pick(TEXTS) : k;
        return `${JSON.stringify(name)}:${walk(v, k)}`;
      });
      if (r() < 0.1) entries.push(`"${pick(TEXTS)}":${hostileValue(r)}`);
      return `{${entries.join(",")}}`;
    }
    return JSON.stringify(value);
  };
  // Node names (keys of node_states) are renamed too, so that text views show them.
  // Python writes NaN and Infinity; JSON.parse does not read them.
  const doc = JSON.parse(text.replace(/(?<=[:[,]\s*)(-?Infinity|NaN)\b/g, "null")) as Record<string, unknown>;
  const nodes = doc.node_states;
  if (nodes !== null && typeof nodes === "object" && !Array.isArray(nodes)) {
    doc.node_states = Object.fromEntries(
      Object.entries(nodes).map(([k, v]) => [r() < 0.5 ? k + JSON.parse(`"${pick(TEXTS)}"`) : k, v]),
    );
  }
  return walk(doc, "");
}
