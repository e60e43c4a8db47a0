import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/fake_io.ts";
import { stringifyJson } from "../../src/json/stringify.ts";
import type { GraphCheckpoint } from "../../src/state/langgraph_checkpoint.ts";
import type { GraphFile } from "../../src/state/langgraph_history.ts";
import { diffPair, selectGraph } from "../../src/state/langgraph_history.ts";
import { type GraphView, viewGraph } from "../../src/state/langgraph_view.ts";
import { readStateDocument } from "../../src/state/state_document.ts";
import { sha1, uuid5 } from "../../src/state/uuid5.ts";

/** A fixture of fixtures/langgraph/ read as `state` reads it. */
function graphFile(name: string): GraphFile {
  const file = path.join("fixtures", "langgraph", name);
  const doc = readStateDocument(fs.readFileSync(path.join(ROOT, file)), file);
  assert.equal(doc.kind, "langgraph");
  return (doc as Extract<typeof doc, { kind: "langgraph" }>).graph;
}

function newest(name: string): GraphView {
  const g = graphFile(name);
  return viewGraph(selectGraph(g, undefined, undefined).shown);
}

/** A node as a person reads it from the view: `name status (when) writes... | error`. */
function nodes(v: GraphView): string[] {
  return v.nodes.map((n) =>
    `${n.name} ${n.status} (${n.when})${n.writes.length > 0 ? ` writes ${n.writes.join(",")}` : ""}${
      n.error === null ? "" : ` | ${n.error}`
    }${n.interrupts.length > 0 ? ` | ${n.interrupts.length} interrupt` : ""}`
  );
}

// Counted by hand from the files (see fixtures/langgraph/README.md for the graph).
const FAILED_ERROR = "Error: price service returned 503 after 3 retries";
const expectations: Array<{
  file: string;
  kind: string;
  thread: string;
  step: number;
  status: string;
  next: string[];
  failed: string[];
  interrupted: string[];
  nodes: string[];
  channels: string[];
  writes: number;
}> = [
  {
    file: "failed_tuple.json",
    kind: "tuple",
    thread: "ingest-failed",
    step: 1,
    status: "failed",
    next: ["fetch_prices"],
    failed: ["fetch_prices"],
    interrupted: [],
    nodes: [
      "plan completed (earlier)",
      "fetch_docs completed (next) writes docs | AbortError: This operation was aborted",
      `fetch_prices failed (next) | ${FAILED_ERROR}`,
    ],
    channels: ["topic", "steps"],
    writes: 3,
  },
  {
    file: "failed_snapshot.json",
    kind: "snapshot",
    thread: "ingest-failed",
    step: 1,
    status: "failed",
    next: ["fetch_prices"],
    failed: ["fetch_prices"],
    interrupted: [],
    nodes: [
      "fetch_docs completed (next) writes docs | AbortError: This operation was aborted",
      `fetch_prices failed (next) | ${FAILED_ERROR}`,
    ],
    channels: ["topic", "steps", "docs"],
    writes: 0,
  },
  {
    file: "interrupted_tuple.json",
    kind: "tuple",
    thread: "ingest-review",
    step: 2,
    status: "interrupted",
    next: ["review"],
    failed: [],
    interrupted: ["review"],
    nodes: [
      "plan completed (earlier)",
      "fetch_docs completed (earlier)",
      "fetch_prices completed (earlier)",
      "review interrupted (next) | 1 interrupt",
    ],
    channels: ["topic", "steps", "docs", "prices"],
    writes: 1,
  },
  {
    file: "interrupted_snapshot.json",
    kind: "snapshot",
    thread: "ingest-review",
    step: 2,
    status: "interrupted",
    next: ["review"],
    failed: [],
    interrupted: ["review"],
    nodes: ["review interrupted (next) | 1 interrupt"],
    channels: ["topic", "steps", "docs", "prices"],
    writes: 0,
  },
  {
    file: "resumed_tuple.json",
    kind: "tuple",
    thread: "ingest-review",
    step: 4,
    status: "completed",
    next: [],
    failed: [],
    interrupted: [],
    nodes: ["plan", "fetch_docs", "fetch_prices", "review", "publish"].map((n) => `${n} completed (earlier)`),
    channels: ["topic", "steps", "docs", "prices", "approved", "published"],
    writes: 0,
  },
];

for (const e of expectations) {
  test(`a LangGraph ${e.kind} read as a person reads it: ${e.file}`, () => {
    const g = graphFile(e.file);
    assert.equal(g.history, false);
    assert.equal(g.checkpoints.length, 1);
    const v = viewGraph(g.checkpoints[0]!);
    assert.equal(v.checkpoint.kind, e.kind);
    assert.equal(v.checkpoint.threadId, e.thread);
    assert.equal(v.checkpoint.metadata?.get("step"), e.step);
    assert.equal(v.status, e.status);
    assert.deepEqual(v.next, e.next);
    assert.deepEqual(v.failed.map((n) => n.name), e.failed);
    assert.deepEqual(v.interrupted.map((n) => n.name), e.interrupted);
    assert.deepEqual(nodes(v), e.nodes);
    assert.deepEqual([...(v.channels?.keys() ?? [])], e.channels);
    assert.equal(v.writes.length, e.writes);
  });
}

test("a failed node's error and where the resume starts are in the summary", () => {
  const v = newest("failed_tuple.json");
  assert.equal(
    v.summary,
    `The thread stopped after step 1: "fetch_prices" failed (${FAILED_ERROR}); a resume runs "fetch_prices". ` +
      `"fetch_docs" finished in that step and its writes are kept, so a resume does not run it again.`,
  );
});

test("an interrupt's value is read from the __interrupt__ write and from the snapshot's task alike", () => {
  for (const file of ["interrupted_tuple.json", "interrupted_snapshot.json"]) {
    const [review] = newest(file).interrupted;
    assert.deepEqual(
      review!.interrupts.map((i) => stringifyJson(i)),
      ['{"id":"551367ab69ab30922fc2dcfe3f3ef02a","value":{"question":"Publish this summary?","docs":3}}'],
    );
  }
});

test("pending writes are matched to their node by LangGraph's task id (uuid5 of step, node and trigger)", () => {
  const v = newest("failed_tuple.json");
  assert.deepEqual(v.writes.map((w) => `${w.node} ${w.channel}`), [
    "fetch_docs __error__",
    "fetch_docs docs",
    "fetch_prices __error__",
  ]);
  assert.equal(v.nodes.find((n) => n.name === "fetch_prices")?.taskId, "fa34629f-a649-5e87-9a6a-3a33a6cab142");
});

test("a history is oldest first by step, and state shows the newest", () => {
  for (const file of ["resumed_history.json", "resumed_state_history.json"]) {
    const g = graphFile(file);
    assert.equal(g.history, true);
    assert.deepEqual(g.checkpoints.map((c) => c.metadata?.get("step")), [-1, 0, 1, 2, 3, 4]);
    const { shown } = selectGraph(g, undefined, undefined);
    assert.equal(shown.checkpointId, "1f1f0107-68f1-6eb0-8004-074e81c85f5c");
    assert.equal(viewGraph(shown).status, "completed");
  }
});

test("each step of a history: the nodes its next step runs, from the channels or the snapshot's tasks", () => {
  const ran = [["__start__"], ["plan"], ["fetch_docs", "fetch_prices"], ["review"], ["publish"], []];
  for (const file of ["resumed_history.json", "resumed_state_history.json"]) {
    const views = graphFile(file).checkpoints.map(viewGraph);
    assert.deepEqual(views.map((v) => v.nodes.filter((n) => n.when === "next").map((n) => n.name)), ran, file);
  }
  // The snapshots' own `next` (getStateHistory); the tuples' next step has run, its writes pending.
  const next = graphFile("resumed_state_history.json").checkpoints.map((c) => viewGraph(c).next);
  assert.deepEqual(next, ran);
  const tuples = graphFile("resumed_history.json").checkpoints.map(viewGraph);
  assert.deepEqual(tuples.map((v) => v.status), ["pending", "pending", "pending", "pending", "pending", "completed"]);
});

test("--step picks a step of the history, --run a thread by a prefix of its id", () => {
  const g = graphFile("resumed_history.json");
  assert.equal(selectGraph(g, "ingest", 2).shown.checkpointId, "1f1f0107-67db-6990-8002-af444f58b017");
  assert.throws(() => selectGraph(g, undefined, 9), /has no checkpoint at step 9 \(steps: -1, 0, 1, 2, 3, 4\)/);
  assert.throws(() => selectGraph(g, "other", undefined), /No thread "other" .*\(threads: ingest-review\)/);
});

test("--diff of a history: two steps, one step from its parent, or the newest from its parent", () => {
  const g = graphFile("resumed_history.json");
  const steps = (pair: readonly GraphCheckpoint[]) => pair.map((c) => c.metadata?.get("step"));
  assert.deepEqual(steps(diffPair(g, undefined, [1, 3])), [1, 3]);
  assert.deepEqual(steps(diffPair(g, undefined, [2])), [1, 2]);
  assert.deepEqual(steps(diffPair(g, undefined, [])), [3, 4]);
});

test("uuid5 and SHA-1 give the known answers", () => {
  const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  assert.equal(hex(sha1(new TextEncoder().encode("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assert.equal(hex(sha1(new Uint8Array(0))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  const block = new TextEncoder().encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  assert.equal(hex(sha1(block)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  // RFC 4122's DNS namespace: uuid5("python.org") as Python's uuid.uuid5 gives it.
  assert.equal(uuid5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  assert.equal(uuid5("x", "not a uuid"), null);
});

/** A fixture's text with some keys renamed, read as `state` reads a file. */
function renamed(name: string, renames: Record<string, string>): GraphView {
  let text = fs.readFileSync(path.join(ROOT, "fixtures", "langgraph", name), "utf8");
  for (const [from, to] of Object.entries(renames)) text = text.replaceAll(`"${from}":`, `"${to}":`);
  const doc = readStateDocument(text, name);
  assert.equal(doc.kind, "langgraph");
  return viewGraph((doc as Extract<typeof doc, { kind: "langgraph" }>).graph.checkpoints[0]!);
}

test("Python's key names (pending_writes, parent_config, created_at) are read as JavaScript's", () => {
  const tuple = renamed("failed_tuple.json", { pendingWrites: "pending_writes", parentConfig: "parent_config" });
  assert.deepEqual(nodes(tuple), nodes(newest("failed_tuple.json")));
  assert.equal(tuple.checkpoint.parentId, "1f1f0107-667e-67a0-8000-614422127a52");
  const snapshot = renamed("failed_snapshot.json", { createdAt: "created_at", parentConfig: "parent_config" });
  assert.equal(snapshot.checkpoint.created, "2026-12-04T18:28:12.212Z");
  assert.equal(snapshot.checkpoint.parentId, "1f1f0107-667e-67a0-8000-614422127a52");
});

test("the LangGraph server's thread state: its checkpoint and parent_checkpoint name the thread and ids", () => {
  const state = JSON.stringify({
    values: { topic: "widgets" },
    next: ["fetch_prices"],
    tasks: [{ id: "t1", name: "fetch_prices", error: "ValueError('503')", interrupts: [] }],
    metadata: { step: 1, source: "loop" },
    created_at: "2024-07-31T20:14:19.804150+00:00",
    checkpoint: { thread_id: "th-1", checkpoint_ns: "", checkpoint_id: "c-2" },
    parent_checkpoint: { thread_id: "th-1", checkpoint_ns: "", checkpoint_id: "c-1" },
  });
  const doc = readStateDocument(state, "thread_state.json");
  assert.equal(doc.kind, "langgraph");
  const v = viewGraph((doc as Extract<typeof doc, { kind: "langgraph" }>).graph.checkpoints[0]!);
  assert.deepEqual([v.checkpoint.threadId, v.checkpoint.checkpointId, v.checkpoint.parentId], ["th-1", "c-2", "c-1"]);
  assert.deepEqual(nodes(v), ["fetch_prices failed (next) | ValueError('503')"]);
});

test("pending writes of tasks whose ids match no node (not @langchain/langgraph's ids) are shown by task, next unknown", () => {
  const other = "1f1f0107-66bd-6f40-8001-000000000000";
  let text = fs.readFileSync(path.join(ROOT, "fixtures", "langgraph", "failed_tuple.json"), "utf8");
  text = text.replaceAll("1f1f0107-66bd-6f40-8001-3e9ec16508d3", other);
  const doc = readStateDocument(text, "python_like.json");
  const v = viewGraph((doc as Extract<typeof doc, { kind: "langgraph" }>).graph.checkpoints[0]!);
  assert.deepEqual(nodes(v), [
    "plan completed (earlier)",
    "fetch_docs next (next)",
    "fetch_prices next (next)",
    "task 7f001ba7-9766-5f95-840c-99594faa358d completed (next) writes docs | AbortError: This operation was aborted",
    `task fa34629f-a649-5e87-9a6a-3a33a6cab142 failed (next) | ${FAILED_ERROR}`,
  ]);
  assert.equal(v.status, "failed");
  assert.equal(v.next, null);
  assert.ok(v.gaps.some((g) => g.startsWith("which node ran 2 tasks of the pending writes")), v.gaps.join("\n"));
});
