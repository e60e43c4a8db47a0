import { VS16_WIDE_RANGES, WIDE_RANGES, ZERO_WIDTH_RANGES } from "./width_tables.ts";

/**
 * Columns a terminal gives text, measured much as the `wcswidth` of Python's wcwidth package
 * does, from its tables: East Asian Wide and Fullwidth characters and emoji take two,
 * combining marks and format characters (zero-width space and joiner, variation selectors)
 * none, the rest one (East Asian Ambiguous too). In emoji sequences, what a zero-width joiner
 * joins to a wide character, a skin-tone modifier after one and the second of a pair of
 * regional indicators (a flag) add nothing; U+FE0F makes a narrow emoji (❤) wide.
 * Control characters count one (text views show them escaped before they are measured).
 * The tables are read at the first text that is not ASCII.
 */

let tables: { wide: Uint32Array; zero: Uint32Array; vs16: Uint32Array } | undefined;

function decode(ranges: string): Uint32Array {
  const parts = ranges.split(",");
  const out = new Uint32Array(parts.length * 2);
  parts.forEach((part, i) => {
    const dash = part.indexOf("-");
    out[2 * i] = parseInt(dash < 0 ? part : part.slice(0, dash), 16);
    out[2 * i + 1] = parseInt(dash < 0 ? part : part.slice(dash + 1), 16);
  });
  return out;
}

function inRanges(cp: number, table: Uint32Array): boolean {
  let lo = 0;
  let hi = table.length / 2 - 1;
  if (cp < table[0]! || cp > table[table.length - 1]!) return false;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[2 * mid]!) hi = mid - 1;
    else if (cp > table[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function getTables(): NonNullable<typeof tables> {
  return tables ??= {
    wide: decode(WIDE_RANGES),
    zero: decode(ZERO_WIDTH_RANGES),
    vs16: decode(VS16_WIDE_RANGES),
  };
}

/** Columns of one code point on its own: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x300) return 1;
  const t = getTables();
  if (inRanges(cp, t.zero)) return 0;
  return inRanges(cp, t.wide) ? 2 : 1;
}

const ZWJ = 0x200d;
const VS16 = 0xfe0f;

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Reads text one code point at a time, giving each the columns it adds in its place. */
export class WidthCursor {
  /** The last code point that took columns, or -1. */
  private last = -1;
  /** Whether it is shown two columns wide (U+FE0F can make it so). */
  private lastWide = false;
  private joined = false;
  private vs16Used = false;
  private regionalRun = 0;

  /** The columns `cp` adds after what came before it. */
  next(cp: number): number {
    if (this.joined) {
      // What a zero-width joiner joins to the emoji before it adds nothing.
      this.joined = false;
      return 0;
    }
    if (cp === ZWJ) {
      this.joined = this.lastWide;
      return 0;
    }
    if (cp === VS16) {
      if (this.last < 0 || this.vs16Used || this.lastWide || !inRanges(this.last, getTables().vs16)) return 0;
      this.vs16Used = true;
      this.lastWide = true;
      return 1;
    }
    if (isRegionalIndicator(cp)) {
      // Two make a flag: the first of each pair is wide, the second adds nothing.
      this.regionalRun++;
      if (this.regionalRun % 2 === 0) return 0;
    } else {
      this.regionalRun = 0;
      if (cp >= 0x1f3fb && cp <= 0x1f3ff && this.lastWide) return 0;
    }
    const w = codePointWidth(cp);
    if (w > 0) {
      this.last = cp;
      this.lastWide = w === 2;
      this.vs16Used = false;
    }
    return w;
  }
}

// Printable ASCII only: one column each.
const PLAIN = /^[\u0020-\u007e]*$/;

/** Display width of a string in terminal columns (see {@link WidthCursor}). */
export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  const cursor = new WidthCursor();
  let width = 0;
  for (const ch of text) width += cursor.next(ch.codePointAt(0)!);
  return width;
}
