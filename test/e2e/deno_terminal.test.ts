import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { ENV, RUNTIMES } from "../helpers/runtimes.ts";

/** `script` (util-linux) runs a command on a pseudo-terminal: colour turns on as on a real one. */
const hasScript = spawnSync("script", ["-qec", "true", "/dev/null"]).status === 0;
const deno = RUNTIMES[2]![1];

for (const program of ["mod.ts", path.join("dist", "exechist.mjs")]) {
  test(
    `deno with --allow-read alone, on a terminal, colours the table and never asks for env access (${program})`,
    { skip: hasScript ? false : "no `script` command to run deno on a pseudo-terminal" },
    () => {
      const command = `${deno} run --allow-read ${program} summary fixtures/logs/sample.jsonl`;
      const got = spawnSync("script", ["-qec", command, "/dev/null"], {
        cwd: ROOT,
        env: { PATH: ENV.PATH!, HOME: ENV.HOME!, TERM: "xterm" },
        input: "n\n",
        timeout: 60_000,
      });
      const out = got.stdout.toString();
      assert.doesNotMatch(out, /Deno requests/);
      assert.ok(out.includes("\x1b[32msuccess"), "the status is coloured");
      assert.match(out, /9 records: 7 success, 2 error/);
      assert.equal(got.status, 0);
    },
  );
}
