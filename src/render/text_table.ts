import { cut, displayWidth } from "./cell.ts";

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
 * Lays out rows as a plain table that fits `width`: columns that may shrink are cut
 * with an ellipsis, the rightmost first. `paintHeader` colours the header line.
 */
export function renderTextTable(
  columns: readonly TextColumn[],
  rows: readonly string[][],
  width: number,
  paintHeader: (text: string) => string = (t) => t,
): string {
  const gap = 2;
  // A loop, not Math.max(...rows): a spread of 150,000 rows overflows the stack.
  const widths = columns.map((c, i) => {
    let widest = displayWidth(c.header);
    for (const row of rows) widest = Math.max(widest, displayWidth(row[i] ?? ""));
    return widest;
  });
  let total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  for (let i = columns.length - 1; i >= 0 && total > width; i--) {
    const min = columns[i]!.minWidth;
    if (min === undefined) continue;
    const take = Math.min(total - width, widths[i]! - Math.min(min, widths[i]!));
    widths[i]! -= take;
    total -= take;
  }
  const line = (cells: readonly string[], paint: (text: string, col: number) => string): string => {
    const out = cells.map((cell, i) => {
      const w = widths[i]!;
      const text = cut(cell, w);
      const fill = " ".repeat(Math.max(0, w - displayWidth(text)));
      const last = i === cells.length - 1;
      const padded = columns[i]!.align === "right" ? fill + text : last ? text : text + fill;
      return paint(padded, i);
    });
    return out.join(" ".repeat(gap)).trimEnd();
  };
  const lines = [line(columns.map((c) => c.header), (t) => paintHeader(t))];
  rows.forEach((row, r) => lines.push(line(row, (t, i) => columns[i]!.paint?.(t, r) ?? t)));
  return lines.join("\n") + "\n";
}
