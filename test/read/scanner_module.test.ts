import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { scannerBytes, SOURCE_HASH } from "../../src/read/scan/module_bytes.ts";
import { assemblyLayoutSource } from "../../tools/wasm/assembly_layout.ts";
import { ASSEMBLY_LAYOUT, MODULE_BYTES, moduleBytesSource, sourceHash } from "../../tools/wasm/scanner_source.ts";

// Compiling takes seconds, so the tests check the module by the hash of what it was
// compiled from; `npm run wasm:check` (in npm test) compiles and compares the bytes.

test("the scanner's AssemblyScript layout is what src/read/scan/layout.ts generates (else: npm run wasm)", () => {
  assert.equal(readFileSync(ASSEMBLY_LAYOUT, "utf8"), assemblyLayoutSource(), "assembly/layout.ts is stale");
});

test("module_bytes.ts was compiled from the AssemblyScript as it is now (else: npm run wasm)", async () => {
  assert.equal(SOURCE_HASH, await sourceHash(), "src/read/scan/module_bytes.ts is stale: run npm run wasm");
  const written = readFileSync(MODULE_BYTES, "utf8");
  assert.equal(written, moduleBytesSource(scannerBytes(), SOURCE_HASH), "module_bytes.ts was edited by hand");
});

test("the scanner module imports only its memory and exports its two entry points", () => {
  const module = new WebAssembly.Module(scannerBytes());
  assert.deepEqual(WebAssembly.Module.imports(module), [{ module: "env", name: "memory", kind: "memory" }]);
  assert.deepEqual(
    WebAssembly.Module.exports(module).map((e) => e.name).sort(),
    ["scanBatch", "scanRecord"],
  );
});
