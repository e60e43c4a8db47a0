import type { ExecutionRegistry } from "../query/registry.ts";
import type { GroupStats } from "../query/group.ts";
import { formatIsoTime, type LocalZone } from "../render/time.ts";
import { orderByName } from "./by_name.ts";
import { cutChars } from "../render/cut_text.ts";
import { junitSeconds } from "./durations.ts";
import { failureView } from "./failure_view.ts";
import type { ReportData } from "./report_data.ts";
import { escapeXmlAttribute, escapeXmlText, xmlAttributes } from "./xml.ts";

/** Options of {@link renderJunit}. */
export interface JunitOptions {
  /** The zone instants are shown in: null for UTC. */
  local: LocalZone;
}

const MAX_MESSAGE = 1000;

/**
 * The report as JUnit XML: a `testsuite` per name, a `testcase` per execution (in
 * input order within its suite). Errors are `failure`s carrying the exception as
 * message and the traceback as text; other statuses (cancelled, running, ...) are
 * `skipped`, with the status as the message. Written one testcase at a time.
 */
export function renderJunit(
  registry: ExecutionRegistry,
  data: ReportData,
  write: (text: string) => void,
  options: JunitOptions,
): void {
  const { counts } = data;
  write('<?xml version="1.0" encoding="UTF-8"?>\n');
  write(`<testsuites${
    xmlAttributes([
      ["name", "exechist"],
      ["tests", data.positions.length],
      ["failures", counts.error],
      ["errors", 0],
      ["skipped", counts.other],
      ["time", junitSeconds(data.span.busySeconds ?? 0)],
    ])
  }>\n`);
  const statsOf = new Map<string, GroupStats>();
  for (const g of data.names) statsOf.set(g.key ?? "", g);
  const { nameIds, offsets, order } = orderByName(registry, data.positions);
  for (let g = 0; g < nameIds.length; g++) {
    const name = registry.names[nameIds[g]!] ?? "";
    const stats = statsOf.get(name);
    write(`  <testsuite${
      xmlAttributes([
        ["name", name],
        ["tests", stats?.count ?? 0],
        ["failures", stats?.error ?? 0],
        ["errors", 0],
        ["skipped", stats?.other ?? 0],
        ["time", junitSeconds(stats?.totalDuration ?? 0)],
        ["timestamp", stats?.firstStart ? formatIsoTime(stats.firstStart, options.local) : undefined],
      ])
    }>\n`);
    const escapedName = escapeXmlAttribute(name);
    for (let j = offsets[g]!; j < offsets[g + 1]!; j++) write(testcase(registry, order[j]!, escapedName));
    write("  </testsuite>\n");
  }
  write("</testsuites>\n");
}

function testcase(registry: ExecutionRegistry, pos: number, escapedName: string): string {
  const duration = registry.durationOf(pos);
  // Built by hand, not through xmlAttributes: this runs once per execution, millions of times.
  const time = duration === null ? "" : ` time="${junitSeconds(duration)}"`;
  const open = `    <testcase name="${escapedName} #${registry.columns.index[pos]!}" classname="${escapedName}"${time}`;
  const status = registry.statusClassOf(pos);
  if (status === "success") return `${open}/>\n`;
  if (status === "other") {
    return `${open}>\n      <skipped${xmlAttributes([["message", registry.statusOf(pos)]])}/>\n    </testcase>\n`;
  }
  const view = failureView(registry, pos);
  return `${open}>\n      <failure${
    xmlAttributes([["message", cutChars(view.headline, MAX_MESSAGE)], ["type", view.type || "error"]])
  }>` +
    `${escapeXmlText(view.traceback ?? view.headline)}</failure>\n` +
    `      <system-out>${escapeXmlText(`${view.signature}\nsource: ${view.source}`)}</system-out>\n    </testcase>\n`;
}
