import type { ExecutionRegistry } from "../query/registry.ts";
import { CLOCK } from "../read/time.ts";
import { formatDuration, formatTableTime, type LocalZone } from "../render/time.ts";
import { cutChars } from "../render/cut_text.ts";
import { describeException, exceptionHeadline } from "../report/exception_text.ts";
import { selectMarks } from "../timeline/select_marks.ts";
import { placeSpans, type Spans } from "../timeline/spans.ts";
import { htmlText, svgNumber } from "./escape_html.ts";

/** How much of a run the timeline draws. */
export interface TimelineLimits {
  /** Executions drawn one by one; beyond, each lane is drawn as density in {@link bins} columns. */
  maxMarks: number;
  /** Of the marks, failures at most (the rest are the longest executions). */
  maxFailures: number;
  bins: number;
  maxLanes: number;
}

/** The defaults: a page of a million records stays a few MB and opens in a second. */
export const TIMELINE_LIMITS: TimelineLimits = { maxMarks: 2_000, maxFailures: 1_000, bins: 300, maxLanes: 200 };

const WIDTH = 1000;
const LANE = 16;
const STATUS_CLASS = { success: "s", error: "e", other: "o" } as const;

/**
 * The timeline section: a lane per action name (in order of first start), a mark per
 * execution coloured by status, with its name, duration and exception on hover, in an
 * SVG the page's script zooms. Past `maxMarks` executions each lane shows how many ran
 * in each of `bins` columns, and on top every failure (up to `maxFailures`) and the
 * longest executions, one by one; the section says so.
 */
export function renderTimelineSection(
  registry: ExecutionRegistry,
  positions: Uint32Array,
  local: LocalZone,
  limits: TimelineLimits = TIMELINE_LIMITS,
): string {
  const spans = placeSpans(registry, positions);
  const n = spans.positions.length;
  if (n === 0) return `<h2>Timeline</h2>\n<p class="note">No execution has a start time: nothing to draw.</p>\n`;
  const lanes = laneOrder(registry, spans, limits.maxLanes);
  const pick = selectMarks(registry, spans, limits.maxMarks, limits.maxFailures);
  const span = Math.max(spans.to - spans.from, 1);
  const x = (t: number) => ((t - spans.from) / span) * WIDTH;
  const parts: string[] = [];
  if (!pick.complete) parts.push(densityLayer(registry, spans, lanes, limits.bins));
  for (const i of pick.chosen) {
    const pos = spans.positions[i]!;
    const rank = lanes.rank[registry.columns.name[pos]!]!;
    if (rank < 0) continue;
    const x0 = x(spans.start[i]!);
    const w = Math.max(x(spans.end[i]!) - x0, 0.8); // about a pixel at full width
    const cls = STATUS_CLASS[registry.statusClassOf(pos)];
    parts.push(
      `<rect class="m ${cls}" x="${svgNumber(x0)}" y="${rank * LANE + 2}" width="${svgNumber(w)}" height="12" data-t="${
        htmlText(markTip(registry, spans, i, local))
      }"/>`,
    );
  }
  const height = lanes.names.length * LANE;
  const wall = spans.clock !== CLOCK.monotonic;
  const offset = wall && local && spans.clock === CLOCK.instant ? local(spans.from / 1000) : 0;
  const notes = [
    pick.complete
      ? `${n} executions, each drawn.`
      : `${n} executions: too many to draw one by one, so each lane shows how many started in each of ${limits.bins} ` +
        `columns (the taller, the more), and on top every failure (${pick.failuresChosen} of ${pick.failures}) and the ` +
        `${pick.chosen.length - pick.failuresChosen} longest executions, one by one.`,
  ];
  if (lanes.hidden > 0) {
    notes.push(`${lanes.hidden} more action names are not drawn (the first ${limits.maxLanes} by start are).`);
  }
  if (spans.untimed > 0) notes.push(`${spans.untimed} executions have no start time and are not drawn.`);
  notes.push(
    "Scroll to zoom, drag to pan; times in " +
      (wall ? (offset === 0 ? "UTC" : "your --local zone") : "seconds from the first start") + ".",
  );
  return `<h2>Timeline</h2>
<p class="note">${notes.map(htmlText).join(" ")}</p>
<div class="zoom"><button data-zoom="in">Zoom in</button><button data-zoom="out">Zoom out</button><button data-zoom="reset">Reset</button></div>
<div class="tl"><div class="lanes">${
    lanes.names.map((name) => `<div title="${htmlText(name)}">${htmlText(name)}</div>`).join("")
  }</div>
<div class="plot"><svg id="tl" viewBox="0 0 ${WIDTH} ${height}" height="${height}" preserveAspectRatio="none" data-from="${
    svgNumber(spans.from / 1000)
  }" data-to="${svgNumber(spans.to / 1000)}" data-clock="${
    wall ? "wall" : "monotonic"
  }" data-offset="${offset}" data-bins="${limits.bins}">
${parts.join("\n")}
</svg><div class="axis" id="axis"></div></div></div>
`;
}

/** Lanes: names in order of first start, the first `max` drawn. */
function laneOrder(registry: ExecutionRegistry, spans: Spans, max: number) {
  // By name id (ids are small and dense): the earliest start, then the lane.
  const first = new Float64Array(registry.names.length).fill(Infinity);
  const name = registry.columns.name;
  for (let i = 0; i < spans.positions.length; i++) {
    const id = name[spans.positions[i]!]!;
    if (spans.start[i]! < first[id]!) first[id] = spans.start[i]!;
  }
  const ids: number[] = [];
  first.forEach((t, id) => {
    if (t !== Infinity) ids.push(id);
  });
  ids.sort((a, b) => first[a]! - first[b]! || a - b);
  const drawn = ids.slice(0, max);
  const rank = new Int32Array(registry.names.length).fill(-1);
  drawn.forEach((id, r) => (rank[id] = r));
  return { rank, ids: drawn, names: drawn.map((id) => registry.names[id] ?? ""), hidden: ids.length - drawn.length };
}

function markTip(registry: ExecutionRegistry, spans: Spans, i: number, local: LocalZone): string {
  const pos = spans.positions[i]!;
  const parts = [
    `${registry.nameOf(pos)} #${registry.columns.index[pos]}`,
    formatDuration(registry.durationOf(pos)),
    registry.statusOf(pos),
  ];
  const start = registry.startOf(pos);
  if (start) parts.push(formatTableTime(start, local));
  let tip = parts.join(" · ");
  if (registry.statusClassOf(pos) === "error") {
    const details = registry.details(pos);
    const headline = exceptionHeadline(describeException(details.exception, details.traceback));
    if (headline !== "") tip += `\n${cutChars(headline, 300)}`;
  }
  return tip;
}

/**
 * Each lane's executions counted by start in `bins` columns, as one path of bars per
 * lane (the height: the count against the lane's busiest column) carrying its counts,
 * which the page's script turns into a tooltip: a few hundred elements, not one per column.
 */
function densityLayer(
  registry: ExecutionRegistry,
  spans: Spans,
  lanes: { rank: Int32Array; ids: number[] },
  bins: number,
): string {
  const { rank } = lanes;
  const laneCount = lanes.ids.length;
  const counts = new Uint32Array(laneCount * bins);
  const failed = new Uint32Array(laneCount * bins);
  const span = Math.max(spans.to - spans.from, 1);
  for (let i = 0; i < spans.positions.length; i++) {
    const pos = spans.positions[i]!;
    const r = rank[registry.columns.name[pos]!]!;
    if (r < 0) continue;
    const b = Math.min(bins - 1, Math.floor(((spans.start[i]! - spans.from) / span) * bins));
    counts[r * bins + b]!++;
    if (registry.statusClassOf(pos) === "error") failed[r * bins + b]!++;
  }
  const width = svgNumber(WIDTH / bins);
  const out: string[] = [];
  for (let r = 0; r < laneCount; r++) {
    const lane = counts.subarray(r * bins, (r + 1) * bins);
    let most = 1;
    for (const c of lane) if (c > most) most = c;
    let d = "";
    lane.forEach((c, b) => {
      if (c === 0) return;
      const h = 2 + 10 * (c / most);
      d += `M${svgNumber((b * WIDTH) / bins)} ${r * LANE + 14}v-${svgNumber(h)}h${width}v${svgNumber(h)}z`;
    });
    const name = registry.names[lanes.ids[r]!] ?? "";
    out.push(
      `<path class="d" d="${d}" data-lane="${htmlText(name)}" data-c="${lane.join(",")}" data-f="${
        failed.subarray(r * bins, (r + 1) * bins).join(",")
      }"/>`,
    );
  }
  return out.join("\n");
}
