import type { ExecutionRegistry } from "../query/registry.ts";
import { cutChars } from "../render/cut_text.ts";
import { formatDuration, formatIsoTime, type LocalZone } from "../render/time.ts";
import { failureView, tail } from "../report/failure_view.ts";
import { htmlText } from "./escape_html.ts";

/** Failures shown with their traceback, and how much of each traceback (its end). */
export const FAILURES_SHOWN = 50;
export const TRACEBACK_CHARS = 32_000;

/** The failures section: the count, then the first failures with signature, source and traceback in `<details>`. */
export function renderFailuresSection(registry: ExecutionRegistry, failures: Uint32Array, local: LocalZone): string {
  const shown = Math.min(FAILURES_SHOWN, failures.length);
  const blocks: string[] = [];
  for (let j = 0; j < shown; j++) {
    const pos = failures[j]!;
    const view = failureView(registry, pos);
    const start = registry.startOf(pos);
    const facts = [view.source];
    if (start) facts.push(`started ${formatIsoTime(start, local)}`);
    facts.push(formatDuration(registry.durationOf(pos)));
    const body = [
      view.signature,
      facts.join(" · "),
      "",
      view.traceback === null ? view.headline : tail(view.traceback, TRACEBACK_CHARS),
    ];
    blocks.push(
      `<details class="failure"><summary>${
        htmlText(`${cutChars(view.title, 200)}: ${cutChars(view.headline, 300)}`)
      }</summary><pre>${htmlText(body.join("\n").replace(/\r\n?/g, "\n"))}</pre></details>`,
    );
  }
  const more = failures.length > shown
    ? `<p class="note">The first ${shown} of ${failures.length} failures; <code>exechist summary -s error</code> lists them all.</p>\n`
    : "";
  return `<h2>Failures (<span id="failure-count">${failures.length}</span>)</h2>
${failures.length === 0 ? '<p class="note">No execution failed.</p>\n' : ""}${blocks.join("\n")}
${more}`;
}
