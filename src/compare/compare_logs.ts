import type { ExecutionRegistry, StatusCounts } from "../query/registry.ts";
import { collectFailureKinds, type FailureKinds } from "./failure_kinds.ts";
import { mannWhitney } from "./mann_whitney.ts";
import { collectNameSamples, figuresOf, type NameFigures, type NameSample } from "./name_samples.ts";
import { type Verdict, verdictOf } from "./verdict.ts";

/** One side of a comparison: some records of a registry. */
export interface CompareSide {
  /** What the side was read from, as the user named it. */
  label: string;
  registry: ExecutionRegistry;
  positions: Uint32Array;
}

/** How a comparison decides. */
export interface CompareOptions {
  /** The smallest relative change of p50 that counts (0.2: 20% slower). */
  slower: number;
  /** The rank test's p-value must be below this. */
  alpha: number;
  /** Failures read back from each side to tell their kinds. */
  failuresRead: number;
}

/** The defaults: 20% and p < 0.01; up to 10,000 failures read a side. */
export const COMPARE_DEFAULTS: CompareOptions = { slower: 0.2, alpha: 0.01, failuresRead: 10_000 };

/** One action in both sides. */
export interface NameComparison {
  name: string;
  verdict: Verdict;
  /** Null when the action is not on that side. */
  base: NameFigures | null;
  head: NameFigures | null;
  /** (HEAD p50 − BASE p50) / BASE p50; null when either is unknown or BASE p50 is 0. */
  change: number | null;
  /** The rank test's two-sided p-value; null without durations on both sides. */
  p: number | null;
}

/** A kind of failure that appeared (in HEAD) or went away (from BASE). */
export interface FailureChange {
  name: string;
  type: string;
  message: string;
  /** How many times it happened on its side (among the failures read). */
  count: number;
  /** `FILE:LINE` of its first occurrence on its side. */
  source: string;
  /** New failures: whether the action failed in BASE at all. */
  actionFailedBefore: boolean;
}

/** The totals of one side. */
export interface SideTotals {
  label: string;
  records: number;
  counts: StatusCounts;
  badLines: number;
  failures: number;
  /** Failures read back to tell their kinds. */
  failuresRead: number;
}

/** What changed from BASE to HEAD. */
export interface Comparison {
  options: CompareOptions;
  base: SideTotals;
  head: SideTotals;
  /** Slower first (largest change first), then faster, new, gone, and the rest by name. */
  names: NameComparison[];
  newNames: string[];
  goneNames: string[];
  newFailures: FailureChange[];
  fixedFailures: FailureChange[];
  regressions: number;
  improvements: number;
}

/** Compares two sides action by action: durations by a rank test with a minimum effect, and failures by kind. */
export function compareLogs(
  base: CompareSide,
  head: CompareSide,
  options: CompareOptions = COMPARE_DEFAULTS,
): Comparison {
  const baseSamples = collectNameSamples(base.registry, base.positions);
  const headSamples = collectNameSamples(head.registry, head.positions);
  const names = [...new Set([...baseSamples.keys(), ...headSamples.keys()])].map((name) =>
    compareName(name, baseSamples.get(name), headSamples.get(name), options)
  );
  names.sort(byVerdict);
  const baseKinds = collectFailureKinds(base.registry, base.positions, options.failuresRead);
  const headKinds = collectFailureKinds(head.registry, head.positions, options.failuresRead);
  return {
    options,
    base: totalsOf(base, baseKinds),
    head: totalsOf(head, headKinds),
    names,
    newNames: names.filter((n) => n.verdict === "new").map((n) => n.name).sort(byText),
    goneNames: names.filter((n) => n.verdict === "gone").map((n) => n.name).sort(byText),
    newFailures: kindsOnlyIn(headKinds, baseKinds, head, () => true),
    fixedFailures: kindsOnlyIn(baseKinds, headKinds, base, (name) => headSamples.has(name)),
    regressions: names.filter((n) => n.verdict === "slower").length,
    improvements: names.filter((n) => n.verdict === "faster").length,
  };
}

function compareName(
  name: string,
  base: NameSample | undefined,
  head: NameSample | undefined,
  options: CompareOptions,
): NameComparison {
  const b = base ? figuresOf(base) : null;
  const h = head ? figuresOf(head) : null;
  const test = base && head ? mannWhitney(base.durations, head.durations) : null;
  const change = b?.p50 == null || h?.p50 == null || b.p50 === 0 ? null : (h.p50 - b.p50) / b.p50;
  const p = test?.p ?? null;
  return { name, verdict: verdictOf(b, h, change, p, options), base: b, head: h, change, p };
}

const VERDICT_ORDER: Record<Verdict, number> = { slower: 0, faster: 1, new: 2, gone: 3, same: 4, untimed: 4 };

function byVerdict(a: NameComparison, b: NameComparison): number {
  const order = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  if (order !== 0) return order;
  const rise = (n: NameComparison) => n.change ?? Infinity; // BASE p50 of 0
  if (a.verdict === "slower") return rise(b) - rise(a) || byText(a.name, b.name);
  if (a.verdict === "faster") return rise(a) - rise(b) || byText(a.name, b.name);
  return byText(a.name, b.name);
}

/** Code-unit order: the same on every runtime and locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function totalsOf(side: CompareSide, kinds: FailureKinds): SideTotals {
  const counts = { success: 0, error: 0, other: 0 };
  for (let j = 0; j < side.positions.length; j++) counts[side.registry.statusClassOf(side.positions[j]!)]++;
  return {
    label: side.label,
    records: side.positions.length,
    counts,
    badLines: side.registry.diagnostics.badLineCount,
    failures: kinds.failures,
    failuresRead: kinds.read,
  };
}

/** The kinds of `mine` that `theirs` lacks, among actions `wanted`, in order of first appearance. */
function kindsOnlyIn(
  mine: FailureKinds,
  theirs: FailureKinds,
  side: CompareSide,
  wanted: (name: string) => boolean,
): FailureChange[] {
  const out: FailureChange[] = [];
  for (const [key, kind] of mine.kinds) {
    if (theirs.kinds.has(key) || !wanted(kind.name)) continue;
    out.push({
      name: kind.name,
      type: kind.type,
      message: kind.message,
      count: kind.count,
      source: side.registry.sourceOf(kind.firstPosition),
      actionFailedBefore: theirs.failedNames.has(kind.name),
    });
  }
  return out;
}
