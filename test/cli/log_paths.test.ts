import assert from "node:assert/strict";
import { test } from "node:test";
import type { ListedFile, PathKind } from "../../src/io.ts";
import { expandLogPaths } from "../../src/cli/log_paths.ts";
import { ExechistError } from "../../src/errors.ts";

/** A file system of one directory `d` holding `listed`, and stderr as text. */
function ioWith(listed: ListedFile[]) {
  const stderr = {
    text: "",
    write: (t: string) => void (stderr.text += t),
    isTTY: false,
    columns: undefined,
    flush() {},
  };
  return {
    stderr,
    pathKind: (path: string): PathKind => (path === "d" ? "directory" : "file"),
    listFiles: (_dir: string, suffix: string) => listed.filter((f) => f.path.endsWith(suffix)),
  };
}

test("a directory gives its regular log files, sorted; files and - as given", () => {
  const io = ioWith([
    { path: "d/b.jsonl", kind: "file" },
    { path: "d/a.ndjson.gz", kind: "file" },
    { path: "d/a.jsonl", kind: "file" },
  ]);
  assert.deepEqual(expandLogPaths(["x.jsonl", "d", "-"], io), [
    "x.jsonl",
    "d/a.jsonl",
    "d/a.ndjson.gz",
    "d/b.jsonl",
    "-",
  ]);
  assert.equal(io.stderr.text, "");
});

test("a named pipe, socket or device below a directory is skipped unopened, and said so", () => {
  const io = ioWith([
    { path: "d/a.jsonl", kind: "file" },
    { path: "d/fifo.jsonl", kind: "named pipe" },
    { path: "d/dev.jsonl.gz", kind: "device" },
  ]);
  assert.deepEqual(expandLogPaths(["d"], io), ["d/a.jsonl"]);
  assert.equal(
    io.stderr.text,
    'exechist: Cannot read "d/fifo.jsonl": it is a named pipe, not a regular file: skipped\n' +
      'exechist: Cannot read "d/dev.jsonl.gz": it is a device, not a regular file: skipped\n',
  );
  const only = ioWith([{ path: "d/fifo.jsonl", kind: "named pipe" }]);
  assert.throws(() => expandLogPaths(["d"], only), (e) => e instanceof ExechistError && /no \.jsonl/.test(e.message));
});
