import { ExechistError } from "../errors.ts";

/**
 * The longest string V8 makes (Node, Deno): 2^29 - 24 UTF-16 units. A line of more bytes
 * than this may not become text; it is refused on every runtime alike (Bun's strings
 * could be longer), before the attempt.
 */
export const MAX_TEXT_BYTES = (1 << 29) - 24;

const decoder = new TextDecoder();

/** A record's line read back as text; `where` (`FILE:LINE`) names it when it is too long to be a string. */
export function lineText(line: Uint8Array, where: string, maxBytes = MAX_TEXT_BYTES): string {
  if (line.length > maxBytes) {
    throw new ExechistError(
      "input",
      `Cannot read back ${where}: its line is ${line.length} bytes, more than can be read as one JavaScript string (${maxBytes})`,
    );
  }
  return decoder.decode(line);
}
