/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with CRLF ending, as RFC 4180 writes it. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}
