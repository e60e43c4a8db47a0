import type { ExecutionRegistry } from "../query/registry.ts";
import type { JsonValue } from "../json/value.ts";
import type { TimeValue } from "../types.ts";
import type { RunState } from "./run_state.ts";
import { plainText } from "./value_kind.ts";

/** What an execution log says about one node: its newest execution, and how many it had. */
export interface NodeLog {
  node: string;
  executions: number;
  start: TimeValue | null;
  end: TimeValue | null;
  /** Seconds. */
  duration: number | null;
  /** Sum over every execution of the node, seconds (null when one is unknown). */
  totalDuration: number | null;
  status: string;
  /** `FILE:LINE` of the newest execution. */
  source: string;
  /** The log's result, when the checkpoint's output_data is empty. */
  result: JsonValue | undefined;
  /** The log's exception, when the checkpoint has no error. */
  exception: JsonValue | undefined;
  traceback: string | null;
}

/** The records of an execution log that belong to a checkpoint's run, attached to its nodes. */
export interface LogJoin {
  file: string;
  runId: string;
  /** Records with this run_id. */
  records: number;
  /** In node_states order; nodes with no record are left out. */
  nodes: NodeLog[];
  /** Names of the run's records that match no node, with their counts. */
  unmatched: [string, number][];
  warnings: string[];
}

/**
 * Attaches the records whose run_id is the checkpoint's to the nodes of the same name
 * (the node_states key, or its node_id): timings the checkpoint lacks, and the result
 * and traceback it never had.
 */
export function joinLog(state: RunState, registry: ExecutionRegistry, file: string): LogJoin {
  const runId = plainText(state.runId);
  const positions = registry.positionsOfRun(runId);
  const byName = new Map<string, number[]>();
  for (const pos of positions) {
    const name = registry.nameOf(pos);
    const list = byName.get(name);
    if (list) list.push(pos);
    else byName.set(name, [pos]);
  }
  const used = new Set<string>();
  const nodes: NodeLog[] = [];
  const warnings: string[] = [];
  for (const node of state.nodeStates.values()) {
    const names = [node.key];
    if (typeof node.nodeId === "string" && node.nodeId !== node.key) names.push(node.nodeId);
    const mine = names.flatMap((n) => byName.get(n) ?? []).sort((a, b) => a - b);
    names.forEach((n) => used.add(n));
    const newest = mine[mine.length - 1];
    if (newest === undefined) continue;
    const details = registry.details(newest);
    const outputEmpty = !(node.outputData instanceof Map) || node.outputData.size === 0;
    let total: number | null = 0;
    for (const pos of mine) {
      const d = registry.durationOf(pos);
      total = total === null || d === null ? null : total + d;
    }
    nodes.push({
      node: node.key,
      executions: mine.length,
      start: registry.startOf(newest),
      end: registry.endOf(newest),
      duration: registry.durationOf(newest),
      totalDuration: total === null ? null : Math.round(total * 1e6) / 1e6,
      status: registry.statusOf(newest),
      source: registry.sourceOf(newest),
      result: outputEmpty ? details.result : undefined,
      exception: node.error === null ? details.exception : undefined,
      traceback: details.traceback,
    });
    const attempts = node.attempts;
    if (typeof attempts === "number" && attempts !== mine.length) {
      warnings.push(
        `the log has ${mine.length} execution${
          mine.length === 1 ? "" : "s"
        } of "${node.key}"; the checkpoint counts ${attempts} attempt${attempts === 1 ? "" : "s"}`,
      );
    }
  }
  const unmatched = [...byName].filter(([name]) => !used.has(name)).map((
    [name, list],
  ): [string, number] => [name, list.length]);
  if (positions.length === 0) warnings.push(`the log has no record with run_id "${runId}"`);
  return { file, runId, records: positions.length, nodes, unmatched, warnings };
}
