/** Compiles the scanner's AssemblyScript (see scanner_source.ts) into module bytes. */
import asc from "assemblyscript/asc";
import { fileURLToPath } from "node:url";
import { ASC_FLAGS, ASSEMBLY_DIR, ENTRY } from "./scanner_source.ts";

/** The module's bytes; throws with the compiler's messages when it fails. */
export async function compileScanner(): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  const errors: string[] = [];
  const { error } = await asc.main([fileURLToPath(new URL(ENTRY, ASSEMBLY_DIR)), ...ASC_FLAGS, "-o", "scanner.wasm"], {
    writeFile: (name, contents) => {
      if (name.endsWith("scanner.wasm") && typeof contents !== "string") binary = contents;
    },
    stderr: { write: (text: string | Uint8Array) => errors.push(String(text)) } as never,
  });
  if (error !== null || binary === undefined) {
    throw new Error(`Cannot compile the scanner: ${error?.message ?? "no output"}\n${errors.join("")}`);
  }
  return binary;
}
