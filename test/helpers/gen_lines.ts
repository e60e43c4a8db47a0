import type { ExecutionRegistry } from "../../src/query/registry.ts";

/** mulberry32: a small seeded PRNG, so every run tests the same lines. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "name",
  "action",
  "action_name",
  "index",
  "start_wall",
  "started_at",
  "start",
  "start_time",
  "timestamp",
  "end_wall",
  "finished_at",
  "end",
  "end_time",
  "duration",
  "duration_ms",
  "status",
  "exception",
  "error",
  "run_id",
  "session_id",
  "ignore_in_history",
  "action.ignore_in_history",
  "result",
  "traceback",
  "args",
  "kwargs",
];
const STRINGS = [
  "fetch",
  "deploy",
  "caf\\u00e9",
  "日本語",
  "😀",
  'a\\"b',
  "back\\\\slash",
  "",
  "OK",
  "ERROR",
  "cancelled",
  "failed",
  "2025-06-01T09:30:00.125000",
  "2025-06-01T09:30:00Z",
  "2025-06-01 09:30:00+02:00",
  "1717234200",
  "not a time",
  "\\n\\t",
];
const NUMBERS = [
  "0",
  "-0",
  "1",
  "3",
  "0.125",
  "1.5e3",
  "-2.5",
  "1717234200",
  "1717234200123",
  "1717234200123456789",
  "81234.5678125",
  "12345678901234567890",
  "20.332335417137074",
  "0.005864662773092277",
  "57457.017361706115",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e-07",
  "7.0",
];

function generateValue(r: () => number, depth: number, keys: readonly string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const kind = r();
  if (depth > 3 || kind < 0.35) return `"${pick(STRINGS)}"`;
  if (kind < 0.6) return pick(NUMBERS);
  if (kind < 0.7) return pick(["true", "false", "null"]);
  const ws = () => (r() < 0.2 ? pick([" ", "  ", "\t"]) : "");
  if (kind < 0.85) {
    const n = Math.floor(r() * 4);
    return `[${ws()}${Array.from({ length: n }, () => generateValue(r, depth + 1, keys)).join(`,${ws()}`)}${ws()}]`;
  }
  // Nested objects reuse the indexed key names: the scanner must not take them.
  const n = Math.floor(r() * 4);
  const parts = Array.from({ length: n }, () => `"${pick(keys)}"${ws()}:${ws()}${generateValue(r, depth + 1, keys)}`);
  return `{${ws()}${parts.join(`,${ws()}`)}${ws()}}`;
}

export function generateLine(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const n = 1 + Math.floor(r() * 9);
  const parts: string[] = [];
  if (r() < 0.8) parts.push(`"name":"${pick(STRINGS.slice(0, 7))}"`);
  for (let i = 0; i < n; i++) {
    const key = r() < 0.05 ? "n\\u0061me" : pick(KEYS);
    parts.push(`"${key}"${r() < 0.2 ? " " : ""}:${r() < 0.2 ? " " : ""}${generateValue(r, 0, KEYS)}`);
  }
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  }
  let line = `{${parts.join(",")}}`;
  const damage = r();
  if (damage < 0.03) line = line.slice(0, Math.floor(r() * line.length));
  else if (damage < 0.05) line = line.replace(":", "");
  else if (damage < 0.06) line = `[${line}]`;
  else if (damage < 0.07) line += " x";
  return line;
}

/** Every column of every record, the tables behind them, and the bad lines: for deep comparison. */
export function columnsOf(registry: ExecutionRegistry): unknown {
  const rows = [];
  for (let i = 0; i < registry.size; i++) {
    rows.push([
      registry.columns.index[i],
      registry.nameOf(i),
      registry.columns.start[i],
      registry.endOf(i),
      registry.columns.flags[i],
      registry.columns.duration[i],
      registry.statusOf(i),
      registry.runOf(i),
      registry.lineOf(i),
      registry.columns.offset[i],
      registry.sourceOf(i),
    ]);
  }
  return { rows, bad: registry.diagnostics.badLines, badCount: registry.diagnostics.badLineCount };
}
