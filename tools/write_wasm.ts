/**
 * `npm run wasm`: assembles the scanner's text (src/read/wasm/scanner_source.ts) and writes
 * the bytes to src/read/wasm/module_bytes.ts, so that a run loads 6 KB instead of assembling 40 KB of text
 * (~25 ms at start-up). Not part of the program; the test of module_bytes.ts says when
 * it is stale.
 */
import { writeFileSync } from "node:fs";
import { assembleModule } from "./wasm/assemble.ts";
import { moduleBytesSource } from "../src/read/wasm/module_text.ts";
import { SCANNER_MODULE } from "../src/read/wasm/scanner_source.ts";

const target = new URL("../src/read/wasm/module_bytes.ts", import.meta.url);
writeFileSync(target, moduleBytesSource(assembleModule(SCANNER_MODULE)));
console.log(`wrote ${target.pathname}`);
