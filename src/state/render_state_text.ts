import { type JsonValue, numberOf } from "../json/value.ts";
import { cut, displayWidth } from "../render/cell.ts";
import { oneLine } from "../render/visible_text.ts";
import type { Derived, NodeMention } from "./derive.ts";
import { type Stamp, stampIso } from "./epoch.ts";
import type { LogJoin } from "./log_join.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { renderLogSection } from "./render_log_text.ts";
import {
  renderCache,
  renderCompleted,
  renderHistory,
  renderNodes,
  renderObject,
  renderUnknown,
} from "./render_state_sections.ts";
import { formatElapsed, paintStatus, stepBar, type TextOptions, wrapText } from "./text_style.ts";
import { plainText } from "./value_kind.ts";

/** The text view of one checkpoint, for a person at a terminal: where the run stands, and why. */
export function renderStateText(checkpoint: Checkpoint, derived: Derived, options: TextOptions, log?: LogJoin): string {
  const sections = [
    renderHeader(checkpoint, derived, options),
    renderResume(derived, options),
    renderNodes(checkpoint.state, derived, options),
    renderCompleted(derived, options),
    log === undefined ? "" : renderLogSection(log, options),
    renderCache(derived, options),
    renderHistory(derived, options),
    renderObject("Data", checkpoint.state.data, options),
    renderObject("Metadata", checkpoint.state.metadata, options),
    renderUnknown(derived, options),
    renderGaps(derived, options, log !== undefined),
    renderWarnings(derived, options, log),
  ];
  return sections.filter((s) => s !== "").join("\n");
}

function renderHeader(checkpoint: Checkpoint, derived: Derived, o: TextOptions): string {
  const { paint } = o;
  const s = checkpoint.state;
  const rows: [string, string][] = [
    ["session", orNone(fit(s.sessionId, o), o)],
    ["purpose", orNone(fit(s.purpose, o), o)],
    ["status", paintStatus(paint, s.status)],
    ["step", step(s.currentStep, s.maxSteps, s.status, o)],
    ["started", stamp(derived.started, o)],
    ["updated", stamp(derived.updated, o)],
    ["finished", stamp(derived.finished, o)],
    [
      "elapsed",
      derived.elapsed === null
        ? paint.dim("unknown")
        : `${formatElapsed(derived.elapsed)}, started_at to ${derived.elapsedUntil}`,
    ],
    ["version", oneLine(plainText(s.version))],
    [
      "counters",
      oneLine(
        `heuristics ${plainText(s.heuristicCountAtCheckpoint)}, experiences ${
          plainText(s.experienceCountAtCheckpoint)
        }`,
      ),
    ],
    ["file", fit(checkpoint.file, o)],
  ];
  const title = `${paint.bold(`Run ${orNone(oneLine(plainText(s.runId)), o)}`)}  ${paintStatus(paint, s.status)}`;
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(9)} ${v}`)].join("\n") + "\n";
}

function renderResume(d: Derived, o: TextOptions): string {
  const { paint } = o;
  const r = d.resume;
  const lines = [paint.bold("Resume point"), ...wrapText(r.summary, o.width, "  ")];
  const list = (items: NodeMention[], show: (n: NodeMention) => string): string =>
    items.length === 0 ? paint.dim("none") : items.map(show).join(", ");
  const node = oneLine(r.node);
  const current = r.node === ""
    ? paint.dim("not set")
    : r.current === null
    ? `${node} ${paint.dim("(no entry in node_states)")}`
    : `${node}  ${paintStatus(paint, r.current.status)}, ${attempts(r.current)}`;
  lines.push(`  current node  ${current}`);
  lines.push(`  left running  ${list(r.running, (n) => paint.yellow(oneLine(n.node)))}`);
  if (r.failed.length === 0) lines.push(`  failed        ${paint.dim("none")}`);
  r.failed.forEach((n, i) => {
    const lead = `  ${i === 0 ? "failed" : ""}`.padEnd(16);
    const error = n.error === null ? "no error recorded" : oneLine(plainText(n.error));
    const name = oneLine(n.node);
    const room = Math.max(10, o.width - lead.length - displayWidth(name) - 2);
    lines.push(`${lead}${paint.red(name)}: ${n.error === null ? paint.dim(error) : cut(error, room)}`);
  });
  lines.push(`  attempts > 1  ${list(r.moreThanOneAttempt, (n) => `${oneLine(n.node)} (${attempts(n)})`)}`);
  return lines.join("\n") + "\n";
}

function renderGaps(d: Derived, o: TextOptions, haveLog: boolean): string {
  const lines = [o.paint.bold("Not in a checkpoint")];
  d.notInCheckpoint.forEach((gap, i) => {
    lines.push(
      ...wrapText(
        `${gap}${i === 0 && !haveLog ? "; --log FILE adds them from an execution log" : ""}`,
        o.width,
        "  - ",
      ),
    );
  });
  return lines.join("\n") + "\n";
}

function renderWarnings(d: Derived, o: TextOptions, log?: LogJoin): string {
  // Unknown fields have their own section above.
  const all = [...d.warnings.filter((w) => w.kind !== "unknown").map((w) => w.text), ...(log?.warnings ?? [])];
  if (all.length === 0) return "";
  const lines = all.flatMap((w) =>
    wrapText(w, o.width, "  ! ").map((l, i) => (i === 0 ? `  ${o.paint.yellow("!")}${l.slice(3)}` : l))
  );
  return [o.paint.bold(`Warnings (${all.length})`), ...lines].join("\n") + "\n";
}

function step(current: JsonValue, max: JsonValue, status: string, o: TextOptions): string {
  const text = oneLine(`${plainText(current)}/${plainText(max)}`);
  const c = numberOf(current);
  const m = numberOf(max);
  if (c === undefined || m === undefined) return text;
  const bar = stepBar(c, m);
  return `${text.padEnd(7)} ${paintStatus(o.paint, status, bar.filled)}${o.paint.dim(bar.empty)}  ${bar.percent}`
    .trimEnd();
}

function stamp(s: Stamp, o: TextOptions): string {
  if (s.kind === "unset") return o.paint.dim("not set (0)");
  if (s.kind === "other") return `${oneLine(s.text)} ${o.paint.dim("(not epoch seconds)")}`;
  return stampIso(s, o.local) ?? "";
}

function attempts(n: NodeMention): string {
  return n.attempts === null ? "attempts unknown" : `${n.attempts} attempt${n.attempts === 1 ? "" : "s"}`;
}

function fit(value: JsonValue, o: TextOptions): string {
  return cut(oneLine(plainText(value)), Math.max(10, o.width - 12));
}

function orNone(text: string, o: TextOptions): string {
  return text === "" ? o.paint.dim("(none)") : text;
}
