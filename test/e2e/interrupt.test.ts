import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ENV, RUNTIMES } from "../helpers/runtimes.ts";

// On Deno, Ctrl-C while standard input was being spooled left $TMPDIR/exechist-*/spool behind:
// a full copy of the input. Nothing may be left behind on any runtime.

const CHUNK = new TextEncoder().encode('{"index":1,"name":"a","status":"success"}\n'.repeat(2000));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every path below `dir`. */
function below(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String);
}

for (const runtime of RUNTIMES) {
  for (const [signal, status] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    const [name, command, prefix] = runtime;
    test(`${name}: ${signal} while standard input is spooled leaves nothing in TMPDIR`, {
      skip: process.platform === "win32",
    }, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-interrupt-"));
      try {
        const child = spawn(command, [...prefix, "summary", "-"], {
          env: { ...ENV, TMPDIR: tmp },
          stdio: ["pipe", "ignore", "ignore"],
        });
        const exited = new Promise<[number | null, string | null]>((resolve) =>
          child.on("exit", (code, sig) => resolve([code, sig]))
        );
        child.stdin.on("error", () => {}); // the reader may be gone before a write
        child.stdin.write(CHUNK);
        // Deno keeps the spool linked (its worker threads open it by path): wait until it is there.
        // Node and Bun unlink it at once, so there is nothing to wait for: give them a moment to start.
        for (let waited = 0; waited < 60_000; waited += 50) {
          if (name === "deno" ? below(tmp).some((p) => p.endsWith("spool")) : waited >= 1500) break;
          await sleep(50);
          child.stdin.write(CHUNK); // a slow writer: the input never ends on its own
        }
        if (name === "deno") assert.ok(below(tmp).some((p) => p.endsWith("spool")), "the spool is there mid-read");
        child.kill(signal);
        const [code, sig] = await exited;
        child.stdin.destroy();
        assert.ok(code === status || sig === signal, `ended by ${signal}: ${code} ${sig}`);
        assert.deepEqual(below(tmp), [], "nothing left behind");
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
}
