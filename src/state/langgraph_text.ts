import type { JsonValue } from "../json/value.ts";
import { cut, displayWidth } from "../render/cell.ts";
import { renderTextTable } from "../render/text_table.ts";
import { oneLine } from "../render/visible_text.ts";
import type { GraphCheckpoint } from "./langgraph_checkpoint.ts";
import type { GraphFile } from "./langgraph_history.ts";
import { type GraphNode, type GraphStatus, type GraphView, viewGraph } from "./langgraph_view.ts";
import { renderObject } from "./render_state_sections.ts";
import { paintStatus, plural, type TextOptions, wrapText } from "./text_style.ts";
import { plainText } from "./value_kind.ts";

const DOCUMENT_NAMES = {
  tuple: "checkpoint tuple (getTuple, list)",
  checkpoint: "checkpoint (get)",
  snapshot: "state snapshot (getState, getStateHistory)",
} as const;

/** The text view of one LangGraph checkpoint: the thread, where it stopped and why, its nodes and what is kept. */
export function renderGraphText(v: GraphView, o: TextOptions): string {
  const sections = [
    renderHeader(v, o),
    renderResume(v, o),
    renderGraphNodes(v, o),
    renderInterrupts(v, o),
    renderWrites(v, o),
    v.channels === null ? "" : renderObject("Channel values", v.channels, o) + internal(v, o),
    v.checkpoint.metadata === undefined ? "" : renderObject("Metadata", v.checkpoint.metadata, o),
    renderGaps(v, o),
  ];
  return sections.filter((s) => s !== "").join("\n");
}

/** The checkpoints of a history file, oldest first; `>` marks the one shown. */
export function renderGraphHistory(g: GraphFile, shown: readonly GraphCheckpoint[], o: TextOptions): string {
  const threads = new Set(g.checkpoints.map((c) => plainText(c.threadId ?? null)));
  const title = o.paint.bold(
    `History in ${oneLine(g.file)}: ${plural(threads.size, "thread", "threads")}, ${
      plural(g.checkpoints.length, "checkpoint", "checkpoints")
    }, oldest first`,
  );
  const views = g.checkpoints.map(viewGraph);
  const statuses = views.map((v) => v.status);
  const rows = views.map((v) => {
    const c = v.checkpoint;
    return [
      shown.includes(c) ? ">" : "",
      ...(threads.size > 1 ? [plainText(c.threadId ?? null)] : []),
      plainText(c.metadata?.get("step") ?? null),
      plainText(c.metadata?.get("source") ?? null),
      plainText(c.checkpointId ?? null),
      plainText(c.created ?? null),
      v.status,
      v.next === null ? "?" : v.nodes.filter((n) => n.when === "next").map((n) => n.name).join(", "),
    ];
  });
  const table = renderTextTable(
    [
      { header: "" },
      ...(threads.size > 1 ? [{ header: "THREAD", minWidth: 8 }] : []),
      { header: "STEP", align: "right" as const },
      { header: "SOURCE" },
      { header: "CHECKPOINT", minWidth: 12 },
      { header: "CREATED", minWidth: 10 },
      { header: "STATUS", paint: (t: string, r: number) => paintGraphStatus(o, statuses[r]!, t) },
      { header: "NEXT STEP RUNS", minWidth: 6 },
    ],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${title}\n${indent(table)}`;
}

/** A thread's status in colour: interrupted as a pause, pending as waiting. */
export function paintGraphStatus(o: TextOptions, status: GraphStatus | GraphNode["status"], shown: string): string {
  const as = status === "interrupted" ? "paused" : status === "pending" || status === "next" ? "waiting" : status;
  return paintStatus(o.paint, as, shown);
}

function renderHeader(v: GraphView, o: TextOptions): string {
  const c = v.checkpoint;
  const text = (value: JsonValue | undefined): string =>
    value === undefined ? o.paint.dim("not in the file") : cut(oneLine(plainText(value)), Math.max(10, o.width - 14));
  const source = c.metadata?.get("source");
  const step = c.metadata?.get("step");
  const rows: [string, string][] = [
    ["checkpoint", text(c.checkpointId)],
    [
      "step",
      step === undefined ? text(step) : `${text(step)}${source === undefined ? "" : ` (source ${text(source)})`}`,
    ],
    ["created", text(c.created)],
    ["parent", c.parentId === undefined ? o.paint.dim("none") : text(c.parentId)],
  ];
  if (c.checkpointNs !== undefined && c.checkpointNs !== "") rows.push(["namespace", text(c.checkpointNs)]);
  const format = c.version === undefined ? "" : `, format v${oneLine(plainText(c.version))}`;
  rows.push(["document", `${DOCUMENT_NAMES[c.kind]}${format}`], ["file", cut(oneLine(c.file), o.width - 14)]);
  const thread = c.threadId === undefined ? o.paint.dim("(no thread_id)") : oneLine(plainText(c.threadId));
  const title = `${o.paint.bold(`LangGraph thread ${thread}`)}  ${paintGraphStatus(o, v.status, v.status)}`;
  return [title, ...rows.map(([k, value]) => `  ${k.padEnd(10)} ${value}`)].join("\n") + "\n";
}

function renderResume(v: GraphView, o: TextOptions): string {
  const { paint } = o;
  const lines = [paint.bold("Resume point"), ...wrapText(v.summary, o.width, "  ")];
  const next = v.next === null ? paint.dim("unknown") : v.next.length === 0 ? paint.dim("none") : v.next.join(", ");
  lines.push(`  next         ${oneLine(next)}`);
  if (v.failed.length === 0) lines.push(`  failed       ${paint.dim("none")}`);
  v.failed.forEach((n, i) => {
    const lead = `  ${i === 0 ? "failed" : ""}`.padEnd(15);
    const name = oneLine(n.name);
    const room = Math.max(10, o.width - lead.length - displayWidth(name) - 2);
    const error = n.error === null ? paint.dim("no error recorded") : cut(oneLine(n.error), room);
    lines.push(`${lead}${paint.red(name)}: ${error}`);
  });
  const interrupted = v.interrupted.map((n) => paint.cyan(oneLine(n.name))).join(", ");
  lines.push(`  interrupted  ${interrupted === "" ? paint.dim("none") : interrupted}`);
  return lines.join("\n") + "\n";
}

function renderGraphNodes(v: GraphView, o: TextOptions): string {
  if (v.nodes.length === 0) return `${o.paint.bold("Nodes")}: ${o.paint.dim("none")}\n`;
  const counts = new Map<string, number>();
  for (const n of v.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const title = o.paint.bold(`Nodes (${v.nodes.length}: ${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")})`);
  const step = v.checkpoint.metadata?.get("step");
  const at = typeof step === "number" ? { earlier: `≤ ${step}`, next: String(step + 1) } : { earlier: "", next: "" };
  const rows = v.nodes.map((n) => [
    n.name,
    n.status,
    at[n.when],
    n.writes.join(", "),
    n.error ?? (n.interrupts.length > 0 ? `interrupt: ${n.interrupts.map(interruptValue).join(", ")}` : ""),
  ]);
  const table = renderTextTable(
    [
      { header: "NODE", minWidth: 8 },
      { header: "STATUS", paint: (t, r) => paintGraphStatus(o, v.nodes[r]!.status, t) },
      { header: "STEP", align: "right" },
      { header: "WRITES", minWidth: 8 },
      { header: "ERROR", minWidth: 12 },
    ],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${title}\n${indent(table)}`;
}

function renderInterrupts(v: GraphView, o: TextOptions): string {
  const rows = v.nodes.flatMap((n) => n.interrupts.map((i) => [n.name, interruptId(i), interruptValue(i)]));
  if (rows.length === 0) return "";
  const table = renderTextTable(
    [{ header: "NODE", minWidth: 8 }, { header: "ID", minWidth: 8 }, { header: "VALUE", minWidth: 10 }],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${o.paint.bold(`Interrupts (${rows.length})`)}\n${indent(table)}`;
}

function renderWrites(v: GraphView, o: TextOptions): string {
  if (v.checkpoint.kind === "snapshot") return "";
  if (v.writes.length === 0) return `${o.paint.bold("Pending writes")}: ${o.paint.dim("none")}\n`;
  const rows = v.writes.map((w) => [w.node ?? `task ${w.taskId}`, w.channel, plainText(w.value)]);
  const table = renderTextTable(
    [{ header: "NODE", minWidth: 8 }, { header: "CHANNEL", minWidth: 8 }, { header: "VALUE", minWidth: 10 }],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${o.paint.bold(`Pending writes (${v.writes.length})`)}\n${indent(table)}`;
}

function internal(v: GraphView, o: TextOptions): string {
  if (v.internalChannels.length === 0) return "";
  return wrapText(`LangGraph's own: ${v.internalChannels.join(", ")}`, o.width, "  ").map((l) => o.paint.dim(l))
    .join("\n") + "\n";
}

function renderGaps(v: GraphView, o: TextOptions): string {
  const lines = [o.paint.bold("Not in this checkpoint")];
  for (const gap of v.gaps) lines.push(...wrapText(gap, o.width, "  - "));
  return lines.join("\n") + "\n";
}

function interruptId(i: JsonValue): string {
  const id = i instanceof Map ? i.get("id") ?? i.get("interrupt_id") : undefined;
  return id === undefined ? "" : plainText(id);
}

function interruptValue(i: JsonValue): string {
  return plainText(i instanceof Map && i.has("value") ? i.get("value")! : i);
}

function indent(block: string): string {
  return block.split("\n").map((l) => (l === "" ? l : "  " + l)).join("\n");
}
