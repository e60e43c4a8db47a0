import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Per-name execution counts, as each tool reports them. */
export type NameCounts = Map<string, number>;

/** One contender of the whole-process comparison. */
export interface Tool {
  label: string;
  /** What the row measures, for the README. */
  kind: "summary" | "result" | "piped" | "stream" | "jq" | "duckdb";
  command: string;
  args: string[];
  /** Reads the per-name counts from the tool's standard output (summary, jq and DuckDB rows). */
  counts?: (stdout: string) => NameCounts;
}

/** The paths the comparison runs from: the repository root and the log. */
export interface ToolPaths {
  root: string;
  file: string;
  duckdbPrefix: string | undefined;
  /** Where the rows that measure exechist's index cache keep it (a fresh directory). */
  cacheDir: string;
}

const JQ_PROGRAM = "reduce inputs as $r ({}; .[$r.name] += 1)";

/** True when `command` runs (`command --version` exits 0). */
export function available(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;
}

/** The first line `command --version` prints, or "-". */
export function versionOf(command: string, args: readonly string[] = ["--version"]): string {
  const out = spawnSync(command, args, { encoding: "utf8" });
  return out.status === 0 ? (out.stdout || out.stderr).trim().split("\n")[0]! : "-";
}

/** The local binary of a dev dependency (`bun`, `deno`) without npx, whose start-up would be timed too. */
export function localBinary(root: string, name: string): string {
  return fs.realpathSync(path.join(root, "node_modules", ".bin", name));
}

function summaryCounts(stdout: string): NameCounts {
  const doc = JSON.parse(stdout) as { groups: Array<{ name: string; count: number }> };
  return new Map(doc.groups.map((g) => [g.name, g.count]));
}

function objectCounts(stdout: string): NameCounts {
  return new Map(Object.entries(JSON.parse(stdout) as Record<string, number>));
}

/**
 * exechist `summary --group-by name -o json` and `result N` on Node, Bun and Deno, each
 * running the bundle (dist/exechist.mjs: the package's `bin`, what `npx`, `bunx` and
 * `deno run npm:` start), and `summary` on Bun and Deno from the TypeScript source too.
 */
export function exechistTools(paths: ToolPaths, resultIndex: number): Tool[] {
  const bundle = path.join(paths.root, "dist", "exechist.mjs");
  const mod = path.join(paths.root, "mod.ts");
  const bun = localBinary(paths.root, "bun");
  const deno = localBinary(paths.root, "deno");
  const runtimes = bundleRuntimes(paths);
  const sources: Array<[string, string, string[]]> = [
    ["bun, mod.ts", bun, [mod]],
    ["deno, mod.ts", deno, [...DENO_RUN, mod]],
  ];
  const tools: Tool[] = [];
  for (const [name, command, prefix] of [...runtimes, ...sources]) {
    tools.push({
      label: `exechist summary (${name})`,
      kind: "summary",
      command,
      args: [...prefix, "summary", "--group-by", "name", "-o", "json", paths.file],
      counts: summaryCounts,
    });
  }
  for (const [name, command, prefix] of runtimes) {
    tools.push({
      label: `exechist result ${resultIndex} (${name})`,
      kind: "result",
      command,
      args: [...prefix, "result", String(resultIndex), paths.file],
    });
  }
  // The index cache, warm (the warm-up run writes it): `summary` on Node, `result` on all three.
  const cached = (command: string, prefix: string[]) => ({
    command: "env",
    args: ["EXECHIST_CACHE=1", `EXECHIST_CACHE_DIR=${paths.cacheDir}`, command, ...prefix],
  });
  const node = cached("node", [bundle]);
  tools.push({
    label: "exechist summary, cached (node)",
    kind: "summary",
    command: node.command,
    args: [...node.args, "summary", "--group-by", "name", "-o", "json", paths.file],
    counts: summaryCounts,
  });
  // The first read of a log with the cache on: the index written as the command goes on (a fresh directory each run).
  const fresh = path.join(paths.cacheDir, "fresh");
  tools.push({
    label: "exechist summary, writing the index (node)",
    kind: "summary",
    command: "sh",
    args: [
      "-c",
      `rm -rf "$1" && EXECHIST_CACHE=1 EXECHIST_CACHE_DIR="$1" exec node "$2" summary --group-by name -o json "$3"`,
      "sh",
      fresh,
      bundle,
      paths.file,
    ],
    counts: summaryCounts,
  });
  for (const [name, command, prefix] of runtimes) {
    const warm = cached(command, prefix);
    tools.push({
      label: `exechist result ${resultIndex}, cached (${name})`,
      kind: "result",
      command: warm.command,
      args: [...warm.args, "result", String(resultIndex), paths.file],
    });
  }
  return tools;
}

const DENO_RUN = ["run", "--allow-read", "--allow-env", "--allow-write"];

/** Each runtime with the command and arguments that run the bundle (dist/exechist.mjs). */
function bundleRuntimes(paths: ToolPaths): Array<[string, string, string[]]> {
  const bundle = path.join(paths.root, "dist", "exechist.mjs");
  return [
    ["node", "node", [bundle]],
    ["bun", localBinary(paths.root, "bun"), [bundle]],
    ["deno", localBinary(paths.root, "deno"), [...DENO_RUN, bundle]],
  ];
}

/** `summary --group-by name -o json` of the bundle on each runtime: the rows that set shapes side by side. */
export function groupByTools(paths: ToolPaths): Tool[] {
  return bundleRuntimes(paths).map(([name, command, prefix]) => ({
    label: `exechist summary (${name})`,
    kind: "summary",
    command,
    args: [...prefix, "summary", "--group-by", "name", "-o", "json", paths.file],
    counts: summaryCounts,
  }));
}

/**
 * The log piped in (`cat FILE | exechist summary --group-by name -o json`) and every record
 * written out (`summary -o ndjson FILE > /dev/null`), on each runtime.
 */
export function streamTools(paths: ToolPaths): Tool[] {
  const tools: Tool[] = [];
  const shell = (script: string, command: string, prefix: string[]) => ["-c", script, "sh", command, ...prefix];
  for (const [name, command, prefix] of bundleRuntimes(paths)) {
    tools.push({
      label: `exechist summary, piped (${name})`,
      kind: "piped",
      command: "sh",
      args: shell(`cat "${paths.file}" | "$@" summary --group-by name -o json`, command, prefix),
      counts: summaryCounts,
    });
    tools.push({
      label: `exechist summary -o ndjson > /dev/null (${name})`,
      kind: "stream",
      command: "sh",
      args: shell(`exec "$@" summary -o ndjson "${paths.file}" > /dev/null`, command, prefix),
    });
  }
  return tools;
}

/** jq's idiomatic group-by-name count over a stream of objects. */
export function jqTool(paths: ToolPaths): Tool {
  return {
    label: "jq reduce inputs",
    kind: "jq",
    command: "jq",
    args: ["-c", "-n", JQ_PROGRAM, paths.file],
    counts: objectCounts,
  };
}

/** DuckDB's read_json group-by, through @duckdb/node-api installed outside the repository. */
export function duckdbTools(paths: ToolPaths): Tool[] {
  if (paths.duckdbPrefix === undefined) return [];
  const script = path.join(paths.root, "bench", "duckdb_group.mjs");
  return (["columns", "auto"] as const).map((variant) => ({
    label: `DuckDB read_json (${variant})`,
    kind: "duckdb",
    command: "node",
    args: [script, paths.duckdbPrefix!, paths.file, variant],
    counts: objectCounts,
  }));
}
