import type { ModuleDef } from "../../../tools/wasm/assemble.ts";
import { BATCH } from "./batch.ts";
import { INTERN_CACHE } from "./intern_cache.ts";
import { ISO_TIME } from "./iso_time.ts";
import { NORMALIZE } from "./normalize.ts";
import { NUMBERS } from "./numbers.ts";
import { RECORD } from "./record.ts";
import { SKIP_VALUES } from "./skip_values.ts";

/**
 * The scanner module as text: what `npm run wasm` assembles into module_bytes.ts (and
 * test/read/scanner_module.test.ts checks that file against).
 */
export const SCANNER_MODULE: ModuleDef = {
  source: SKIP_VALUES + NUMBERS + INTERN_CACHE + ISO_TIME + NORMALIZE + RECORD + BATCH,
  globals: [
    { name: "$escaped", type: "i32" },
    { name: "$slow", type: "i32" },
    { name: "$productError", type: "f64" },
    { name: "$cacheCount", type: "i32" },
    { name: "$arenaUsed", type: "i32" },
  ],
  minPages: 1,
};
