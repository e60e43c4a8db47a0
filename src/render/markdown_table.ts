import { cutChars } from "./cut_text.ts";
import { escapeTableCell } from "./markdown_escape.ts";

/** A markdown table column: its header and alignment. */
export interface MarkdownColumn {
  header: string;
  align: "left" | "right";
}

/** Cells longer than this are cut with an ellipsis: a summary is read, not grepped. */
export const MAX_CELL_CHARS = 200;

/** The header and separator lines of a table. */
export function markdownTableHead(columns: readonly MarkdownColumn[]): string {
  const header = columns.map((c) => c.header).join(" | ");
  const rule = columns.map((c) => (c.align === "right" ? "---:" : "---")).join(" | ");
  return `| ${header} |\n| ${rule} |\n`;
}

/** One row: every cell escaped and cut to {@link MAX_CELL_CHARS} characters. */
export function markdownTableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => escapeTableCell(cutChars(cell, MAX_CELL_CHARS))).join(" | ")} |\n`;
}
