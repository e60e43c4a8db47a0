import { prng } from "../helpers/gen_lines.ts";

/** One action of a generated run. */
export interface ActionSpec {
  name: string;
  count: number;
  /** Median duration in seconds. */
  median: number;
  /** Executions (by their number among the action's) that fail, with the exception written. */
  failures?: ReadonlyArray<readonly [number, string]>;
}

/** How one generated run differs from the plan. */
export interface RunOptions {
  seed: number;
  /** Each action's durations multiplied by this (default 1). */
  scale?: (name: string) => number;
  runId?: string;
  /** Epoch ms of the first start. */
  startMs?: number;
}

/** Draws from a standard normal (Box–Muller) with a seeded PRNG. */
function normal(r: () => number): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/**
 * A JSON-lines log of one run: each action's executions interleaved, durations
 * log-normal around the median (σ = 0.25) times its scale, one after another in time.
 */
export function runLog(actions: readonly ActionSpec[], options: RunOptions): string {
  const r = prng(options.seed);
  const queue: Array<[ActionSpec, number]> = [];
  const longest = Math.max(...actions.map((a) => a.count));
  for (let i = 0; i < longest; i++) for (const a of actions) if (i < a.count) queue.push([a, i]);
  let clock = options.startMs ?? Date.UTC(2025, 5, 1, 12, 0, 0);
  const lines = queue.map(([action, i], index) => {
    const duration =
      Math.round(action.median * (options.scale?.(action.name) ?? 1) * Math.exp(0.25 * normal(r)) * 1e6) /
      1e6;
    const failure = action.failures?.find(([at]) => at === i)?.[1];
    const start = new Date(clock).toISOString();
    clock += Math.ceil(duration * 1000) + 1;
    return JSON.stringify({
      index,
      name: action.name,
      start_wall: start,
      duration,
      status: failure === undefined ? "OK" : "ERROR",
      exception: failure ?? null,
      ...(options.runId === undefined ? {} : { run_id: options.runId }),
    });
  });
  return lines.join("\n") + "\n";
}

/** The plan of the BASE/HEAD tests: five steady actions of 200 executions each. */
export const STEADY: readonly ActionSpec[] = [
  { name: "checkout", count: 200, median: 0.5 },
  { name: "build", count: 200, median: 2 },
  { name: "test", count: 200, median: 5 },
  { name: "fetch", count: 200, median: 0.2 },
  { name: "package", count: 200, median: 1 },
];

/** ±5% for every action but `slow`, which gets `factor`: a fixed shift per action, from the seed. */
export function noiseWith(seed: number, slow: string, factor: number): (name: string) => number {
  const r = prng(seed);
  const shifts = new Map<string, number>();
  return (name) => {
    if (name === slow) return factor;
    if (!shifts.has(name)) shifts.set(name, r() < 0.5 ? 0.95 : 1.05);
    return shifts.get(name)!;
  };
}
