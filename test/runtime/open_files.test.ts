import assert from "node:assert/strict";
import { test } from "node:test";
import { type FileAccess, OpenFiles } from "../../src/runtime/open_files.ts";

/** A fake file system: paths to the identity of the file there; handles record what is open. */
function fakeAccess(files: Map<string, string>) {
  const open = new Set<{ path: string; identity: string }>();
  const access: FileAccess<{ path: string; identity: string }> = {
    open(path) {
      const identity = files.get(path);
      if (identity === undefined) throw new Error("ENOENT");
      const handle = { path, identity };
      open.add(handle);
      return handle;
    },
    close(handle) {
      assert.ok(open.delete(handle), `${handle.path} closed twice`);
    },
    identity: (handle) => handle.identity,
  };
  return { access, open };
}

test("files beyond the bound are closed, least recently read first, and opened again when read", () => {
  const files = new Map(Array.from({ length: 10 }, (_, i) => [`log-${i}`, `inode-${i}`] as [string, string]));
  const { access, open } = fakeAccess(files);
  const logs = new OpenFiles(access, 3);
  const ids = [...files.keys()].map((path) => {
    const id = logs.add(path, access.open(path));
    assert.ok(open.size <= 3, `${open.size} open`);
    assert.equal(logs.get(id)?.path, path, "the one just opened stays open");
    return id;
  });
  assert.equal(open.size, 3);
  for (const round of [0, 1]) {
    for (const id of ids) {
      assert.equal(logs.get(id)?.path, `log-${id}`, `round ${round}`);
      assert.ok(open.size <= 3, `${open.size} open`);
    }
  }
  assert.equal(logs.get(ids[9]!), logs.get(ids[9]!), "an open file is not opened again");
  logs.closeAll();
  assert.equal(open.size, 0);
});

test("a file replaced or removed since it was read is not read again", () => {
  const files = new Map([["a", "inode-1"], ["b", "inode-2"], ["c", "inode-4"]]);
  const { access, open } = fakeAccess(files);
  const logs = new OpenFiles(access, 1);
  const a = logs.add("a", access.open("a"));
  const b = logs.add("b", access.open("b"));
  assert.equal(open.size, 1);
  logs.add("c", access.open("c")); // b closed in turn
  files.set("a", "inode-3");
  files.delete("b");
  assert.equal(logs.get(a), undefined);
  assert.equal(logs.get(b), undefined);
  assert.deepEqual([...open].map((handle) => handle.path), ["c"], "the stranger at a's path was closed");
});
