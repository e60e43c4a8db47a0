import assert from "node:assert/strict";
import { test } from "node:test";
import { outputError, systemErrorWords, temporaryFileError, temporaryFileWriteError } from "../src/errors.ts";

/** A system error as each runtime makes it: Node and Bun with a code, Deno with a code or only "(os error N)". */
const node = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}, write`), { code });
const deno = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

const words: Array<[string, unknown, string]> = [
  ["ENOSPC on Node and Bun", node("ENOSPC", "no space left on device"), "no space left on device"],
  ["ENOSPC on Deno", deno("No space left on device (os error 28)", "ENOSPC"), "no space left on device"],
  ["EFBIG on Deno, which gives no code", deno("File too large (os error 27)"), "file too large"],
  ["EIO", node("EIO", "i/o error"), "input/output error"],
  ["EDQUOT", node("EDQUOT", "quota exceeded"), "disk quota exceeded"],
  ["an unknown code keeps the message", node("EWHATEVER", "odd"), "EWHATEVER: odd, write"],
  ["not an error at all", "boom", "boom"],
];

for (const [name, error, expected] of words) {
  test(`a system error in words, alike on every runtime: ${name}`, () => {
    assert.equal(systemErrorWords(error), expected);
  });
}

test("standard output that cannot be written names the write error and exits 2", () => {
  const error = outputError("standard output", deno("No space left on device (os error 28)", "ENOSPC"));
  assert.equal(error.message, "Cannot write standard output: no space left on device");
  assert.equal(error.exitStatus, 2);
});

test("a full temporary directory says so, and where to point TMPDIR instead", () => {
  const error = temporaryFileWriteError("/tmp", 'the decompressed "run.jsonl.gz"', node("ENOSPC", "no space"));
  assert.equal(
    error.message,
    'Cannot write a temporary file in "/tmp" to hold the decompressed "run.jsonl.gz": no space left on device ' +
      "(set TMPDIR to a directory with more room)",
  );
  assert.equal(error.exitStatus, 2);
  assert.equal(
    temporaryFileError("/nope", "<stdin>", node("ENOENT", "no such file")).message,
    'Cannot make a temporary file in "/nope" to hold <stdin>: no such directory',
  );
});
