import { writeAnswer } from "../closed_pipe.ts";
import type { Context } from "../context.ts";
import { loadRegistry } from "../load_logs.ts";
import { defineCommand, integer, outputOption, RECORD_FORMATS, usageError } from "../options.ts";
import { ExechistError } from "../../errors.ts";
import { stringifyJson } from "../../json/stringify.ts";
import type { JsonValue } from "../../json/value.ts";
import { deriveState } from "../../state/derive.ts";
import { diffStates } from "../../state/diff.ts";
import { loadDirectory, selectCheckpoints } from "../../state/directory.ts";
import { joinLog } from "../../state/log_join.ts";
import { loadStateDocument } from "../../state/checkpoint_file.ts";
import type { StateDocument } from "../../state/state_document.ts";
import { diffGraphFiles, showGraphFile } from "./state_langgraph.ts";
import type { Checkpoint } from "../../state/read_checkpoint.ts";
import { diffJson, renderDiffText } from "../../state/render_diff.ts";
import { directoryJson, renderRunCheckpoints, renderRunsTable } from "../../state/render_directory.ts";
import { stateDocument } from "../../state/render_state_json.ts";
import { renderStateText } from "../../state/render_state_text.ts";
import type { TextOptions } from "../../state/text_style.ts";
import { plainText } from "../../state/value_kind.ts";

/** What `state` runs on. */
export interface StateArgs {
  command: "state";
  paths: string[];
  output: (typeof RECORD_FORMATS)[number];
  run: string | undefined;
  step: number | undefined;
  /** Every --step given: two pick the steps of a LangGraph history --diff compares. */
  steps: number[];
  diff: boolean;
  log: string | undefined;
}

/** `exechist state <paths..>`. */
export const stateCommand = defineCommand({
  name: "state",
  words: "<paths..>",
  describe: "Reconstruct a durable run from RunState or LangGraph checkpoints",
  positionals: {
    paths: {
      type: "string",
      array: true,
      demandOption: true,
      describe: "A checkpoint file or a directory of them; two with --diff",
    },
  },
  options: {
    run: {
      type: "string",
      requiresArg: true,
      describe: "In a directory: the run to show (in a LangGraph history: the thread)",
    },
    step: {
      type: "string",
      array: true,
      requiresArg: true,
      coerce: (value: string | string[]) =>
        Array.isArray(value) ? value.map(integer("--step")) : integer("--step")(value),
      describe:
        "In a directory: the checkpoint whose current_step is N (in a LangGraph history: metadata.step; twice with --diff)",
    },
    diff: { type: "boolean", default: false, describe: "What changed from the first checkpoint to the second" },
    log: {
      type: "string",
      requiresArg: true,
      describe: "Attach this execution log's records of the same run to the nodes",
    },
    output: outputOption(RECORD_FORMATS),
  },
  examples: [
    ["exechist state checkpoint.json", "Where the run stands and where it will resume"],
    ["exechist state checkpoints/ --run 3f2a", "The newest checkpoint of run 3f2a"],
    ["exechist state --diff a.json b.json", "What changed between two checkpoints"],
    ["exechist state --diff graph.json --step 3", "What step 3 of a LangGraph history changed"],
  ],
  read: (argv): StateArgs => {
    const { paths, diff } = argv;
    if (diff && (paths.length < 1 || paths.length > 2)) {
      throw usageError("--diff needs two checkpoints, or one LangGraph history: exechist state --diff A B");
    }
    if (!diff && paths.length !== 1) throw usageError("state takes one checkpoint or directory (two with --diff)");
    const steps = argv.step === undefined ? [] : Array.isArray(argv.step) ? argv.step : [argv.step];
    if (steps.length > 2) throw usageError("--step is given at most twice (two steps of a LangGraph history)");
    return {
      command: "state",
      paths,
      output: argv.output,
      run: argv.run,
      step: steps[0],
      steps,
      diff,
      log: argv.log,
    };
  },
  run: runState,
});

/** `exechist state`: one checkpoint, a directory of them, or the difference between two. */
async function runState(command: StateArgs, ctx: Context): Promise<number> {
  const text: TextOptions = { paint: ctx.color, width: ctx.width, local: ctx.local };
  const graph = { output: command.output, run: command.run, steps: command.steps };
  if (command.diff) {
    if (command.log !== undefined) throw usage("--log does not go with --diff");
    const docs = command.paths.map((p) => readFile(p, ctx));
    const graphs = docs.flatMap((d) => (d.kind === "langgraph" ? [d.graph] : []));
    if (graphs.length === docs.length && (graphs.length === 2 || graphs[0]!.history)) {
      diffGraphFiles(graphs, graph, ctx, text);
      return 0;
    }
    if (graphs.length > 0 && graphs.length < docs.length) {
      throw new ExechistError(
        "input",
        "--diff compares checkpoints of one kind: one file is LangGraph's, the other a RunState checkpoint",
      );
    }
    if (docs.length !== 2) {
      throw usage("--diff needs two checkpoints, or one LangGraph history: exechist state --diff A B");
    }
    if (command.run !== undefined || command.step !== undefined) {
      throw usage("--run and --step pick from a directory; --diff compares two files");
    }
    const [a, b] = docs.map((d) => (d as Extract<StateDocument, { kind: "runstate" }>).checkpoint);
    const diff = diffStates(a!, b!);
    ctx.io.stdout.write(command.output === "json" ? json(diffJson(diff)) : renderDiffText(diff, text));
    return 0;
  }
  if (command.steps.length > 1) throw usage("--step is given twice only with --diff of a LangGraph history");
  const path = command.paths[0]!;
  const kind = ctx.io.pathKind(path);
  if (kind === "missing") throw new ExechistError("input", `Cannot read "${path}": no such file or directory`);
  const registry = command.log === undefined ? undefined : await loadRegistry([command.log], ctx);
  const show = (c: Checkpoint): { doc: JsonValue; text: string } => {
    const derived = deriveState(c);
    const log = registry === undefined ? undefined : joinLog(c.state, registry, command.log!);
    return command.output === "json"
      ? { doc: stateDocument(c, derived, log), text: "" }
      : { doc: null, text: renderStateText(c, derived, text, log) };
  };
  if (kind === "file") {
    const doc = loadStateDocument(ctx.io, path);
    if (doc.kind === "langgraph") {
      if (command.log !== undefined) throw usage("--log joins a log to a RunState checkpoint, not to LangGraph's");
      showGraphFile(doc.graph, graph, ctx, text);
      return 0;
    }
    const checkpoint = doc.checkpoint;
    const dir = { path, runs: [{ runId: plainText(checkpoint.state.runId), checkpoints: [checkpoint] }], errors: [] };
    selectCheckpoints(dir, command.run, command.step);
    const shown = show(checkpoint);
    ctx.io.stdout.write(command.output === "json" ? json(shown.doc) : shown.text);
    return 0;
  }
  const dir = loadDirectory(ctx.io, path);
  for (const error of dir.errors) ctx.io.stderr.write(`exechist: ${error.message}\n`);
  if (dir.runs.length === 0) {
    throw new ExechistError(
      "input",
      dir.errors.length === 0
        ? `No checkpoints in "${path}": no *.json file below it`
        : `No checkpoint in "${path}" could be read (${dir.errors.length} unreadable)`,
    );
  }
  const selection = selectCheckpoints(dir, command.run, command.step);
  for (const note of selection.notes) ctx.io.stderr.write(`exechist: ${note}\n`);
  const views = selection.shown.map(show);
  const status = writeAnswer(dir.errors.length > 0 && ctx.strict ? 2 : 0, () => {
    if (command.output === "json") {
      ctx.io.stdout.write(json(new Map([...directoryJson(dir), ["states", views.map((v) => v.doc)]])));
    } else {
      const parts = [renderRunsTable(dir, text)];
      if (selection.run !== undefined) parts.push(renderRunCheckpoints(selection.run, selection.shown, text));
      const rule = ctx.color.dim("─".repeat(Math.min(ctx.width, 80)));
      for (const view of views) parts.push(`${rule}\n${view.text}`);
      ctx.io.stdout.write(parts.join("\n"));
    }
  });
  if (status === 2) {
    ctx.io.stderr.write(
      `exechist: ${dir.errors.length} checkpoint${dir.errors.length === 1 ? "" : "s"} could not be read (--strict)\n`,
    );
    return 2;
  }
  return 0;
}

function readFile(path: string, ctx: Context): StateDocument {
  const kind = ctx.io.pathKind(path);
  if (kind === "missing") throw new ExechistError("input", `Cannot read "${path}": no such file or directory`);
  if (kind === "directory") throw usage(`--diff compares two checkpoint files; "${path}" is a directory`);
  return loadStateDocument(ctx.io, path);
}

function json(value: JsonValue): string {
  return stringifyJson(value, { indent: 2 }) + "\n";
}

function usage(message: string): ExechistError {
  return usageError(message, "state");
}
