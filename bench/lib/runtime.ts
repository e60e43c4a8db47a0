/** The JavaScript runtime a benchmark runs on. */
export type RuntimeName = "node" | "bun" | "deno";

/** Which runtime `global` is, and its version; takes the global object so a test can pass a fake. */
export function detectRuntime(global: Record<string, unknown>): { name: RuntimeName; version: string } {
  const bun = global["Bun"] as { version?: string } | undefined;
  if (bun?.version) return { name: "bun", version: bun.version };
  const deno = global["Deno"] as { version?: { deno?: string } } | undefined;
  if (deno?.version?.deno) return { name: "deno", version: deno.version.deno };
  const proc = global["process"] as { versions?: { node?: string } } | undefined;
  return { name: "node", version: proc?.versions?.node ?? "unknown" };
}
