import { JsonNumber, type JsonObject, type JsonValue } from "../json/value.ts";
import { cut } from "../render/cell.ts";
import { oneLine } from "../render/visible_text.ts";
import { renderTextTable } from "../render/text_table.ts";
import type { Derived } from "./derive.ts";
import { readStamp, stampIso } from "./epoch.ts";
import type { RunState } from "./run_state.ts";
import { formatBytes, paintStatus, plural, type TextOptions, wrapChain, wrapText } from "./text_style.ts";
import { isJsonInteger, jsonSize, plainText, quoted } from "./value_kind.ts";

const CACHE_SHOWN = 20;
const HISTORY_SHOWN = 10;
const COMPLETED_SHOWN = 40;

/** The node table: node, status, attempts, error, idempotency key. */
export function renderNodes(state: RunState, d: Derived, o: TextOptions): string {
  const nodes = [...state.nodeStates.values()];
  const counts = oneLine(d.nodeCounts.map(([status, n]) => `${n} ${status}`).join(", "));
  if (nodes.length === 0) return `${o.paint.bold("Nodes")}: ${o.paint.dim("none")}\n`;
  const title = o.paint.bold(`Nodes (${nodes.length}: ${counts})`);
  const statuses = nodes.map((n) => plainText(n.status));
  const rows = nodes.map((n, i) => [
    typeof n.nodeId === "string" && n.nodeId === n.key ? n.key : `${n.key} (node_id ${plainText(n.nodeId) || '""'})`,
    statuses[i] ?? "",
    plainText(n.attempts),
    oneLine(plainText(n.error)),
    plainText(n.idempotencyKey),
  ]);
  return `${title}\n${
    indent(renderTextTable(
      [
        { header: "NODE", minWidth: 8 },
        { header: "STATUS", paint: (t, r) => paintStatus(o.paint, statuses[r] ?? "", t) },
        { header: "ATTEMPTS", align: "right" },
        { header: "ERROR", minWidth: 12 },
        { header: "IDEMPOTENCY KEY", minWidth: 8 },
      ],
      rows,
      o.width - 2,
      o.paint.dim,
    ))
  }`;
}

/** completed_nodes in order, as a chain; nodes completed more than once are named. */
export function renderCompleted(d: Derived, o: TextOptions): string {
  if (d.completedOrder.length === 0) return `${o.paint.bold("Completed nodes")}: ${o.paint.dim("none")}\n`;
  const title = o.paint.bold(`Completed nodes (${d.completedOrder.length}, in order)`);
  const skipped = Math.max(0, d.completedOrder.length - COMPLETED_SHOWN);
  const lead = skipped > 0 ? `(${skipped} earlier)` : "";
  const lines = wrapChain(d.completedOrder.slice(skipped), o.width - 2, lead);
  const out = [
    title,
    ...lines.map((l) => "  " + (skipped > 0 && l.startsWith(lead) ? o.paint.dim(lead) + l.slice(lead.length) : l)),
  ];
  if (d.completedRepeats.length > 0) {
    out.push(
      ...wrapText(
        d.completedRepeats.map(([node, n]) => `${node} (${n} times)`).join(", "),
        o.width,
        "  repeated: ",
        "    ",
      ),
    );
  }
  return out.join("\n") + "\n";
}

/** The tool-result cache: count, and each key with the size of its value. */
export function renderCache(d: Derived, o: TextOptions): string {
  if (d.cache === null) return `${o.paint.bold("Tool-result cache")}: ${o.paint.dim("not a dict, nothing to list")}\n`;
  const total = d.cache.reduce((sum, e) => sum + e.bytes, 0);
  if (d.cache.length === 0) return `${o.paint.bold("Tool-result cache")}: ${o.paint.dim("empty")}\n`;
  const title = o.paint.bold(
    `Tool-result cache (${plural(d.cache.length, "entry", "entries")}, ${formatBytes(total)})`,
  );
  const shown = d.cache.slice(0, CACHE_SHOWN);
  const rows = shown.map((e) => [oneLine(e.key), formatBytes(e.bytes), oneLine(plainText(e.value))]);
  const columns = [{ header: "KEY", minWidth: 12 }, { header: "SIZE", align: "right" as const }, {
    header: "VALUE",
    minWidth: 10,
  }];
  let out = `${title}\n${indent(renderTextTable(columns, rows, o.width - 2, o.paint.dim))}`;
  if (d.cache.length > CACHE_SHOWN) out += `  … and ${d.cache.length - CACHE_SHOWN} more (-o json lists every key)\n`;
  return out;
}

/** The newest action-history entries, numbered by their place in the file. */
export function renderHistory(d: Derived, o: TextOptions): string {
  if (d.history === null || d.historyInFile === null) {
    return `${o.paint.bold("Action history")}: ${o.paint.dim("not a list, nothing to show")}\n`;
  }
  const count = d.historyInFile;
  const shown = d.history.slice(-HISTORY_SHOWN);
  if (count === 0) return `${o.paint.bold("Action history")}: ${o.paint.dim("empty")}\n`;
  const title = o.paint.bold(
    `Action history (${plural(count, "entry", "entries")}${count > shown.length ? `; newest ${shown.length}` : ""})`,
  );
  const lines = [title];
  if (d.historyPossiblyTruncated) {
    const text = count === 50
      ? "exactly 50 entries: to_dict() keeps only the last 50, so older ones may be gone"
      : `to_dict() keeps only the last 50 of these ${count}`;
    lines.push(
      ...wrapText(text, o.width, "  ! ").map((l, i) => (i === 0 ? `  ${o.paint.yellow("!")}${l.slice(3)}` : l)),
    );
  }
  const first = count - shown.length + 1;
  const width = String(count).length + 1;
  shown.forEach((entry, i) => {
    const label = `#${first + i}`.padStart(width);
    lines.push(`  ${o.paint.dim(label)}  ${cut(oneLine(plainText(entry)), o.width - width - 4)}`);
  });
  return lines.join("\n") + "\n";
}

/** Fields that from_dict does not read, at the top and in nodes. */
export function renderUnknown(d: Derived, o: TextOptions): string {
  const rows: string[][] = [];
  for (const [key, value] of d.unknownFields) rows.push([key, oneLine(plainText(value))]);
  for (const [node, fields] of d.unknownNodeFields) {
    for (const [key, value] of fields) {
      const iso = key.endsWith("_at") ? stampIso(readStamp(value), o.local) : null;
      rows.push([`node_states.${node}.${key}`, oneLine(plainText(value)) + (iso ? ` (${iso})` : "")]);
    }
  }
  if (rows.length === 0) return "";
  const title = o.paint.bold(`Unknown fields (${rows.length}: from_dict ignores them, to_dict drops them)`);
  return `${title}\n${
    indent(
      renderTextTable(
        [{ header: "FIELD", minWidth: 12 }, { header: "VALUE", minWidth: 10 }],
        rows,
        o.width - 2,
        o.paint.dim,
      ),
    )
  }`;
}

/** Data or metadata: each key with its Python type, size and value. */
export function renderObject(name: string, value: JsonValue, o: TextOptions): string {
  if (!(value instanceof Map)) {
    const shown = value === null ? "" : `: ${cut(oneLine(quoted(value)), o.width - 30)}`;
    return `${o.paint.bold(name)}: ${o.paint.dim(`${pythonType(value)}, not a dict`)}${shown}\n`;
  }
  if (value.size === 0) return `${o.paint.bold(name)}: ${o.paint.dim("empty")}\n`;
  const title = o.paint.bold(`${name} (${plural(value.size, "key", "keys")})`);
  const rows = [...(value as JsonObject)].map((
    [key, item],
  ) => [oneLine(key), pythonType(item), formatBytes(jsonSize(item)), oneLine(plainText(item))]);
  return `${title}\n${
    indent(renderTextTable(
      [{ header: "KEY", minWidth: 8 }, { header: "TYPE" }, { header: "SIZE", align: "right" }, {
        header: "VALUE",
        minWidth: 10,
      }],
      rows,
      o.width - 2,
      o.paint.dim,
    ))
  }`;
}

/** The Python type `json.loads` gives a value. */
function pythonType(value: JsonValue): string {
  if (value === null) return "None";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number" || value instanceof JsonNumber) {
    if (value instanceof JsonNumber && !Number.isFinite(value.value)) return "float";
    return isJsonInteger(value) ? "int" : "float";
  }
  return Array.isArray(value) ? "list" : "dict";
}

function indent(block: string): string {
  return block.split("\n").map((l) => (l === "" ? l : "  " + l)).join("\n");
}
