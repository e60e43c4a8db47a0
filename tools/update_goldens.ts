/**
 * `npm run goldens`: runs every test that compares with a golden file under
 * fixtures/expected/ with UPDATE_GOLDEN=1, so each writes what the code prints now.
 * Review `git diff fixtures/expected` before committing: a golden changes only where
 * the output really improved.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") && readFileSync(path, "utf8").includes("assertGolden(") ? [path] : [];
  });
}

const files = testFiles(join(root, "test")).map((file) => relative(root, file)).sort();
console.log(`writing the goldens of ${files.length} test files`);
const run = spawnSync("npx", ["tsx", "--test", ...files], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, UPDATE_GOLDEN: "1" },
});
process.exit(run.status ?? 1);
