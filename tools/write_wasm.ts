/**
 * `npm run wasm`: writes the scanner's generated layout (src/read/scan/assembly/layout.ts,
 * from src/read/scan/layout.ts), compiles the AssemblyScript and writes the bytes to
 * src/read/scan/module_bytes.ts, so that a run loads them without a compiler. With
 * `--check`, writes nothing and fails when either file is not what it would write.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { assemblyLayoutSource } from "./wasm/assembly_layout.ts";
import { compileScanner } from "./wasm/compile_scanner.ts";
import { ASSEMBLY_LAYOUT, MODULE_BYTES, moduleBytesSource, sourceHash } from "./wasm/scanner_source.ts";

const check = process.argv.includes("--check");
const stale: string[] = [];

function update(target: URL, text: string): void {
  if (check) {
    if (readFileSync(target, "utf8") !== text) stale.push(target.pathname);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target.pathname}`);
  }
}

update(ASSEMBLY_LAYOUT, assemblyLayoutSource());
if (stale.length === 0) {
  const bytes = await compileScanner();
  update(MODULE_BYTES, moduleBytesSource(bytes, await sourceHash()));
}
if (stale.length > 0) {
  console.error(`stale (run npm run wasm): ${stale.join(", ")}`);
  process.exitCode = 1;
}
