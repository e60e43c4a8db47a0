import type { JsonObject, JsonValue } from "../json/value.ts";
import { cut, displayWidth } from "../render/cell.ts";
import { oneLine } from "../render/visible_text.ts";
import { type Change, isEmptyDiff, type KeyChanges, type StateDiff } from "./diff.ts";
import { readStamp, secondsBetween, stampIso } from "./epoch.ts";
import { formatElapsed, paintStatus, plural, type TextOptions, wrapChain, wrapText } from "./text_style.ts";
import { plainText, quoted } from "./value_kind.ts";

const HISTORY_SHOWN = 10;

/** The text view of a diff: fields, nodes, completed nodes, data/metadata/cache keys, new history. */
export function renderDiffText(d: StateDiff, o: TextOptions): string {
  const { paint } = o;
  const labels = d.labels ?? { subject: "run", data: "Data", completed: "Completed nodes added" };
  const run = d.runId === null ? "" : ` in ${labels.subject} ${oneLine(d.runId)}`;
  const sections: string[] = [`${paint.bold(`Changes${run}`)}\n  from ${oneLine(d.from)}\n    to ${oneLine(d.to)}\n`];
  if (isEmptyDiff(d)) return sections[0] + `\n  ${paint.dim("no change")}\n`;
  if (d.fields.length > 0) {
    const width = d.fields.reduce((w, c) => Math.max(w, displayWidth(oneLine(c.field))), 0);
    sections.push(d.fields.map((c) => `  ${padTo(oneLine(c.field), width)}  ${change(c, o)}`).join("\n") + "\n");
  } else sections.push(`  ${paint.dim("run fields: no change")}\n`);
  if (d.nodes.length > 0) {
    const counts = (["added", "removed", "changed"] as const)
      .map((kind) => [kind, d.nodes.filter((n) => n.kind === kind).length] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`);
    const lines = [paint.bold(`Nodes: ${counts.join(", ")}`)];
    const width = d.nodes.reduce((w, n) => Math.max(w, displayWidth(oneLine(n.node))), 0);
    for (const n of d.nodes) {
      const mark = n.kind === "added" ? paint.green("+") : n.kind === "removed" ? paint.red("-") : paint.yellow("~");
      const what = n.kind === "removed" ? paint.dim("removed") : n.changes
        .filter((c) => n.kind !== "added" || c.to !== null)
        .map((c) =>
          n.kind === "added" ? `${oneLine(c.field)} ${value(c.field, c.to, o)}` : `${oneLine(c.field)} ${change(c, o)}`
        )
        .join("; ");
      lines.push(`  ${mark} ${padTo(oneLine(n.node), width)}  ${what}`);
    }
    sections.push(lines.join("\n") + "\n");
  }
  if (d.completedAdded.length > 0 || d.completedRewritten) {
    const title = `${labels.completed} (${d.completedAdded.length})${d.completedRewritten ? ", list rewritten" : ""}`;
    const chain = d.completedAdded.length === 0 ? ["none"] : wrapChain(d.completedAdded, o.width - 2);
    sections.push([paint.bold(title), ...chain.map((l) => "  " + l)].join("\n") + "\n");
  }
  for (
    const [name, keys] of [[labels.data, d.data], ["Metadata", d.metadata], ["Tool-result cache", d.cache]] as const
  ) {
    const text = keyLines(name, keys, o);
    if (text !== "") sections.push(text);
  }
  if (d.historyAdded.length > 0 || d.historyGap) {
    const shown = d.historyAdded.slice(-HISTORY_SHOWN);
    const more = d.historyAdded.length > shown.length ? `; newest ${shown.length}` : "";
    const gap = d.historyGap ? ", possibly more lost between" : "";
    const lines = [
      paint.bold(`Action history: ${plural(d.historyAdded.length, "entry", "entries")} added${gap}${more}`),
    ];
    for (const entry of shown) lines.push(`  + ${cut(oneLine(plainText(entry)), o.width - 4)}`);
    sections.push(lines.join("\n") + "\n");
  }
  if (d.warnings.length > 0) {
    const lines = d.warnings.flatMap((w) =>
      wrapText(w, o.width, "  ! ").map((l, i) => (i === 0 ? `  ${paint.yellow("!")}${l.slice(3)}` : l))
    );
    sections.push([paint.bold(`Warnings (${d.warnings.length})`), ...lines].join("\n") + "\n");
  }
  return sections.join("\n");
}

/** The `-o json` document of a diff. */
export function diffJson(d: StateDiff): JsonObject {
  const fromTo = (c: Change): JsonObject => new Map<string, JsonValue>([["from", c.from], ["to", c.to]]);
  const keys = (k: KeyChanges | null): JsonValue =>
    k === null
      ? null
      : new Map<string, JsonValue>([["added", k.added], ["removed", k.removed], ["changed", k.changed]]);
  return new Map<string, JsonValue>([
    ["from", d.from],
    ["to", d.to],
    ["run_id", d.runId],
    ["fields", new Map(d.fields.map((c) => [c.field, fromTo(c)]))],
    [
      "nodes",
      d.nodes.map((n) =>
        new Map<string, JsonValue>([
          ["node", n.node],
          ["change", n.kind],
          ["fields", new Map(n.changes.map((c) => [c.field, fromTo(c)]))],
        ])
      ),
    ],
    ["completed_nodes_added", d.completedAdded],
    ["completed_nodes_rewritten", d.completedRewritten],
    ["data", keys(d.data)],
    ["metadata", keys(d.metadata)],
    ["tool_results_cache", keys(d.cache)],
    ["action_history_added", d.historyAdded],
    ["action_history_gap", d.historyGap],
    ["warnings", d.warnings],
  ]);
}

function keyLines(name: string, k: KeyChanges | null, o: TextOptions): string {
  if (k === null || k.added.length + k.removed.length + k.changed.length === 0) return "";
  const counts = [[k.added.length, "added"], [k.removed.length, "removed"], [k.changed.length, "changed"]] as const;
  const lines = [
    o.paint.bold(`${name}: ${counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(", ")}`),
  ];
  for (const key of k.added) lines.push(`  ${o.paint.green("+")} ${cut(oneLine(key), o.width - 4)}`);
  for (const key of k.removed) lines.push(`  ${o.paint.red("-")} ${cut(oneLine(key), o.width - 4)}`);
  for (const key of k.changed) lines.push(`  ${o.paint.yellow("~")} ${cut(oneLine(key), o.width - 4)}`);
  return lines.join("\n") + "\n";
}

function change(c: Change, o: TextOptions): string {
  let text = `${value(c.field, c.from, o)} → ${value(c.field, c.to, o)}`;
  if (c.field.endsWith("_at")) {
    const seconds = secondsBetween(readStamp(c.from), readStamp(c.to));
    if (seconds !== null) text += `  ${seconds >= 0 ? "+" : ""}${formatElapsed(seconds)}`;
  }
  return text;
}

function value(field: string, v: JsonValue, o: TextOptions): string {
  if (field === "status" && typeof v === "string") return paintStatus(o.paint, v);
  if (field.endsWith("_at")) {
    const stamp = readStamp(v);
    if (stamp.kind === "unset") return o.paint.dim("not set");
    const iso = stampIso(stamp, o.local);
    if (iso !== null) return iso;
  }
  return cut(oneLine(quoted(v)), 60);
}

/** Text padded with spaces to a display width. */
function padTo(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
