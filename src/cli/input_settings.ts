import { ExechistError } from "../errors.ts";
import { LOGGER_PRESETS } from "../formats/logger_presets.ts";
import { INPUT_FORMATS, type InputFormat, type LoggerFormat } from "../formats/types.ts";
import { JsonSyntaxError, parseJson } from "../json/parse.ts";
import type { JsonValue } from "../json/value.ts";
import {
  compileFieldMap,
  type FieldMap,
  type FieldMapping,
  MAP_FIELDS,
  type MapField,
  MappingError,
} from "../read/field_map.ts";
import { usageError } from "./options.ts";

/**
 * How logs are read — `--from` and the mapping of their fields — from the three places a
 * user may say it: the flags (`--from`, `--map`), the environment (`EXECHIST_MAP`) and
 * the config file (`.exechist.json`, or `--config FILE`), in that order of precedence
 * (a field mapped in a nearer place replaces its mapping in a farther one). The file is
 * read at the edge (context.ts, through Io); its text is parsed here.
 */

/** The environment variable that holds a mapping: `name=task,start=time`. */
export const MAP_ENV = "EXECHIST_MAP";
/** The config file read from the working directory when `--config` names none. */
export const CONFIG_FILE = ".exechist.json";

/** What the reader is told: the input format and where the fields are. */
export interface InputSettings {
  from: InputFormat;
  fieldMap: FieldMap;
  /** A mapping names the field of the action's name (a logger's lines then need no warning). */
  nameMapped: boolean;
}

/** Where the settings come from: the flags, `EXECHIST_MAP`, the config file's name and text. */
export interface SettingSources {
  from: string | undefined;
  map: readonly string[];
  env: string | undefined;
  config?: { name: string; text: string } | undefined;
}

/** The config file's settings. */
export interface ConfigFile {
  from?: InputFormat;
  map?: FieldMapping;
}

/**
 * `FIELD=PATH` specs as a mapping; a field given again adds a path (an alias, the first
 * present wins). Throws {@link MappingError} naming the spec that is wrong.
 */
export function parseMapSpecs(specs: readonly string[]): FieldMapping {
  const mapping: Partial<Record<MapField, string[]>> = {};
  for (const spec of specs) {
    const at = spec.indexOf("=");
    const field = at < 0 ? spec : spec.slice(0, at).trim();
    if (at < 0) throw new MappingError(`"${spec}": FIELD=PATH expected (such as name=task)`);
    const known = fieldNamed(field, `"${spec}"`);
    (mapping[known] ??= []).push(spec.slice(at + 1).trim());
  }
  return mapping;
}

/** A field's name checked, else a {@link MappingError} listing the fields. */
function fieldNamed(field: string, where: string): MapField {
  if ((MAP_FIELDS as readonly string[]).includes(field)) return field as MapField;
  throw new MappingError(`${where}: "${field}" is not a field (one of ${MAP_FIELDS.join(", ")})`);
}

/** A config file's text: `{"from": "pino", "map": {"name": "step"}}` (a map value is a path or a list of paths). */
export function parseConfig(text: string): ConfigFile {
  let value: JsonValue;
  try {
    value = parseJson(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new MappingError(`not JSON: ${error.message}`);
    throw error;
  }
  if (!(value instanceof Map)) throw new MappingError("not a JSON object");
  const config: ConfigFile = {};
  for (const [key, entry] of value) {
    if (key === "from") {
      const from = INPUT_FORMATS.find((format) => format === entry);
      if (from === undefined) {
        throw new MappingError(`"from" must be one of ${INPUT_FORMATS.join(", ")}, got ${JSON.stringify(entry)}`);
      }
      config.from = from;
    } else if (key === "map") {
      if (!(entry instanceof Map)) throw new MappingError(`"map" must be an object of FIELD: PATH`);
      const map: Partial<Record<MapField, string[]>> = {};
      for (const [field, paths] of entry) {
        const list = typeof paths === "string" ? [paths] : paths;
        if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === "string")) {
          throw new MappingError(`map.${field} must be a path or a list of paths`);
        }
        map[fieldNamed(field, `map.${field}`)] = list as string[];
      }
      config.map = map;
    } else {
      throw new MappingError(`"${key}" is not a setting (from, map)`);
    }
  }
  return config;
}

/**
 * The settings, flags over `EXECHIST_MAP` over the config file; a logger format's preset
 * under them all. A wrong flag or variable is a usage error; a wrong config file an input
 * error naming it.
 */
export function resolveInputSettings(sources: SettingSources): InputSettings {
  const fromFlags = checked(
    within(() => parseMapSpecs(sources.map), (m) => usageError(`Bad --map ${m}`)),
    (m) => usageError(`Bad --map: ${m}`),
  );
  const env = sources.env?.trim() ?? "";
  const fromEnv = env === "" ? {} : checked(
    within(() => parseMapSpecs(env.split(",")), (m) => usageError(`Bad ${MAP_ENV} ${m}`)),
    (m) => usageError(`Bad ${MAP_ENV}: ${m}`),
  );
  const config = sources.config;
  const fileError = (m: string) => new ExechistError("input", `Cannot read "${config!.name}": ${m}`);
  const file = config === undefined ? {} : within(() => parseConfig(config.text), fileError);
  if (file.map !== undefined) checked(file.map, fileError);
  const from = INPUT_FORMATS.find((format) => format === sources.from) ?? file.from ?? "auto";
  const user: FieldMapping = { ...file.map, ...fromEnv, ...fromFlags };
  const preset = from in LOGGER_PRESETS ? LOGGER_PRESETS[from as LoggerFormat] : undefined;
  const mapping: FieldMapping = { ...preset?.map, ...user };
  const fieldMap = within(
    () => compileFieldMap(mapping, preset?.options),
    (m) => usageError(`Bad field mapping: ${m}`),
  );
  return { from, fieldMap, nameMapped: (user.name?.length ?? 0) > 0 };
}

/** A mapping that can be used by itself (one key for two fields, too many paths, too long a key: refused). */
function checked(mapping: FieldMapping, wrap: (message: string) => ExechistError): FieldMapping {
  within(() => compileFieldMap(mapping), wrap);
  return mapping;
}

/** Runs `parse`, turning a {@link MappingError} into the error `wrap` makes of its message. */
function within<T>(parse: () => T, wrap: (message: string) => ExechistError): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MappingError) throw wrap(error.message);
    throw error;
  }
}
