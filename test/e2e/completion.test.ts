import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { ENV, run, RUNTIMES } from "../helpers/runtimes.ts";

const hasBash = spawnSync("bash", ["-c", "true"]).status === 0;

/**
 * What bash completes for `words` (the last one being completed), with the script of
 * `exechist completion` sourced and `exechist` on the PATH (the bundle on Node).
 */
function complete(script: string, bin: string, words: string[]): string[] {
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "_exechist_yargs_completions",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  const got = spawnSync("bash", ["--norc", "-c", program], {
    cwd: ROOT,
    env: { ...ENV, PATH: `${bin}${path.delimiter}${ENV.PATH}` },
  });
  assert.equal(got.status, 0, got.stderr.toString());
  return got.stdout.toString().split("\n").filter((line) => line !== "");
}

test("exechist completion: a bash script that completes commands and options", { skip: !hasBash }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-completion-"));
  try {
    const printed = run(RUNTIMES[0]!, ["completion"]);
    assert.equal(printed.status, 0, printed.stderr);
    const script = path.join(dir, "exechist-completion.bash");
    fs.writeFileSync(script, printed.stdout);
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const [, node, [bundle]] = RUNTIMES[0]!;
    fs.writeFileSync(path.join(bin, "exechist"), `#!/bin/sh\nexec "${node}" "${bundle}" "$@"\n`, { mode: 0o755 });
    assert.deepEqual(complete(script, bin, ["exechist", "su"]), ["summary"]);
    assert.deepEqual(complete(script, bin, ["exechist", "re"]).sort(), ["report", "result"]);
    assert.deepEqual(complete(script, bin, ["exechist", "report", "--fail"]), ["--fail-on"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
