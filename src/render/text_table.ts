import { cut, displayWidth } from "./cell.ts";
import { oneLine } from "./visible_text.ts";

/** A column of a text table. */
export interface TextColumn {
  header: string;
  align?: "left" | "right";
  /** May shrink to this width when the table is too wide (default: never shrinks). */
  minWidth?: number;
  /** Colours a cell (already cut and padded) by its row. */
  paint?: (text: string, row: number) => string;
}

/**
 * Lays out rows as a plain table that fits `width` terminal columns: columns that may
 * shrink are cut with an ellipsis, the rightmost first. Every cell is shown on one line
 * with {@link oneLine}, whatever its caller did. `paintHeader` colours the header line.
 */
export function renderTextTable(
  columns: readonly TextColumn[],
  rows: readonly string[][],
  width: number,
  paintHeader: (text: string) => string = (t) => t,
): string {
  const gap = 2;
  const cells = rows.map((row) => row.map(oneLine));
  const widths = columns.map((c) => displayWidth(c.header));
  for (const row of cells) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, displayWidth(row[i] ?? ""));
  }
  let total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  for (let i = columns.length - 1; i >= 0 && total > width; i--) {
    const min = columns[i]!.minWidth;
    if (min === undefined) continue;
    const take = Math.min(total - width, widths[i]! - Math.min(min, widths[i]!));
    widths[i]! -= take;
    total -= take;
  }
  const line = (texts: readonly string[], paint: (text: string, col: number) => string): string => {
    const out = texts.map((cell, i) => {
      const w = widths[i]!;
      const text = cut(cell, w);
      const fill = " ".repeat(Math.max(0, w - displayWidth(text)));
      const last = i === texts.length - 1;
      const padded = columns[i]!.align === "right" ? fill + text : last ? text : text + fill;
      return paint(padded, i);
    });
    return out.join(" ".repeat(gap)).trimEnd();
  };
  const lines = [line(columns.map((c) => c.header), (t) => paintHeader(t))];
  cells.forEach((row, r) => lines.push(line(row, (t, i) => columns[i]!.paint?.(t, r) ?? t)));
  return lines.join("\n") + "\n";
}
