import type { ExecutionRegistry } from "../query/registry.ts";
import { describeException, exceptionHeadline } from "./exception_text.ts";

/** What every format shows of one failed (or otherwise unfinished) execution. */
export interface FailureView {
  /** `name #index`. */
  title: string;
  /** The exception's type; empty when the log gives none. */
  type: string;
  /** `Type: message`, or a stand-in when the record holds no exception. */
  headline: string;
  traceback: string | null;
  signature: string;
  /** `FILE:LINE`. */
  source: string;
}

/** `name #index`: how the report names one execution. */
export function executionTitle(registry: ExecutionRegistry, pos: number): string {
  return `${registry.nameOf(pos)} #${registry.columns.index[pos]!}`;
}

/** Reads one record back from its log and describes its failure. */
export function failureView(registry: ExecutionRegistry, pos: number): FailureView {
  const details = registry.details(pos);
  const text = describeException(details.exception, details.traceback);
  const headline = exceptionHeadline(text);
  return {
    title: executionTitle(registry, pos),
    type: text.type,
    headline: headline !== "" ? headline : `status ${registry.statusOf(pos)}, no exception recorded`,
    traceback: details.traceback,
    signature: details.signature,
    source: registry.sourceOf(pos),
  };
}

/** The last `max` characters of a long text (tracebacks end with what matters), with a note of the cut. */
export function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  let start = text.length - max;
  // Never split a surrogate pair.
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start++;
  const nl = text.indexOf("\n", start);
  if (nl >= 0 && nl - start < 200) start = nl + 1;
  return `… (${start} characters cut)\n${text.slice(start)}`;
}
