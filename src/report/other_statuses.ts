import { cutChars } from "../render/cut_text.ts";

/** Statuses named in a report's totals; the rest are counted. */
export const OTHER_STATUSES_NAMED = 20;

/** Characters of each status named. */
const STATUS_CHARS = 100;

/**
 * `cancelled 2, running 1`: the most frequent "other" statuses with their counts, each
 * cut and passed through `escape`, then `and 7 more (9 records)`, so the line stays small
 * however many distinct statuses a log has.
 */
export function otherStatusesText(
  statuses: ReadonlyArray<readonly [string, number]>,
  escape: (text: string) => string,
): string {
  const named = statuses.slice(0, OTHER_STATUSES_NAMED).map(([s, n]) => `${escape(cutChars(s, STATUS_CHARS))} ${n}`);
  const rest = statuses.length - named.length;
  if (rest > 0) {
    let records = 0;
    for (let j = OTHER_STATUSES_NAMED; j < statuses.length; j++) records += statuses[j]![1];
    named.push(`and ${rest} more (${records} record${records === 1 ? "" : "s"})`);
  }
  return named.join(", ");
}
