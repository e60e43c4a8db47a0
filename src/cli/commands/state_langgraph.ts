import type { Context } from "../context.ts";
import { ExechistError } from "../../errors.ts";
import { stringifyJson } from "../../json/stringify.ts";
import type { JsonValue } from "../../json/value.ts";
import { diffGraphs, graphDiffJson } from "../../state/langgraph_diff.ts";
import { diffPair, type GraphFile, selectGraph } from "../../state/langgraph_history.ts";
import { graphDocument, graphHistoryJson } from "../../state/langgraph_json.ts";
import { renderGraphHistory, renderGraphText } from "../../state/langgraph_text.ts";
import { viewGraph } from "../../state/langgraph_view.ts";
import { renderDiffText } from "../../state/render_diff.ts";
import type { TextOptions } from "../../state/text_style.ts";
import { plainText } from "../../state/value_kind.ts";
import type { GraphCheckpoint } from "../../state/langgraph_checkpoint.ts";

/** What `state` was asked, for a file of LangGraph checkpoints. */
export interface GraphRequest {
  output: "text" | "json";
  run: string | undefined;
  steps: number[];
}

/** `exechist state FILE` of LangGraph checkpoints: the one picked (the newest), after the history's table. */
export function showGraphFile(g: GraphFile, request: GraphRequest, ctx: Context, text: TextOptions): void {
  const selection = selectGraph(g, request.run, request.steps[0]);
  for (const note of selection.notes) ctx.io.stderr.write(`exechist: ${note}\n`);
  const view = viewGraph(selection.shown);
  if (request.output === "json") {
    const doc = graphDocument(view);
    ctx.io.stdout.write(json(g.history ? new Map([...graphHistoryJson(g), ["state", doc]]) : doc));
    return;
  }
  const parts = [renderGraphText(view, text)];
  if (g.history) {
    const rule = ctx.color.dim("─".repeat(Math.min(ctx.width, 80)));
    parts.unshift(renderGraphHistory(g, [selection.shown], text), `${rule}\n`);
  }
  ctx.io.stdout.write(parts.join("\n"));
}

/**
 * `exechist state --diff`: two steps of one history (`--step A --step B`, one `--step N`
 * from the checkpoint before it, or the newest from the one before it), or the newest
 * checkpoints of two files.
 */
export function diffGraphFiles(files: GraphFile[], request: GraphRequest, ctx: Context, text: TextOptions): void {
  let pair: [GraphCheckpoint, GraphCheckpoint];
  if (files.length === 1) pair = diffPair(files[0]!, request.run, request.steps);
  else {
    if (request.steps.length > 0) {
      throw new ExechistError(
        "usage",
        "--step picks from one history: exechist state --diff HISTORY --step A --step B",
      );
    }
    pair = [selectGraph(files[0]!, request.run, undefined).shown, selectGraph(files[1]!, request.run, undefined).shown];
  }
  const [a, b] = pair;
  const name = (c: GraphCheckpoint, g: GraphFile): string =>
    g.history ? `${c.file}, step ${plainText(c.metadata?.get("step") ?? null)}` : c.file;
  const diff = diffGraphs(viewGraph(a), viewGraph(b), name(a, files[0]!), name(b, files[files.length - 1]!));
  ctx.io.stdout.write(request.output === "json" ? json(graphDiffJson(diff)) : renderDiffText(diff, text));
}

function json(value: JsonValue): string {
  return stringifyJson(value, { indent: 2 }) + "\n";
}
