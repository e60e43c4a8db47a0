import assert from "node:assert/strict";
import { test } from "node:test";
import { describeBytes, LineCutter, maxLineBytes } from "../../src/read/line_limit.ts";
import { type ByteReader, LogReader } from "../../src/ingest/log_reader.ts";
import { ExecutionRegistry } from "../../src/query/registry.ts";
import { lineText } from "../../src/query/line_text.ts";
import { registryOf } from "../helpers/read_bytes.ts";

const A = '{"name":"a","result":1}';
const B = '{"name":"b","status":"failed"}';
/** A record line of exactly `bytes` bytes. */
const recordOf = (bytes: number): string => {
  const line = `{"name":"fits","result":"${"x".repeat(bytes - 27)}"}`;
  assert.equal(line.length, bytes);
  return line;
};
const TOO_LONG = "line too long (more than 1 KiB)";

for (const chunkSize of [64, 1 << 20]) {
  for (const scanner of [true, false]) {
    test(`a line over the limit is a bad line, skipped whole; reading goes on (chunk ${chunkSize}, scanner ${scanner})`, () => {
      const text = [
        A,
        JSON.stringify({ name: "long", result: "y".repeat(5000) }),
        recordOf(1024),
        recordOf(1025),
        "\0".repeat(10_000),
        B,
        `{"name":"c","result":"${"z".repeat(3000)}`, // the last line: too long, no newline
      ].join("\n");
      const registry = registryOf([["run.jsonl", text]], { chunkSize, scanner, maxLineBytes: 1024 });
      assert.deepEqual([0, 1, 2].map((pos) => registry.nameOf(pos)), ["a", "fits", "b"]);
      assert.deepEqual([0, 1, 2].map((pos) => registry.lineOf(pos)), [1, 3, 6]);
      assert.equal(registry.size, 3);
      assert.deepEqual(
        registry.diagnostics.badLines,
        [2, 4, 5, 7].map((line) => ({ source: "run.jsonl", line, reason: TOO_LONG })),
      );
      assert.equal((registry.details(1).result as string).length, 1024 - 27);
    });
  }
}

test("a line with no end (zeros, as /dev/zero gives) never grows the read buffer past the limit", () => {
  const size = 64 << 20;
  const zeros: ByteReader = (target, offset, length, position) => {
    const n = Math.max(0, Math.min(length, size - position));
    target.fill(0, offset, offset + n);
    return n;
  };
  const reader = new LogReader({ maxLineBytes: 4096 });
  assert.equal(reader.read({ name: "zeros", read: zeros, size }), 1);
  assert.ok((reader as unknown as { scanner: { data: Uint8Array } }).scanner.data.length <= 4096 + 2);
  assert.deepEqual(reader.diagnostics.badLines, [{
    source: "zeros",
    line: 1,
    reason: "line too long (more than 4 KiB)",
  }]);
});

test("a JSON array on one line too long to read still gets the one-object-per-line hint", () => {
  const text = "[" + Array.from({ length: 200 }, () => A).join(",") + "]\n";
  const registry = registryOf([["runs.json", text]], { maxLineBytes: 1024 });
  assert.equal(registry.diagnostics.badLines[0]?.reason, TOO_LONG);
  assert.match(registry.diagnostics.hints[0]!, /^runs\.json: this looks like a JSON array/);
});

test("a record read back once its line has grown past the limit: the log changed (and is not read whole)", () => {
  let data = new TextEncoder().encode(`${A}\n`);
  const reader = new LogReader({ maxLineBytes: 1024 });
  const read: ByteReader = (target, offset, length, position) => {
    const n = Math.max(0, Math.min(length, data.length - position));
    target.set(data.subarray(position, position + n), offset);
    return n;
  };
  reader.read({ name: "run.jsonl", read });
  const registry = new ExecutionRegistry(reader);
  data = new TextEncoder().encode(`{"name":"a","result":"${"x".repeat(5000)}"}\n`);
  assert.throws(() => registry.details(0), {
    message: "Cannot read back run.jsonl:1: the log changed while exechist read it",
  });
});

test("EXECHIST_MAX_LINE_MIB sets the limit in MiB; unset, empty, zero or junk: 512 MiB", () => {
  const cases: Array<[string | undefined, number]> = [
    [undefined, 512 << 20],
    ["", 512 << 20],
    ["0", 512 << 20],
    ["-3", 512 << 20],
    ["lots", 512 << 20],
    ["1", 1 << 20],
    ["1024", 1 << 30],
    ["0.0009765625", 1024],
    ["0.000000001", 1],
  ];
  for (const [text, bytes] of cases) {
    assert.equal(maxLineBytes((name) => (name === "EXECHIST_MAX_LINE_MIB" ? text : undefined)), bytes, text);
  }
  assert.deepEqual([512 << 20, 1024, 1500, 1].map(describeBytes), ["512 MiB", "1 KiB", "1500 bytes", "1 byte"]);
});

test("a record whose line is too long to be a string says so (not that the log changed)", () => {
  const line = new TextEncoder().encode(`{"name":"a","result":"${"x".repeat(100)}"}`);
  assert.equal(lineText(line, "run.jsonl:1", 200), new TextDecoder().decode(line));
  assert.throws(() => lineText(line, "run.jsonl:1", 100), {
    message:
      "Cannot read back run.jsonl:1: its line is 124 bytes, more than can be read as one JavaScript string (100)",
  });
});

test("LineCutter keeps the first limit + 1 bytes of a long line and its newline, across chunks", () => {
  const text = `ab\n${"x".repeat(20)}\nabcde\nabcdef\n${"z".repeat(9)}`;
  const whole = new TextEncoder().encode(text);
  const expected = `ab\nxxxxxx\nabcde\nabcdef\nzzzzzz`;
  for (const size of [1, 2, 3, 5, 7, 64]) {
    const cutter = new LineCutter(5);
    let out = "";
    for (let at = 0; at < whole.length; at += size) {
      const chunk = whole.slice(at, at + size + 3); // bytes past `length` are not the chunk's
      out += new TextDecoder().decode(chunk.subarray(0, cutter.cut(chunk, Math.min(size, whole.length - at))));
    }
    assert.equal(out, expected, `chunks of ${size}`);
  }
});
