import { Buffer } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { type GeneratorOptions, LogGenerator } from "./records.ts";

const CHUNK_CHARS = 1 << 20;

/** Writes all of `text` to `fd`; false when the reader went away (a closed pipe). */
function writeAll(fd: number, text: string): boolean {
  const bytes = Buffer.from(text, "utf8");
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue;
      if (code === "EPIPE") return false;
      throw error;
    }
  }
  return true;
}

/** Streams `records` generated lines to `fd` in 1 MiB pieces; memory stays flat whatever the size. */
export function writeLog(fd: number, records: number, seed: number, options: GeneratorOptions = {}): void {
  const generator = new LogGenerator(seed, options);
  let chunk = "";
  for (let i = 0; i < records; i++) {
    chunk += generator.nextLine() + "\n";
    if (chunk.length >= CHUNK_CHARS) {
      if (!writeAll(fd, chunk)) return;
      chunk = "";
    }
  }
  if (chunk) writeAll(fd, chunk);
}

/** Writes a generated log to `file` through a temporary name, so an interrupted run leaves no half log. */
export function writeLogFile(file: string, records: number, seed: number, options: GeneratorOptions = {}): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.partial`;
  const fd = fs.openSync(temp, "w");
  try {
    writeLog(fd, records, seed, options);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
