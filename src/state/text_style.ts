import type { Colors } from "../render/colors.ts";
import { displayWidth } from "../render/cell.ts";
import { oneLine } from "../render/visible_text.ts";
import { formatDuration, type LocalZone } from "../render/time.ts";

/** How the text views are laid out. */
export interface TextOptions {
  paint: Colors;
  /** Cells and lines are cut to this width. */
  width: number;
  /** The zone instants are shown in: null for UTC, the local zone under `--local`. */
  local: LocalZone;
}

/** A status coloured by what it means: completed green, failed red, running yellow, ...; shown with `oneLine`. */
export function paintStatus(paint: Colors, status: string, shown: string = status): string {
  const text = oneLine(shown);
  switch (status) {
    case "completed":
      return paint.green(text);
    case "failed":
      return paint.red(text);
    case "running":
      return paint.yellow(text);
    case "paused":
    case "waiting":
      return paint.cyan(text);
    case "cancelled":
      return paint.magenta(text);
    case "pending":
      return paint.dim(text);
    default:
      return text;
  }
}

const BAR = 20;

/** `████░░░░  25%`: how far current is towards max. */
export function stepBar(current: number, max: number): { filled: string; empty: string; percent: string } {
  const ratio = max > 0 ? Math.max(0, Math.min(1, current / max)) : 0;
  const filled = Math.round(ratio * BAR);
  const percent = max > 0 ? `${Math.round((current / max) * 100)}%` : "";
  return { filled: "█".repeat(filled), empty: "░".repeat(BAR - filled), percent };
}

/** `812 B`, `1.5 KiB`, `2.0 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `98.500s`, and past a minute `3725.500s (1h 2m 5.5s)`. */
export function formatElapsed(seconds: number): string {
  const plain = formatDuration(seconds);
  if (Math.abs(seconds) < 60) return plain;
  const sign = seconds < 0 ? "-" : "";
  const tenths = Math.round(Math.abs(seconds) * 10);
  const hours = Math.floor(tenths / 36000);
  const minutes = Math.floor((tenths % 36000) / 600);
  const secs = String((tenths % 600) / 10);
  const parts = [hours > 0 ? `${hours}h` : "", hours > 0 || minutes > 0 ? `${minutes}m` : "", `${secs}s`].filter((p) =>
    p
  );
  return `${plain} (${sign}${parts.join(" ")})`;
}

/** "1 entry", "3 entries". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `a → b → c`, wrapped to `width`; continuation lines start with the arrow. `lead` comes first. */
export function wrapChain(items: readonly string[], width: number, lead = ""): string[] {
  const lines: string[] = [];
  let line = lead;
  for (const item of items) {
    const text = oneLine(item);
    const next = line === "" ? text : `${line} → ${text}`;
    if (line !== "" && displayWidth(next) > width) {
      lines.push(line);
      line = `→ ${text}`;
    } else line = next;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** Prose wrapped at spaces to `width`: the first line starts with `first`, the rest with `rest`. */
export function wrapText(
  text: string,
  width: number,
  first: string,
  rest: string = " ".repeat(displayWidth(first)),
): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of oneLine(text).split(" ")) {
    const next = empty ? line + word : `${line} ${word}`;
    if (!empty && displayWidth(next) > width) {
      lines.push(line);
      line = rest + word;
    } else line = next;
    empty = false;
  }
  lines.push(line);
  return lines;
}
