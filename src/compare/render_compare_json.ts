import { stringifyJson } from "../json/stringify.ts";
import type { JsonValue } from "../json/value.ts";
import type { Comparison, FailureChange, NameComparison, SideTotals } from "./compare_logs.ts";
import type { NameFigures } from "./name_samples.ts";
import { verdictRule } from "./verdict.ts";

const object = (entries: Array<[string, JsonValue]>): JsonValue => new Map(entries);
const finite = (n: number | null): number | null => (n !== null && Number.isFinite(n) ? n : null);

/**
 * The comparison as one JSON document: the rule, both sides' totals, every action
 * (durations in seconds, `change` relative, `p_value` two-sided), the names new and
 * gone, the new and fixed failures, and whether `--fail-on` is met.
 */
export function renderCompareJson(comparison: Comparison, failOn: string, failing: boolean): string {
  const { options } = comparison;
  const doc = object([
    [
      "rule",
      object([
        ["slower", options.slower],
        ["alpha", options.alpha],
        ["text", verdictRule(options.slower, options.alpha)],
      ]),
    ],
    ["base", sideJson(comparison.base)],
    ["head", sideJson(comparison.head)],
    ["regressions", comparison.regressions],
    ["improvements", comparison.improvements],
    ["new_names", comparison.newNames],
    ["gone_names", comparison.goneNames],
    ["new_failures", comparison.newFailures.map(failureJson)],
    ["fixed_failures", comparison.fixedFailures.map(failureJson)],
    ["names", comparison.names.map(nameJson)],
    ["fail_on", failOn],
    ["failing", failing],
  ]);
  return stringifyJson(doc, { indent: 2 }) + "\n";
}

function sideJson(side: SideTotals): JsonValue {
  return object([
    ["label", side.label],
    ["records", side.records],
    ["counts", object([["success", side.counts.success], ["error", side.counts.error], ["other", side.counts.other]])],
    ["bad_lines", side.badLines],
    ["failures_read", side.failuresRead],
  ]);
}

function figuresJson(f: NameFigures | null): JsonValue {
  if (f === null) return null;
  return object([
    ["count", f.count],
    ["error", f.error],
    ["error_rate", f.errorRate],
    ["p50", f.p50],
    ["p95", f.p95],
    ["max", f.max],
  ]);
}

function nameJson(row: NameComparison): JsonValue {
  return object([
    ["name", row.name],
    ["verdict", row.verdict],
    ["base", figuresJson(row.base)],
    ["head", figuresJson(row.head)],
    ["change", finite(row.change)],
    ["p_value", row.p],
  ]);
}

function failureJson(f: FailureChange): JsonValue {
  return object([
    ["name", f.name],
    ["type", f.type],
    ["message", f.message],
    ["count", f.count],
    ["first", f.source],
    ["action_failed_before", f.actionFailedBefore],
  ]);
}
