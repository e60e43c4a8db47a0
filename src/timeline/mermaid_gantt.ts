import type { ExecutionRegistry } from "../query/registry.ts";
import { formatDuration } from "../render/time.ts";
import { mermaidText } from "./mermaid_text.ts";
import { selectMarks } from "./select_marks.ts";
import { placeSpans } from "./spans.ts";

/** How large the Mermaid chart may grow. */
export interface GanttLimits {
  /** Bars drawn. */
  maxBars: number;
  /** Of them, failures at most. */
  maxFailures: number;
}

/** The defaults: a chart GitHub renders quickly. */
export const GANTT_LIMITS: GanttLimits = { maxBars: 60, maxFailures: 30 };

/**
 * A Mermaid `gantt` block of the run (GitHub renders it in markdown): a section per
 * action name, a bar per execution (failures `crit`), times as epoch milliseconds
 * (`dateFormat x`; the axis is drawn in the reader's zone). Large runs keep every
 * failure (up to the limit) and the longest executions, and the title says so.
 * Null when no execution has a start time.
 */
export function renderMermaidGantt(
  registry: ExecutionRegistry,
  positions: Uint32Array,
  limits: GanttLimits = GANTT_LIMITS,
): string | null {
  const spans = placeSpans(registry, positions);
  if (spans.positions.length === 0) return null;
  const pick = selectMarks(registry, spans, limits.maxBars, limits.maxFailures);
  const total = spans.positions.length;
  const title = pick.complete
    ? `${total} execution${total === 1 ? "" : "s"}`
    : `the ${
      pick.chosen.length - pick.failuresChosen
    } longest executions and ${pick.failuresChosen} of ${pick.failures} failures, of ${total}`;
  const bySection = new Map<string, string[]>();
  for (const i of pick.chosen) {
    const pos = spans.positions[i]!;
    const section = mermaidText(registry.nameOf(pos));
    // Whole milliseconds, at least one wide, from the start on the run's clock.
    const start = Math.floor(spans.start[i]! / 1000);
    const end = Math.max(start + 1, Math.ceil(spans.end[i]! / 1000));
    const failed = registry.statusClassOf(pos) === "error";
    const task = `    ${registry.columns.index[pos]} · ${formatDuration(registry.durationOf(pos))}${
      failed ? " ✗" : ""
    } :${failed ? "crit, " : ""}${start}, ${end}`;
    const list = bySection.get(section);
    if (list) list.push(task);
    else bySection.set(section, [task]);
  }
  const lines = ["```mermaid", "gantt", `    title Timeline: ${title}`, "    dateFormat x", "    axisFormat %H:%M:%S"];
  for (const [section, tasks] of bySection) lines.push(`    section ${section}`, ...tasks);
  lines.push("```");
  return lines.join("\n") + "\n";
}
