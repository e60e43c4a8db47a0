import assert from "node:assert/strict";
import { test } from "node:test";
import { columnsOf, generateLine, prng } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";
import { countingBatches } from "../helpers/batch_spy.ts";

for (const seed of [1, 2, 3, 4, 5]) {
  test(`scanner agrees with the full parse on 2,000 generated lines (seed ${seed})`, () => {
    const r = prng(seed);
    const text = Array.from({ length: 2000 }, () => generateLine(r)).join("\n") + "\n";
    const scanned = registryOf([["gen.jsonl", text]], { chunkSize: 4096 });
    const parsed = registryOf([["gen.jsonl", text]], { scanner: false, chunkSize: 4096 });
    assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
    // The generator must exercise both outcomes, or the comparison proves little.
    assert.ok(scanned.size > 200, `only ${scanned.size} good records`);
    assert.ok(scanned.diagnostics.badLineCount > 100, `only ${scanned.diagnostics.badLineCount} bad lines`);
    // The scanner decides most lines itself; the fallback is for the rare ones.
    assert.ok(scanned.diagnostics.fallbacks < 2000 * 0.5, `${scanned.diagnostics.fallbacks} fallbacks`);
  });
}

test("scanner agrees with the full parse on every fixture log", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { ROOT } = await import("../helpers/fake_io.ts");
  const dir = path.join(ROOT, "fixtures", "logs");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
  assert.ok(files.length >= 1);
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    assert.deepEqual(
      columnsOf(registryOf([[file, bytes]])),
      columnsOf(registryOf([[file, bytes]], { scanner: false })),
      file,
    );
  }
});

/** Falyx-like records, mostly of the usual kinds (which the scanner normalises itself), with the edge cases of each field. */
function usualLine(r: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const often = <T>(usual: T, others: readonly T[]): T => (r() < 0.7 ? usual : pick(others));
  const fields: Array<[string, string | undefined]> = [
    ["name", often(`"${pick(["fetch", "deploy", "sync_データ", "a"])}"`, [undefined, '""', "7", '"caf\\u00e9"'])],
    [
      "action",
      pick([undefined, undefined, '"act"', '{"ignore_in_history": true}', '{"ignore_in_history": false}', "{}"]),
    ],
    [
      "index",
      often(String(i), [undefined, "null", "-1", "1.5", '"3"', "9007199254740993", "9007199254741000", "-0", "12e2"]),
    ],
    [
      "start_wall",
      often(`"2025-03-01T08:0${i % 10}:56.${i}"`, [
        undefined,
        "null",
        '"2025-03-01T08:03:56Z"',
        '"nope"',
        "1740816236",
      ]),
    ],
    ["end_wall", pick([undefined, undefined, '"2025-03-01T08:04:00+01:00"', '"2025-03-01 08:04:00"', "null"])],
    ["start_time", pick([undefined, "57436.65465293452", "1740816236.5"])],
    ["end_time", pick([undefined, "57456.98698835166", "1740816240", "57456.9e0", '"x"'])],
    [
      "duration",
      often(String(r() * 10), [
        undefined,
        "null",
        '"1.5"',
        "NaN",
        "1e400",
        "-0.5",
        "3.3384072594344616e-05",
        "1E+2",
        "2.5e-07",
        "7e-30",
      ]),
    ],
    ["duration_ms", pick([undefined, undefined, "1500", "2.5"])],
    [
      "status",
      often(`"${pick(["OK", "ERROR", "cancelled"])}"`, [
        undefined,
        "null",
        "1",
        '"O\\u004b"',
        '{"code":2,"message":"m"}',
        '{"code":"STATUS_CODE_OK"}',
        "{}",
        '{"code":"x"}',
      ]),
    ],
    ["state_type", pick([undefined, undefined, undefined, '"FAILED"', '"COMPLETED"', '"CANCELLED"', "null", "3"])],
    [
      "state",
      pick([undefined, undefined, undefined, '{"type":"CRASHED","message":"m"}', '{"type":"COMPLETED"}', "{}"]),
    ],
    ["level", pick([undefined, undefined, undefined, "30", "50", "60", '"error"', '"info"', '"ERROR"', "null"])],
    ["levelname", pick([undefined, undefined, undefined, '"ERROR"', '"INFO"', '"CRITICAL"', '"\\u0045RROR"'])],
    [
      "exception",
      pick([undefined, undefined, "null", "false", "true", "0", '""', '"boom"', "{}", '{"type":"E"}', "[]", "[1]"]),
    ],
    ["run_id", often(`"run-${i % 3}"`, [undefined, "null", "42", '"r\\u0031"', "[]"])],
    ["ignore_in_history", pick([undefined, undefined, "true", "false", "null", "1"])],
  ];
  const present = fields.filter(([, value]) => value !== undefined);
  for (let k = present.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [present[k], present[j]] = [present[j]!, present[k]!];
  }
  return `{${present.map(([key, value]) => `"${key}":${value}`).join(",")}}`;
}

test("scanner agrees with the full parse on Falyx-like records, normalised by the scanner or not", () => {
  const r = prng(7);
  const text = Array.from({ length: 4000 }, (_, i) => usualLine(r, i)).join("\n") + "\n";
  const scanned = registryOf([["usual.jsonl", text]], { chunkSize: 4096 });
  const parsed = registryOf([["usual.jsonl", text]], { scanner: false, chunkSize: 4096 });
  assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
  assert.ok(
    scanned.size > 1000 && scanned.diagnostics.badLineCount > 200,
    `${scanned.size} good, ${scanned.diagnostics.badLineCount} bad`,
  );
});

test("records read in batches agree with the full parse: full batches, and stops at blank, bad, CRLF-free and unusual lines", () => {
  const line = (i: number): string => {
    if (i % 1700 === 1699) return "";
    if (i === 3000) return "{not json";
    const index = i % 11 === 0 ? "" : `"index":${i},`;
    const end = i % 13 === 0 ? `,"end_wall":"2025-03-01T08:05:00Z"` : "";
    const name = i % 500 === 7 ? "n\\u0031" : `n${i % 5}`; // an escaped name: normalised in JavaScript
    return `{"name":"${name}",${index}"start_wall":"2025-03-01T08:04:16.${i}","duration":${
      i / 7
    },"status":"OK","run_id":"r1"${end}}`;
  };
  const text = Array.from({ length: 6000 }, (_, i) => line(i) + (i % 9 === 0 ? "\r\n" : "\n")).join("");
  countingBatches((sizes) => {
    for (const chunkSize of [1 << 20, 4096]) {
      sizes.length = 0;
      const scanned = registryOf([["batch.jsonl", text]], { chunkSize });
      const parsed = registryOf([["batch.jsonl", text]], { scanner: false, chunkSize });
      assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
      assert.equal(scanned.size, 6000 - 3 - 1);
      const staged = sizes.reduce((sum, n) => sum + n, 0);
      assert.ok(staged > scanned.size * 0.9, `${staged} of ${scanned.size} records staged`);
      if (chunkSize > 4096) assert.ok(sizes.includes(1024), "some batch is full");
    }
  });
});

test("scanner agrees with the full parse on times at the edges: years 0001 and 9999, negative and huge numbers", () => {
  const edges = [
    "1e30",
    "-1e12",
    "-1e9",
    "-999999999",
    "2.6e20",
    "253402300799999999999",
    '"0000-01-01T00:00:00Z"',
    '"0001-01-01T00:00:00Z"',
    '"0001-01-01T00:00:00+01:00"',
    '"9999-12-31T23:59:59.999999999Z"',
    '"9999-12-31T23:59:59.999999999"',
    '"9999-12-31T23:00:00-05:00"',
    '"1e30"',
    '"123456789012345678901234567"',
    '"-1000000000000"',
  ];
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const edge = edges[i % edges.length]!;
    // Usual lines between the edge cases, so that both go through the batches the scanner normalises.
    lines.push(
      `{"name":"n${i % 5}","index":${i},"start_wall":"2025-03-01T08:04:16.${i}","duration":0.5,"status":"OK"}`,
    );
    lines.push(`{"name":"e${i % 3}","index":${i},"start_wall":${edge},"end_wall":${edge},"status":"OK"}`);
  }
  const text = lines.join("\n") + "\n";
  const scanned = registryOf([["edges.jsonl", text]], { chunkSize: 4096 });
  const parsed = registryOf([["edges.jsonl", text]], { scanner: false, chunkSize: 4096 });
  assert.deepEqual(columnsOf(scanned), columnsOf(parsed));
  assert.equal(scanned.diagnostics.badLineCount, parsed.diagnostics.badLineCount);
  // 1e30, -1e12, -1e9, 2.6e20, 2.5e20 as a number past 9999, year 0000, "1e30", 27 digits, "-1e12": bad lines.
  assert.equal(scanned.diagnostics.badLineCount, 3000 * 9 / 15);
});
