import { spawnSync } from "node:child_process";
import * as path from "node:path";
import process from "node:process";
import { ROOT } from "./fake_io.ts";

/** The real program under each runtime: the Node bundle, and the source on Bun and Deno. */
export const RUNTIMES: Array<[string, string, string[]]> = [
  ["node", process.execPath.includes("node") ? process.execPath : "node", [path.join(ROOT, "dist", "exechist.mjs")]],
  ["bun", path.join(ROOT, "node_modules", ".bin", "bun"), [path.join(ROOT, "mod.ts")]],
  ["deno", path.join(ROOT, "node_modules", ".bin", "deno"), [
    "run",
    "--allow-read",
    "--allow-env",
    "--allow-write",
    path.join(ROOT, "mod.ts"),
  ]],
];

/** The bundle (dist/exechist.mjs, the package's `bin`) on Bun and Deno as well. */
export const BUNDLES: Array<[string, string, string[]]> = [
  ["bun, bundle", RUNTIMES[1]![1], [path.join(ROOT, "dist", "exechist.mjs")]],
  ["deno, bundle", RUNTIMES[2]![1], [
    "run",
    "--allow-read",
    "--allow-env",
    "--allow-write",
    path.join(ROOT, "dist", "exechist.mjs"),
  ]],
];

// A clean environment: no colour forced by the test runner, a fixed width.
export const ENV: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  TZ: "UTC",
  COLUMNS: "120",
  NO_COLOR: "",
};

export function run(
  runtime: (typeof RUNTIMES)[number],
  argv: string[],
  input?: Uint8Array,
  env: Record<string, string> = {},
) {
  const [, command, prefix] = runtime;
  const result = spawnSync(command, [...prefix, ...argv], {
    cwd: ROOT,
    env: { ...ENV, ...env },
    input: input ?? "",
    maxBuffer: 1 << 28,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}
