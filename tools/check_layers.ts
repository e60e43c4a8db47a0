/**
 * `npm run layers`: fails when the layers of src/ import each other in a circle. A layer
 * is a folder directly under src/ (its subfolders belong to it); the files at the top of
 * src/ are one more layer, "src". Prints each cycle with an import that closes it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";

const root = new URL("../src", import.meta.url).pathname;
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(file: string): string {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0]! : "src";
}

/** For each layer, the layers it imports, with one import that shows it. */
const edges = new Map<string, Map<string, string>>();
for (const file of sourceFiles(root)) {
  for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), match[1]!));
    if (relative(root, target).startsWith("..")) continue;
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from === to) continue;
    const out = edges.get(from) ?? new Map<string, string>();
    if (!out.has(to)) out.set(to, `${relative(root, file)} imports ${relative(root, target)}`);
    edges.set(from, out);
  }
}

/** A path of layers from `from` to `to`, or undefined. */
function pathBetween(from: string, to: string): string[] | undefined {
  const before = new Map<string, string>([[from, ""]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const layer = queue[head]!;
    if (layer === to) {
      const path = [to];
      for (let at = to; at !== from;) path.unshift(at = before.get(at)!);
      return path;
    }
    for (const next of edges.get(layer)?.keys() ?? []) {
      if (!before.has(next)) {
        before.set(next, layer);
        queue.push(next);
      }
    }
  }
  return undefined;
}

const cycles: string[] = [];
for (const [from, out] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
  for (const [to, example] of out) {
    const back = pathBetween(to, from);
    if (back) cycles.push(`${from} -> ${back.join(" -> ")} (${example})`);
  }
}
if (cycles.length > 0) {
  console.error(`src/ has import cycles between its layers:\n  ${cycles.join("\n  ")}`);
  process.exit(1);
}
const order = [...edges.keys()].sort().map((layer) => `${layer} -> ${[...edges.get(layer)!.keys()].sort().join(", ")}`);
console.log(`src/ layers import one way:\n  ${order.join("\n  ")}`);
