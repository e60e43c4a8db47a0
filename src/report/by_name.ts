import type { ExecutionRegistry } from "../query/registry.ts";

/** Positions regrouped by name: `order` holds group g's positions from `offsets[g]` to `offsets[g + 1]`. */
export interface NameOrder {
  /** Name ids, in order of first appearance. */
  nameIds: number[];
  offsets: Uint32Array;
  order: Uint32Array;
}

/** Regroups positions by name (groups in order of first appearance, input order within each): a counting sort. */
export function orderByName(registry: ExecutionRegistry, positions: Uint32Array): NameOrder {
  const nameColumn = registry.columns.name;
  const groupOfName = new Map<number, number>();
  const nameIds: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j < positions.length; j++) {
    const id = nameColumn[positions[j]!]!;
    const g = groupOfName.get(id);
    if (g === undefined) {
      groupOfName.set(id, nameIds.length);
      nameIds.push(id);
      counts.push(1);
    } else counts[g]!++;
  }
  const offsets = new Uint32Array(nameIds.length + 1);
  for (let g = 0; g < nameIds.length; g++) offsets[g + 1] = offsets[g]! + counts[g]!;
  const fill = offsets.slice(0, nameIds.length);
  const order = new Uint32Array(positions.length);
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    order[fill[groupOfName.get(nameColumn[pos]!)!]!++] = pos;
  }
  return { nameIds, offsets, order };
}
