/** A markdown table cell: pipes escaped, newlines as `<br>`, never empty-looking. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>").replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"));
}

/** A markdown (GFM) table. `align` per column: `l` or `r`. */
export function markdownTable(headers: readonly string[], rows: readonly string[][], align: string): string {
  const sep = headers.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  return [line(headers), `| ${sep.join(" | ")} |`, ...rows.map(line)].join("\n") + "\n";
}
