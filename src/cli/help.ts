import {
  COMMANDS,
  type CommandSpec,
  EPILOG,
  GLOBAL_OPTIONS,
  type OptionSpec,
  SUMMARY_LINE,
  usageOf,
} from "./options.ts";

/** `exechist --help`: the commands and the options every command takes. */
export function toolHelp(width: number): string {
  const w = helpWidth(width);
  return [
    SUMMARY_LINE,
    "",
    "Usage: exechist <command> [options]   (no command: summary)",
    "",
    "Commands:",
    ...columns(COMMANDS.map((command) => [`exechist ${usageOf(command)}`, command.describe]), w),
    "",
    "Options of every command:",
    ...columns(GLOBAL_OPTIONS.map(optionRow), w),
    "",
    ...wrap('Run "exechist <command> --help" for its arguments, options and examples.', w, ""),
    "",
    ...wrap(EPILOG, w, ""),
  ].join("\n") + "\n";
}

/** `exechist COMMAND --help`: its arguments, its options (then the global ones), examples. */
export function commandHelp(command: CommandSpec, width: number): string {
  const w = helpWidth(width);
  const formats = `${command.formats.join(", ")} (default ${command.formats[0]})`;
  const globals = GLOBAL_OPTIONS.map((spec) =>
    spec.long === "output" ? { ...spec, describe: `Output format: ${formats}` } : spec
  );
  const args = command.positionals.filter((p) => p.describe !== undefined);
  const own = command.options.map(optionRow);
  const every = globals.map(optionRow);
  const left = leftWidth([...own, ...every], w); // both lists of options aligned alike
  const lines = [`Usage: exechist ${usageOf(command)} [options]`, "", ...wrap(command.describe, w, ""), ""];
  if (args.length) lines.push("Arguments:", ...columns(args.map((p) => [p.name, p.describe!]), w), "");
  if (own.length) lines.push("Options:", ...columns(own, w, left), "");
  lines.push(
    own.length ? "Options of every command:" : "Options:",
    ...columns(every, w, left),
    "",
    "Examples:",
    ...columns(command.examples, w),
    "",
    ...wrap(EPILOG, w, ""),
  );
  return lines.join("\n") + "\n";
}

/** Help is wrapped to the terminal, within 60 to 100 columns. */
function helpWidth(width: number): number {
  return Math.max(60, Math.min(width, 100));
}

function optionRow(spec: OptionSpec): [string, string] {
  const short = spec.short === undefined ? "    " : `-${spec.short}, `;
  const long = spec.type === "boolean" ? `--${spec.long}` : `--${spec.long} ${spec.value ?? "VALUE"}`;
  return [short + long, spec.describe];
}

type Rows = ReadonlyArray<readonly [string, string]>;

/** The width of the left column of `rows`: its widest cell, up to 45% of the line. */
function leftWidth(rows: Rows, width: number): number {
  return Math.min(Math.max(...rows.map(([left]) => left.length)), Math.floor(width * 0.45));
}

/** Rows of two columns, indented by 2; the right one wrapped, or below the left one when that is too wide. */
function columns(rows: Rows, width: number, widest = leftWidth(rows, width)): string[] {
  const indent = " ".repeat(2 + widest + 2);
  const out: string[] = [];
  for (const [left, right] of rows) {
    const text = wrap(right, width, indent);
    if (left.length > widest) out.push(`  ${left}`, ...text);
    else out.push(`  ${left.padEnd(widest)}  ${text[0]!.slice(indent.length)}`, ...text.slice(1));
  }
  return out;
}

/** Words of `text` in lines of at most `width` characters (a longer word stands alone), each after `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(indent + line);
  return lines;
}
