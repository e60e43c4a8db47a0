import type { InputFormat } from "../formats/types.ts";
import type { FieldMap } from "../read/field_map.ts";
import type { Io } from "../io.ts";
import type { Colors } from "../render/colors.ts";
import type { LocalZone } from "../render/time.ts";
import { CONFIG_FILE, MAP_ENV, resolveInputSettings } from "./input_settings.ts";

/** What every command gets: the world, and the global options. */
export interface Context {
  readonly io: Io;
  /** Colours for the table and text views; machine formats never use them. */
  readonly color: Colors;
  /** The zone instants are shown in: null for UTC, the local zone under `--local`. */
  readonly local: LocalZone;
  readonly strict: boolean;
  /** `--debug`: say how inputs were read, and show stacks of unexpected failures. */
  readonly debug: boolean;
  /** Width that table and text cells are cut to. */
  readonly width: number;
  /** `--from`: how logs are read (default `auto`: JSON lines, or a document format recognised by its shape). */
  readonly from?: InputFormat;
  /** Where the fields of a log's lines are: `--map`, EXECHIST_MAP, the config file, a logger's preset (input_settings.ts). */
  readonly fieldMap?: FieldMap;
  /** A mapping says which field names the action (no logger warning then). */
  readonly nameMapped?: boolean;
}

/** Global options that decide colour, from flags and the environment. */
export interface ColorChoice {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag: boolean | undefined;
}

/**
 * Colour is on for a terminal, or with FORCE_COLOR (not "0"); NO_COLOR and
 * FORCE_COLOR=0 turn it off; `--color`/`--no-color` win over all of them.
 */
export function decideColor(io: Io, choice: ColorChoice): boolean {
  if (choice.flag !== undefined) return choice.flag;
  const force = io.env("FORCE_COLOR");
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  const noColor = io.env("NO_COLOR");
  if (noColor !== undefined && noColor !== "") return false;
  return io.stdout.isTTY && io.env("TERM") !== "dumb";
}

/** The width to cut cells to: the terminal's, else COLUMNS, else 120. */
export function decideWidth(io: Io): number {
  if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
  const columns = Number(io.env("COLUMNS"));
  return Number.isInteger(columns) && columns > 0 ? columns : 120;
}

/** No colour: each function gives its text back. */
const NO_COLORS: Colors = {
  bold: String,
  dim: String,
  red: String,
  green: String,
  yellow: String,
  cyan: String,
  magenta: String,
};

/**
 * The colour functions: picocolors' `createColors(true)` when colour is on, else
 * {@link NO_COLORS}. picocolors is loaded only then: it reads `process` when loaded,
 * which on Deno starts the Node layer (~45 ms); exechist decides when colour is on
 * ({@link decideColor}), not picocolors (which would colour any output under CI).
 */
export async function loadColors(enabled: boolean, io: Pick<Io, "loadPicocolors">): Promise<Colors> {
  return enabled ? (await io.loadPicocolors()).createColors(true) : NO_COLORS;
}

/** The settings of a run's global options. */
export interface GlobalOptions {
  color: boolean | undefined;
  local: boolean;
  strict: boolean;
  debug: boolean;
  from?: string | undefined;
  map?: readonly string[];
  config?: string | undefined;
}

/** The largest config file read. */
const CONFIG_MAX_BYTES = 1 << 20;

/** The config file's name and text: `--config FILE` (which must be there), else `.exechist.json` when there is one. */
function readConfig(io: Io, file: string | undefined): { name: string; text: string } | undefined {
  const name = file ?? CONFIG_FILE;
  if (file === undefined && io.pathKind(name) !== "file") return undefined;
  return { name, text: new TextDecoder().decode(io.readFile(name, { maxBytes: CONFIG_MAX_BYTES, regularOnly: true })) };
}

/** Builds the context of one run. */
export async function makeContext(io: Io, options: GlobalOptions): Promise<Context> {
  const input = resolveInputSettings({
    from: options.from,
    map: options.map ?? [],
    env: io.env(MAP_ENV),
    config: readConfig(io, options.config),
  });
  return {
    io,
    color: await loadColors(decideColor(io, { flag: options.color }), io),
    local: options.local ? (ms) => io.utcOffsetMinutes(ms) : null,
    strict: options.strict,
    debug: options.debug,
    width: decideWidth(io),
    from: input.from,
    fieldMap: input.fieldMap,
    nameMapped: input.nameMapped,
  };
}
