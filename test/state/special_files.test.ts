import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { fixture, ROOT, runCli } from "../helpers/fake_io.ts";
import { ENV, RUNTIMES } from "../helpers/runtimes.ts";
import { maxCheckpointBytes } from "../../src/state/checkpoint_file.ts";

// Checkpoints that are not regular files, and ones too large: `state DIR` with a named pipe or a
// link to /dev/zero inside hung or grew without bound, and `state /dev/zero` never answered.

const CHECKPOINT = fs.readFileSync(path.join(ROOT, fixture("checkpoint", "runs", "cancelled.json")));
const unix = process.platform !== "win32";

/** A directory holding one good checkpoint and every kind of file that is not one. */
function hostileDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-state-"));
  fs.writeFileSync(path.join(dir, "good.json"), CHECKPOINT);
  assert.equal(spawnSync("mkfifo", [path.join(dir, "fifo.json")]).status, 0, "mkfifo");
  fs.symlinkSync("/dev/zero", path.join(dir, "zero.json"));
  fs.symlinkSync("loop.json", path.join(dir, "loop.json"));
  fs.symlinkSync("nothing-here", path.join(dir, "broken.json"));
  return dir;
}

const EXPECTED_ERRORS = (dir: string): string =>
  [
    `exechist: Cannot read checkpoint "${dir}/broken.json": no such file`,
    `exechist: Cannot read checkpoint "${dir}/fifo.json": it is a named pipe, not a regular file: skipped`,
    `exechist: Cannot read checkpoint "${dir}/loop.json": too many levels of symbolic links`,
    `exechist: Cannot read checkpoint "${dir}/zero.json": it is a device, not a regular file: skipped`,
  ].join("\n") + "\n";

/** The program on a runtime, stopped after a minute: what these tests catch used to hang. */
function run(runtime: (typeof RUNTIMES)[number], argv: string[], env: Record<string, string> = {}) {
  const [, command, prefix] = runtime;
  const result = spawnSync(command, [...prefix, ...argv], { cwd: ROOT, env: { ...ENV, ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

/**
 * The program with the checkpoint named as a named pipe that `cat` writes into, as `<(cat FILE)`
 * gives (Deno wants --allow-all for /dev/fd/N and /dev/stdin, so a pipe of our own).
 */
function throughPipe(runtime: (typeof RUNTIMES)[number], argv: string[], env: Record<string, string> = {}) {
  const [, command, prefix] = runtime;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exechist-pipe-"));
  try {
    const pipe = path.join(dir, "checkpoint");
    assert.equal(spawnSync("mkfifo", [pipe]).status, 0, "mkfifo");
    const file = path.join(ROOT, fixture("checkpoint", "runs", "cancelled.json"));
    const script = 'f=$1; p=$2; shift 2; cat "$f" > "$p" & "$@" "$p"';
    const result = spawnSync("sh", ["-c", script, "sh", file, pipe, command, ...prefix, ...argv], {
      cwd: ROOT,
      env: { ...ENV, ...env },
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const runtime of RUNTIMES) {
  const [name] = runtime;

  test(`${name}: state DIR skips a named pipe and a link to /dev/zero, unopened, and says each why once`, {
    skip: !unix,
  }, () => {
    const dir = hostileDirectory();
    try {
      const shown = run(runtime, ["state", dir]);
      assert.equal(shown.stderr, EXPECTED_ERRORS(dir));
      assert.equal(shown.status, 0);
      assert.match(shown.stdout, /^Checkpoints in .*: 1 run, 1 checkpoint, 4 unreadable files$/m);
      const strict = run(runtime, ["state", "--strict", dir]);
      assert.equal(strict.status, 2);
      assert.match(strict.stderr, /4 checkpoints could not be read \(--strict\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${name}: state /dev/zero is refused once it passes EXECHIST_MAX_CHECKPOINT_MIB`, { skip: !unix }, () => {
    const refused = run(runtime, ["state", "/dev/zero"], { EXECHIST_MAX_CHECKPOINT_MIB: "1" });
    assert.equal(refused.status, 2);
    assert.equal(
      refused.stderr,
      'exechist: Cannot read checkpoint "/dev/zero": it is larger than the limit of 1 MiB for a checkpoint ' +
        "(EXECHIST_MAX_CHECKPOINT_MIB sets it)\n",
    );
  });

  test(`${name}: a checkpoint through a pipe is read as a stream, within the limit`, { skip: !unix }, () => {
    const piped = throughPipe(runtime, ["state", "-o", "json"]);
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal((JSON.parse(piped.stdout) as { run_id: string }).run_id, "a41ffd57d11c");
    const tooLarge = throughPipe(runtime, ["state"], { EXECHIST_MAX_CHECKPOINT_MIB: "0.0001" });
    assert.equal(tooLarge.status, 2);
    assert.match(tooLarge.stderr, /it is larger than the limit of 104 bytes for a checkpoint/);
  });

  test(`${name}: a regular checkpoint over the limit is refused before it is read`, () => {
    const file = fixture("checkpoint", "runs", "cancelled.json");
    const refused = run(runtime, ["state", file], { EXECHIST_MAX_CHECKPOINT_MIB: "0.0001" });
    assert.equal(refused.status, 2);
    assert.equal(
      refused.stderr,
      `exechist: Cannot read checkpoint "${file}": it is larger than the limit of 104 bytes for a checkpoint ` +
        "(EXECHIST_MAX_CHECKPOINT_MIB sets it)\n",
    );
  });
}

test("the checkpoint limit: 1 GiB, or EXECHIST_MAX_CHECKPOINT_MIB; anything but a positive number is a usage error", async () => {
  const env =
    (value: string | undefined) => (name: string) => (name === "EXECHIST_MAX_CHECKPOINT_MIB" ? value : undefined);
  assert.equal(maxCheckpointBytes(env(undefined)), 2 ** 30);
  assert.equal(maxCheckpointBytes(env("")), 2 ** 30);
  assert.equal(maxCheckpointBytes(env("16")), 16 * 2 ** 20);
  for (const bad of ["0", "-1", "lots", "Infinity"]) {
    assert.throws(() => maxCheckpointBytes(env(bad)), /positive number/);
  }
  const run = await runCli(["state", fixture("checkpoint", "failed.json")], {
    env: { EXECHIST_MAX_CHECKPOINT_MIB: "none" },
  });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'exechist: EXECHIST_MAX_CHECKPOINT_MIB must be a positive number of MiB, not "none"\n');
});
