import assert from "node:assert/strict";
import { test } from "node:test";
import { filterPositions } from "../../src/query/filter.ts";
import { type GroupKey, groupPositions, type GroupStats } from "../../src/query/group.ts";
import { prng } from "../helpers/gen_lines.ts";
import { registryOf } from "../helpers/read_bytes.ts";

interface Row {
  name: string;
  status: string;
  run: string;
  duration: number | undefined;
  /** Epoch microseconds of start_wall, when the record has one. */
  start: number | undefined;
}

/** The reference: each group's records gathered by hand, durations sorted and interpolated. */
function byHand(rows: Row[], by: GroupKey): Array<Partial<GroupStats>> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    // Statuses group by class: OK is success, failed is error, others as written.
    const key = by === "name"
      ? row.name
      : by === "run"
      ? row.run
      : ({ OK: "success", failed: "error" }[row.status] ?? row.status);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  }
  return [...groups].map(([key, own]) => {
    const durations = own.flatMap((r) => (r.duration === undefined ? [] : [r.duration])).sort((a, b) => a - b);
    const quantile = (q: number) => {
      if (durations.length === 0) return null;
      const rank = (durations.length - 1) * q;
      const a = durations[Math.floor(rank)]!;
      const b = durations[Math.ceil(rank)]!;
      return a + (b - a) * (rank - Math.floor(rank));
    };
    const total = durations.reduce((sum, d) => sum + d, 0);
    const starts = own.flatMap((r) => (r.start === undefined ? [] : [r.start]));
    const success = own.filter((r) => r.status === "OK").length;
    const error = own.filter((r) => r.status === "failed").length;
    return {
      key,
      count: own.length,
      success,
      error,
      other: own.length - success - error,
      p50: quantile(0.5),
      p95: quantile(0.95),
      max: durations.length ? durations[durations.length - 1]! : null,
      meanDuration: durations.length ? total / durations.length : null,
      firstStart: starts.length ? { micros: Math.min(...starts), clock: 2 } : null,
      lastStart: starts.length ? { micros: Math.max(...starts), clock: 2 } : null,
    };
  });
}

test("groupPositions agrees with grouping by hand: 700 names (keys past every table size), untimed and unstarted records, a filtered subset", () => {
  const random = prng(11);
  const rows: Row[] = [];
  const lines: string[] = [];
  const base = Date.UTC(2025, 5, 1) * 1000;
  for (let i = 0; i < 6000; i++) {
    // The first 700 names appear in turn, later ones skewed towards the low ids.
    const name = `job-${i < 700 ? i : Math.floor(random() ** 3 * 700)}`;
    const status = ["OK", "OK", "OK", "failed", "cancelled"][Math.floor(random() * 5)]!;
    const run = `run-${Math.floor(random() * 300)}`;
    const duration = random() < 0.1 ? undefined : Math.round(random() * 1e6) / 1e3;
    const start = random() < 0.15 ? undefined : base + Math.floor(random() * 86400e6);
    rows.push({ name, status, run, duration, start });
    const record: Record<string, unknown> = { name, index: i, status, run_id: run };
    if (duration !== undefined) record.duration = duration;
    if (start !== undefined) {
      record.start_wall = new Date(start / 1000).toISOString().replace("Z", "") + String(start % 1000).padStart(3, "0");
    }
    lines.push(JSON.stringify(record));
  }
  const registry = registryOf([["groups.jsonl", lines.join("\n") + "\n"]]);
  assert.equal(registry.size, rows.length);
  const check = (positions: Uint32Array, subset: Row[], by: GroupKey) => {
    const got = groupPositions(registry, positions, by).map((g) => ({
      key: g.key,
      count: g.count,
      success: g.success,
      error: g.error,
      other: g.other,
      p50: g.p50,
      p95: g.p95,
      max: g.max,
      meanDuration: g.meanDuration === null ? null : Number(g.meanDuration.toPrecision(12)),
      firstStart: g.firstStart,
      lastStart: g.lastStart,
    }));
    const want = byHand(subset, by).map((g) => ({
      ...g,
      meanDuration: g.meanDuration === null ? null : Number(g.meanDuration!.toPrecision(12)),
    }));
    assert.deepEqual(got, want, by);
  };
  const all = filterPositions(registry, {});
  for (const by of ["name", "status", "run"] as const) check(all, rows, by);
  const failed = filterPositions(registry, { status: "error" });
  check(failed, rows.filter((r) => r.status === "failed"), "name");
  assert.deepEqual(groupPositions(registry, new Uint32Array(0), "name"), []);
});

test("group-by with no positions groups every record, as with all of them listed", () => {
  const r = prng(3);
  const rows = Array.from(
    { length: 500 },
    (_, i) => ({ name: `n${Math.floor(r() * 9)}`, index: i, duration: r() < 0.1 ? undefined : r() }),
  );
  const registry = registryOf([["all.jsonl", rows.map((row) => JSON.stringify(row)).join("\n") + "\n"]]);
  const every = Uint32Array.from({ length: registry.size }, (_, i) => i);
  for (const by of ["name", "status", "run"] as const) {
    assert.deepEqual(groupPositions(registry, undefined, by), groupPositions(registry, every, by), by);
  }
  assert.equal(groupPositions(registry, undefined, "name").reduce((n, g) => n + g.count, 0), 500);
});
