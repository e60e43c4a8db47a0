/**
 * ANSI colours for the table and text views, in picocolors' shape and with its escape
 * codes: nested colours close and reopen as picocolors does, so the output is the
 * same byte for byte. Our own because picocolors reads `process` when it is imported,
 * which on Deno starts its whole Node layer (~30 ms) before any command runs.
 */

/** The colour functions the views use; each is `String` when colour is off. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
}

/** Wraps text in `open` … `close`; a `close` inside the text becomes `replace`, so an outer colour resumes. */
function formatter(open: string, close: string, replace = open): (text: string) => string {
  return (text) => {
    let index = text.indexOf(close, open.length);
    if (index < 0) return open + text + close;
    let out = "";
    let cursor = 0;
    do {
      out += text.substring(cursor, index) + replace;
      cursor = index + close.length;
      index = text.indexOf(close, cursor);
    } while (index >= 0);
    return open + out + text.substring(cursor) + close;
  };
}

/** The colour functions, on or off. */
export function createColors(enabled: boolean): Colors {
  const f = enabled ? formatter : () => String;
  return {
    bold: f("\x1b[1m", "\x1b[22m", "\x1b[22m\x1b[1m"),
    dim: f("\x1b[2m", "\x1b[22m", "\x1b[22m\x1b[2m"),
    red: f("\x1b[31m", "\x1b[39m"),
    green: f("\x1b[32m", "\x1b[39m"),
    yellow: f("\x1b[33m", "\x1b[39m"),
    cyan: f("\x1b[36m", "\x1b[39m"),
    magenta: f("\x1b[35m", "\x1b[39m"),
  };
}
