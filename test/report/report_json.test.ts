import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture, runCli } from "../helpers/fake_io.ts";

test("json: the same facts as the markdown, as data", async () => {
  const run = await runCli(["report", "-o", "json", fixture("report", "realistic.jsonl")]);
  assert.equal(run.status, 1);
  const doc = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(doc), [
    "total",
    "matched",
    "counts",
    "other_statuses",
    "bad_lines",
    "fail_on",
    "failing",
    "span",
    "names",
    "slowest",
    "failure_groups",
    "failures_total",
    "failures_grouped",
    "failures",
  ]);
  assert.equal(doc.total, 23);
  assert.equal(doc.matched, 23);
  assert.deepEqual(doc.counts, { success: 15, error: 5, other: 3 });
  assert.deepEqual(doc.other_statuses, { cancelled: 2, running: 1 });
  assert.equal(doc.bad_lines, 1);
  assert.equal(doc.fail_on, "error");
  assert.equal(doc.failing, true);
  assert.deepEqual(doc.span, {
    start: "2025-06-01T09:00:00Z",
    end: "2025-06-01T09:02:49.540Z",
    wall_seconds: 169.54,
    busy_seconds: doc.span.busy_seconds,
  });
  assert.ok(Math.abs(doc.span.busy_seconds - 164.29) < 1e-9);
  assert.equal(doc.names.reduce((sum: number, g: { count: number }) => sum + g.count, 0), 23);
  assert.deepEqual(doc.names.map((g: { name: string }) => g.name), [
    "fetch_orders",
    "validate_order",
    "charge_card",
    "send_receipt",
    "nightly_export",
  ]);
  assert.equal(doc.slowest.length, 10);
  assert.equal(doc.slowest[0].name, "nightly_export");
  assert.equal(doc.failures_total, 5);
  assert.equal(doc.failures_grouped, 5);
  assert.equal(doc.failure_groups.reduce((sum: number, g: { count: number }) => sum + g.count, 0), 5);
  assert.deepEqual(doc.failure_groups[0], {
    type: "ReadTimeout",
    message: "HTTPSConnectionPool(host='orders.ap.internal', port=443): Read timed out. (read timeout=30)",
    count: 2,
    first_index: 2,
    first_name: "fetch_orders",
    first_source: "fixtures/report/realistic.jsonl:3",
  });
  assert.equal(doc.failures.length, 5);
  for (const f of doc.failures) {
    assert.equal(f.status, "error");
    assert.equal(typeof f.traceback, "string");
    assert.equal(typeof f.signature, "string");
    assert.equal(typeof f.exception_type, "string");
  }
  assert.equal(doc.failures[2].exception_type, "stripe.error.CardError");
  assert.equal(doc.failures[2].exception_message, "Your card was declined.");
});

test("json: filters, --fail-on and big integers", async () => {
  const run = await runCli([
    "report",
    "-o",
    "json",
    "--fail-on",
    "none",
    "-n",
    "emoji 🎉",
    fixture("report", "nasty.jsonl"),
  ]);
  assert.equal(run.status, 0);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.total, 9);
  assert.equal(doc.matched, 1);
  assert.equal(doc.fail_on, "none");
  assert.equal(doc.failing, false);
  assert.equal(doc.names[0].p50, null, "NaN duration is null");
  const full = await runCli(["report", "-o", "json", fixture("report", "nasty.jsonl")]);
  assert.ok(!full.stdout.includes("NaN"));
  JSON.parse(full.stdout);
});
