import { cut } from "../render/cell.ts";
import { oneLine } from "../render/visible_text.ts";
import { renderTextTable } from "../render/text_table.ts";
import { formatDuration, formatIsoTime } from "../render/time.ts";
import type { LogJoin, NodeLog } from "./log_join.ts";
import { paintStatus, plural, type TextOptions } from "./text_style.ts";
import { plainText } from "./value_kind.ts";

const TRACEBACK_LINES = 12;

/** The execution-log records attached to the nodes: timings, results, tracebacks. */
export function renderLogSection(log: LogJoin, o: TextOptions): string {
  const { paint } = o;
  const title = paint.bold(
    `From the log ${oneLine(log.file)} (${plural(log.records, "record", "records")} of run ${oneLine(log.runId)})`,
  );
  const lines = [title];
  if (log.nodes.length === 0) lines.push(`  ${paint.dim("no record matches a node")}`);
  else {
    const statuses = log.nodes.map((n) => n.status);
    const rows = log.nodes.map((n) => [
      n.node,
      String(n.executions),
      time(n.start, o),
      time(n.end, o),
      formatDuration(n.duration),
      n.executions > 1 ? formatDuration(n.totalDuration) : "",
      n.status,
      outcome(n),
    ]);
    const table = renderTextTable(
      [
        { header: "NODE", minWidth: 8 },
        { header: "RUNS", align: "right" },
        { header: "START (NEWEST)" },
        { header: "END" },
        { header: "DURATION", align: "right" },
        { header: "TOTAL", align: "right" },
        {
          header: "STATUS",
          paint: (t, r) =>
            paintStatus(paint, statuses[r] === "success" ? "completed" : statuses[r] === "error" ? "failed" : "", t),
        },
        { header: "RESULT / EXCEPTION", minWidth: 10 },
      ],
      rows,
      o.width - 2,
      paint.dim,
    );
    lines.push(table.trimEnd().split("\n").map((l) => "  " + l).join("\n"));
  }
  if (log.unmatched.length > 0) {
    lines.push(`  records with no node: ${oneLine(log.unmatched.map(([name, n]) => `${name} (${n})`).join(", "))}`);
  }
  for (const n of log.nodes) {
    if (n.traceback === null) continue;
    lines.push(`  ${paint.dim(oneLine(`traceback of ${n.node}, newest execution (${n.source}):`))}`);
    const tb = n.traceback.replace(/\n$/, "").split("\n");
    const shown = tb.length > TRACEBACK_LINES ? [...tb.slice(0, 2), "…", ...tb.slice(-(TRACEBACK_LINES - 3))] : tb;
    for (const line of shown) lines.push("    " + cut(oneLine(line), o.width - 4));
  }
  return lines.join("\n") + "\n";
}

function time(t: NodeLog["start"], o: TextOptions): string {
  return t === null ? "n/a" : formatIsoTime(t, o.local);
}

function outcome(n: NodeLog): string {
  if (n.exception !== undefined && n.exception !== null && n.exception !== "") return oneLine(plainText(n.exception));
  if (n.result !== undefined) return oneLine(plainText(n.result));
  return "";
}
