import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./fake_io.ts";

/**
 * Compares `actual` with `fixtures/expected/<name>`. With UPDATE_GOLDEN=1 in the
 * environment it writes the file instead (review the diff before committing).
 */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(ROOT, "fixtures", "expected", name);
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = fs.readFileSync(file, "utf8");
  } catch {
    assert.fail(`golden file fixtures/expected/${name} is missing: run the tests with UPDATE_GOLDEN=1`);
  }
  assert.equal(actual, expected, `output differs from fixtures/expected/${name}`);
}
