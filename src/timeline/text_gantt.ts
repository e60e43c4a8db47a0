import type { ExecutionRegistry } from "../query/registry.ts";
import { CLOCK } from "../read/time.ts";
import type { Colors } from "../render/colors.ts";
import { cut, displayWidth } from "../render/cell.ts";
import { formatDuration, formatTableTime, type LocalZone } from "../render/time.ts";
import { oneLine } from "../render/visible_text.ts";
import { placeSpans } from "./spans.ts";

/** Options of the text Gantt chart. */
export interface TextGanttOptions {
  width: number;
  color: Colors;
  local: LocalZone;
  /** Lanes drawn; the rest are counted. */
  maxLanes: number;
}

// Marks in the grid, worst last (0: nothing ran).
const RAN = 1;
const OTHER = 2;
const FAILED = 3;

/**
 * What ran when, for a terminal: a lane per action name (in order of first start), a
 * column per slice of the run's time; a column shows the worst that ran in it:
 * `✗` a failure, `░` another status, `█` a success, `·` nothing.
 */
export function renderTextGantt(
  registry: ExecutionRegistry,
  positions: Uint32Array,
  options: TextGanttOptions,
): string {
  const { color } = options;
  const spans = placeSpans(registry, positions);
  const n = spans.positions.length;
  if (n === 0) return "No execution has a start time: nothing to draw.\n";
  const laneOf = new Map<number, number>();
  const lanes: Array<{ name: string; first: number; count: number; failed: number }> = [];
  for (let i = 0; i < n; i++) {
    const id = registry.columns.name[spans.positions[i]!]!;
    let lane = laneOf.get(id);
    if (lane === undefined) {
      laneOf.set(id, lane = lanes.length);
      lanes.push({
        name: oneLine(registry.names[id] ?? ""),
        first: spans.start[i]!,
        count: 0,
        failed: 0,
      });
    }
    const l = lanes[lane]!;
    if (spans.start[i]! < l.first) l.first = spans.start[i]!;
  }
  const order = lanes.map((_, i) => i).sort((a, b) => lanes[a]!.first - lanes[b]!.first || a - b);
  const rankOf = new Int32Array(lanes.length);
  order.forEach((lane, rank) => (rankOf[lane] = rank));
  const shown = Math.min(order.length, options.maxLanes);
  const labelWidth = Math.min(24, Math.max(4, ...order.slice(0, shown).map((l) => displayWidth(lanes[l]!.name))));
  const cols = Math.max(10, options.width - labelWidth - 10);
  const grid = new Uint8Array(shown * cols);
  const span = Math.max(spans.to - spans.from, 1);
  const column = (t: number) => Math.min(cols - 1, Math.floor(((t - spans.from) / span) * cols));
  for (let i = 0; i < n; i++) {
    const pos = spans.positions[i]!;
    const lane = laneOf.get(registry.columns.name[pos]!)!;
    const status = registry.statusClassOf(pos);
    lanes[lane]!.count++;
    if (status === "error") lanes[lane]!.failed++;
    const rank = rankOf[lane]!;
    if (rank >= shown) continue;
    const mark = status === "error" ? FAILED : status === "other" ? OTHER : RAN;
    for (let c = column(spans.start[i]!), last = column(spans.end[i]!); c <= last; c++) {
      const at = rank * cols + c;
      if (grid[at]! < mark) grid[at] = mark;
    }
  }
  const paint = [(t: string) => color.dim(t), color.green, color.yellow, color.red];
  const glyph = ["·", "█", "░", "✗"];
  const lines = [axis(spans, options.local, labelWidth, cols)];
  for (let rank = 0; rank < shown; rank++) {
    const lane = lanes[order[rank]!]!;
    let chart = "";
    for (let c = 0; c < cols;) {
      const mark = grid[rank * cols + c]!;
      let run = 1;
      while (c + run < cols && grid[rank * cols + c + run] === mark) run++;
      chart += paint[mark]!(glyph[mark]!.repeat(run));
      c += run;
    }
    const label = cut(lane.name, labelWidth);
    const tally = lane.failed > 0 ? color.red(` ${lane.count} ✗${lane.failed}`) : ` ${lane.count}`;
    lines.push(`${label}${" ".repeat(labelWidth - displayWidth(label))} ${chart}${tally}`);
  }
  const notes = [`█ success  ░ other status  ✗ failure  · idle; ${formatDuration(span / 1e6)} in ${cols} columns`];
  if (order.length > shown) notes.push(`${order.length - shown} more actions not drawn (filter with -n NAME)`);
  if (spans.untimed > 0) notes.push(`${spans.untimed} executions without a start time left out`);
  lines.push(color.dim(notes.join("; ")));
  return lines.join("\n") + "\n";
}

/** The first line: the start time at the left edge, the end at the right. */
function axis(
  spans: { clock: number; from: number; to: number },
  local: LocalZone,
  labelWidth: number,
  cols: number,
): string {
  const wall = spans.clock !== CLOCK.monotonic;
  const left = wall ? formatTableTime({ clock: spans.clock as 1 | 2, micros: spans.from }, local) : "+0.000s";
  const right = wall
    ? formatTableTime({ clock: spans.clock as 1 | 2, micros: spans.to }, local, {
      clock: spans.clock as 1 | 2,
      micros: spans.from,
    })
    : `+${formatDuration((spans.to - spans.from) / 1e6)}`;
  const gap = Math.max(1, cols - left.length - right.length);
  return `${" ".repeat(labelWidth)} ${left}${" ".repeat(gap)}${right}`;
}
