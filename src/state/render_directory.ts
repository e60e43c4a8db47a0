import type { JsonObject, JsonValue } from "../json/value.ts";
import { oneLine } from "../render/visible_text.ts";
import { renderTextTable } from "../render/text_table.ts";
import { type CheckpointDirectory, type DirectoryRun, newest } from "./directory.ts";
import { readStamp, stampIso } from "./epoch.ts";
import type { Checkpoint } from "./read_checkpoint.ts";
import { paintStatus, plural, type TextOptions } from "./text_style.ts";
import { plainText } from "./value_kind.ts";

/** The table of a directory's runs: run, status, step, checkpoints, last update, purpose. */
export function renderRunsTable(dir: CheckpointDirectory, o: TextOptions): string {
  const files = dir.runs.reduce((n, r) => n + r.checkpoints.length, 0);
  const broken = dir.errors.length > 0 ? `, ${plural(dir.errors.length, "unreadable file", "unreadable files")}` : "";
  const title = o.paint.bold(
    `Checkpoints in ${oneLine(dir.path)}: ${plural(dir.runs.length, "run", "runs")}, ${
      plural(files, "checkpoint", "checkpoints")
    }${broken}`,
  );
  if (dir.runs.length === 0) return `${title}\n`;
  const statuses = dir.runs.map((r) => newest(r).state.status);
  const rows = dir.runs.map((r) => {
    const s = newest(r).state;
    return [
      r.runId === "" ? "(no run_id)" : r.runId,
      s.status,
      `${plainText(s.currentStep)}/${plainText(s.maxSteps)}`,
      String(r.checkpoints.length),
      stampIso(readStamp(s.updatedAt), o.local) ?? plainText(s.updatedAt),
      oneLine(plainText(s.purpose)),
    ];
  });
  const table = renderTextTable(
    [
      { header: "RUN", minWidth: 8 },
      { header: "STATUS", paint: (t, r) => paintStatus(o.paint, statuses[r] ?? "", t) },
      { header: "STEP", align: "right" },
      { header: "CHECKPOINTS", align: "right" },
      { header: "LAST UPDATE" },
      { header: "PURPOSE", minWidth: 8 },
    ],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${title}\n${indentBlock(table)}`;
}

/** The checkpoints of one run, oldest first; `>` marks those shown. */
export function renderRunCheckpoints(run: DirectoryRun, shown: readonly Checkpoint[], o: TextOptions): string {
  const title = o.paint.bold(
    `Run ${run.runId === "" ? "(no run_id)" : oneLine(run.runId)}: ${
      plural(run.checkpoints.length, "checkpoint", "checkpoints")
    }, oldest first`,
  );
  const statuses = run.checkpoints.map((c) => c.state.status);
  const rows = run.checkpoints.map((c) => [
    shown.includes(c) ? ">" : "",
    c.file,
    plainText(c.state.currentStep),
    c.state.status,
    oneLine(plainText(c.state.currentNode)),
    stampIso(readStamp(c.state.updatedAt), o.local) ?? plainText(c.state.updatedAt),
  ]);
  const table = renderTextTable(
    [
      { header: "" },
      { header: "FILE", minWidth: 12 },
      { header: "STEP", align: "right" },
      { header: "STATUS", paint: (t, r) => paintStatus(o.paint, statuses[r] ?? "", t) },
      { header: "NODE", minWidth: 6 },
      { header: "UPDATED" },
    ],
    rows,
    o.width - 2,
    o.paint.dim,
  );
  return `${title}\n${indentBlock(table)}`;
}

/** The directory part of the `-o json` document: runs with their checkpoints, and unreadable files. */
export function directoryJson(dir: CheckpointDirectory): [string, JsonValue][] {
  const runs = dir.runs.map((r): JsonObject => {
    const s = newest(r).state;
    return new Map<string, JsonValue>([
      ["run_id", s.runId],
      ["status", s.status],
      ["current_step", s.currentStep],
      ["max_steps", s.maxSteps],
      ["updated_at", stampIso(readStamp(s.updatedAt))],
      ["purpose", s.purpose],
      [
        "checkpoints",
        r.checkpoints.map((c) =>
          new Map<string, JsonValue>([
            ["file", c.file],
            ["current_step", c.state.currentStep],
            ["status", c.state.status],
            ["current_node", c.state.currentNode],
            ["updated_at", stampIso(readStamp(c.state.updatedAt))],
          ])
        ),
      ],
    ]);
  });
  const errors = dir.errors.map((e) => new Map<string, JsonValue>([["file", e.file], ["reason", e.reason]]));
  return [["path", dir.path], ["runs", runs], ["errors", errors]];
}

function indentBlock(block: string): string {
  return block.split("\n").map((l) => (l === "" ? l : "  " + l)).join("\n");
}
