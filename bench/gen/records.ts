import { type ActionSpec, buildCatalog, CANCELLED_SHARE, ZIPF_EXPONENT } from "./catalog.ts";
import { failure } from "./failures.ts";
import { pyFloat, pyJson, pyJsonString, pyRepr, type PyValue, type Separators } from "./python_json.ts";
import { Random, ZipfSampler } from "./random.ts";
import { RENAMED_IGNORE, RENAMED_KEYS } from "./renamed.ts";
import { escapedName, escapedResult, hasFalyxTimes, isoText, type Shape, shapeTimes } from "./shapes.ts";
import { argValue, resultValue } from "./values.ts";

/** How many distinct action names a generated log has. */
export const ACTION_COUNT = 200;

/** Options of {@link LogGenerator}. */
export interface GeneratorOptions {
  /** Python's default separators (", " and ": ") instead of compact ones. */
  spaced?: boolean;
  /**
   * Every field a Falyx record can carry (`signature`, `end_wall`, the `action` object
   * on every line): about 450 bytes a line instead of about 310.
   */
  wide?: boolean;
  /** How the records are written (shapes.ts); `wide` and `spaced` are shapes too. */
  shape?: Shape;
  /** Falyx's top-level keys renamed (renamed.ts): a log to read with `--map`. */
  renamed?: boolean;
}

/** Share of records marked `ignore_in_history`. */
const IGNORED_SHARE = 0.01;

const RUN_LENGTH_MEAN = 20_000;
const BASE_WALL_MICROS = Date.UTC(2025, 2, 1, 8, 0, 0) * 1000;

/**
 * Produces the lines of a Falyx-style execution log, one finished execution per line,
 * the same for the same seed on every runtime.
 */
export class LogGenerator {
  readonly actions: ActionSpec[];
  private readonly random: Random;
  private readonly popularity: ZipfSampler;
  private index = 0;
  private perf: number; // perf_counter() of the next start
  private readonly perfOrigin: number;
  private readonly wallOrigin: number; // wall micros at perfOrigin
  private runId = "";
  private runLeft = 0;

  private readonly separators: Separators;
  private readonly wide: boolean;
  private readonly shape: Shape;
  private readonly renamed: boolean;

  constructor(seed: number, options: GeneratorOptions = {}) {
    this.shape = options.shape ?? "falyx";
    this.renamed = options.renamed ?? false;
    this.wide = (options.wide ?? false) || this.shape === "wide";
    const spaced = (options.spaced ?? false) || this.shape === "spaced";
    this.separators = spaced ? { item: ", ", key: ": " } : { item: ",", key: ":" };
    this.random = new Random(seed);
    this.actions = buildCatalog(new Random(seed ^ 0x5eed), ACTION_COUNT);
    this.popularity = new ZipfSampler(ACTION_COUNT, ZIPF_EXPONENT);
    this.perfOrigin = 1000 + this.random.next() * 90_000;
    this.perf = this.perfOrigin;
    this.wallOrigin = BASE_WALL_MICROS + this.random.int(86_400) * 1_000_000;
  }

  /** The next record as one JSON line, without its newline. */
  nextLine(): string {
    const r = this.random;
    if (this.runLeft-- <= 0) {
      this.runId = `run-${hex8(r)}`;
      this.runLeft = Math.ceil(r.exponential(RUN_LENGTH_MEAN));
    }
    const action = this.actions[this.popularity.sample(r.next())]!;
    const escapes = this.shape === "escapes";
    const ascii = r.chance(0.5) || escapes; // json.dumps' ensure_ascii: half the writers keep the default
    const name = escapes ? escapedName(action.name) : action.name;
    const args = action.args.map((kind) => argValue(r, kind));
    const kwargs: { [key: string]: PyValue } = {};
    for (const [key, kind] of action.kwargs) kwargs[key] = argValue(r, kind);

    const start = this.perf;
    const end = start + Math.max(1e-6, r.exponential(action.meanDuration));
    this.perf = end + r.exponential(0.05);
    const startWall = this.wallOrigin + Math.round((start - this.perfOrigin) * 1e6);
    const endWall = this.wallOrigin + Math.round((end - this.perfOrigin) * 1e6);

    const cancelled = r.chance(CANCELLED_SHARE);
    const failed = !cancelled && r.chance(action.failureRate);
    const sep = this.separators;
    const renamed = this.renamed;
    const field = (key: string, json: string): string =>
      `"${renamed ? RENAMED_KEYS[key] ?? key : key}"${sep.key}${json}`;
    const ignored = r.chance(IGNORED_SHARE);
    const wide = this.wide;
    const fields = [
      field("name", pyJsonString(name, ascii)),
      field("index", String(this.index)),
      field("run_id", `"${this.runId}"`),
    ];
    if (wide) fields.push(field("signature", pyJsonString(signature(action.name, args, kwargs), ascii)));
    fields.push(field("args", pyJson(args, ascii, sep)), field("kwargs", pyJson(kwargs, ascii, sep)));
    if (hasFalyxTimes(this.shape)) {
      fields.push(
        field("start_time", pyFloat(start)),
        field("end_time", pyFloat(end)),
        field("start_wall", `"${isoText(startWall)}"`),
      );
      if (wide) fields.push(field("end_wall", `"${isoText(endWall)}"`));
      fields.push(field("duration", pyFloat(end - start)));
    } else {
      for (const [key, json] of shapeTimes(this.shape, { start, end, startWall, endWall })) {
        fields.push(field(key, json));
      }
    }
    if (cancelled) {
      fields.push(field("status", '"cancelled"'), field("result", "null"), field("exception", '"CancelledError()"'));
    } else if (failed) {
      const f = failure(r, action.name);
      fields.push(
        field("status", '"ERROR"'),
        field("result", "null"),
        field("exception", pyJsonString(f.exception, ascii)),
        field("traceback", pyJsonString(f.traceback, ascii)),
      );
    } else {
      const result = resultValue(r, action.result);
      const written = escapes ? escapedResult(result, this.index) : result;
      fields.push(field("status", '"OK"'), field("result", pyJson(written, ascii, sep)));
    }
    if (renamed && (wide || ignored)) fields.push(field(RENAMED_IGNORE, String(ignored)));
    else if (wide || ignored) fields.push(field("action", `{"ignore_in_history"${sep.key}${ignored}}`));
    const line = "{" + fields.join(sep.item) + "}";
    this.index++;
    return line;
  }
}

/** The first `records` lines for `seed`, each ending in a newline. */
export function generateLog(records: number, seed: number, options: GeneratorOptions = {}): string {
  const generator = new LogGenerator(seed, options);
  const lines: string[] = [];
  for (let i = 0; i < records; i++) lines.push(generator.nextLine());
  return lines.length ? lines.join("\n") + "\n" : "";
}

function signature(name: string, args: PyValue[], kwargs: { [key: string]: PyValue }): string {
  const parts = args.map(pyRepr);
  for (const key of Object.keys(kwargs)) parts.push(`${key}=${pyRepr(kwargs[key]!)}`);
  return `${name}(${parts.join(", ")})`;
}

function hex8(r: Random): string {
  return r.int(2 ** 32).toString(16).padStart(8, "0");
}
