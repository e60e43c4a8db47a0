import assert from "node:assert/strict";
import { test } from "node:test";
import { assembleModule } from "../../tools/wasm/assemble.ts";
import { scannerBytes } from "../../src/read/wasm/module_bytes.ts";
import { moduleBytesSource } from "../../src/read/wasm/module_text.ts";
import { SCANNER_MODULE } from "../../src/read/wasm/scanner_source.ts";

test("module_bytes.ts is what the scanner's text assembles to (else: npm run wasm)", async () => {
  const assembled = assembleModule(SCANNER_MODULE);
  assert.deepEqual(scannerBytes(), assembled, "src/read/wasm/module_bytes.ts is stale: run npm run wasm");
  const fs = await import("node:fs");
  const written = fs.readFileSync(new URL("../../src/read/wasm/module_bytes.ts", import.meta.url), "utf8");
  assert.equal(written, moduleBytesSource(assembled), "module_bytes.ts was edited by hand: run npm run wasm");
});
