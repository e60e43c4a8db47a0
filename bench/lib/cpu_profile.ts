import * as path from "node:path";

/** A node of a V8 `.cpuprofile`. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The parts of a V8 `.cpuprofile` that are read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self and inclusive milliseconds of one function (by name and place). */
export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

function frameKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return `(${functionName || "anonymous"})`.replace(/^\(\((.*)\)\)$/, "($1)");
  return `${functionName || "(anonymous)"} ${path.basename(url)}:${lineNumber + 1}`;
}

/** Self and inclusive time per function of a V8 CPU profile, busiest first by self time. */
export function functionTimes(profile: CpuProfile): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000; // a sample's time is the gap to the next one
    const key = frameKey(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = frameKey(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  return [...total.keys()]
    .map((name) => ({ name, selfMs: self.get(name) ?? 0, totalMs: total.get(name)! }))
    .sort((a, b) => b.selfMs - a.selfMs);
}
