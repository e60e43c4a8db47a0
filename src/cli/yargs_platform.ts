import type { Argv } from "yargs";
import { YargsFactory } from "yargs-factory";
import Parser from "yargs-parser/browser";

/**
 * yargs on a platform of exechist's making. yargs' own entry (`yargs`) starts from a
 * Node shim that imports `node:` modules and reads `process` when it is loaded (on Deno
 * that starts the whole Node layer, ~45 ms), looks up package.json for a version, reads
 * the locale from the environment and loads its translations from files. exechist needs
 * none of that: the parser, the commands, validation, help and completion are yargs',
 * over this platform, which touches neither the file system nor the environment nor
 * `process` (so no Deno permission is ever asked for), speaks English, and lays help
 * out with cliui only once {@link loadHelpLayout} has loaded it — when help is shown.
 */

/** cliui's interface, as much of it as yargs' help uses. */
interface Ui {
  div(...columns: unknown[]): unknown[];
  span(...columns: unknown[]): void;
  toString(): string;
}
type Cliui = (options: { width: number | null; wrap: boolean }) => Ui;

let cliui: Cliui | undefined;

/**
 * Loads cliui (and its string width, ANSI and wrapping code), which lays out help. yargs
 * builds a command's help on every run to have it at hand; until this is called that
 * help is built on a layout that keeps nothing (nothing shows it), which saves most
 * of yargs' cost on a run that prints no help.
 */
export async function loadHelpLayout(): Promise<void> {
  cliui ??= (await import("cliui")).default as Cliui;
}

/** A layout that keeps nothing, for help that nobody will read. */
function noLayout(): Ui {
  return {
    div: (...columns) => columns,
    span: () => {},
    toString: () => "",
  };
}

/** A message with its `%s` filled in, as y18n does for English. */
function format(message: string, ...values: unknown[]): string {
  let at = 0;
  return message.replace(/%s/g, () => String(values[at++] ?? ""));
}

const unsupported = (what: string) => () => {
  throw new Error(`exechist's yargs platform has no ${what}`);
};

/** The platform, whose environment is `env` (undefined: an empty one). */
const platformOn = (env: ((name: string) => string | undefined) | undefined) => ({
  assert: {
    notStrictEqual: (a: unknown, b: unknown) => {
      if (a === b) throw new Error(`yargs: unexpected ${String(a)}`);
    },
    strictEqual: (a: unknown, b: unknown) => {
      if (a !== b) throw new Error(`yargs: expected ${String(b)}, got ${String(a)}`);
    },
  },
  cliui: (options: { width: number | null; wrap: boolean }): Ui => cliui === undefined ? noLayout() : cliui(options),
  findUp: () => undefined,
  getEnv: (name: string) => env?.(name),
  inspect: (value: unknown) => String(value),
  getCallerFile: unsupported("commands from directories"),
  getProcessArgvBin: () => "exechist",
  mainFilename: "exechist",
  Parser,
  path: {
    basename: (path: string) => path,
    dirname: (path: string) => path,
    extname: () => "",
    relative: (_from: string, to: string) => to,
    resolve: (...paths: string[]) => paths[paths.length - 1] ?? "",
    join: (...paths: string[]) => paths.join("/"),
  },
  process: {
    argv: () => [],
    cwd: () => "",
    emitWarning: () => {},
    execPath: () => "",
    exit: () => {},
    nextTick: (run: () => void) => queueMicrotask(run),
    stdColumns: null,
  },
  readFileSync: () => "",
  readdirSync: () => [],
  require: unsupported("require"),
  requireDirectory: unsupported("commands from directories"),
  stringWidth: (text: string) => [...text].length,
  y18n: {
    __: (message: string, ...values: unknown[]) => format(message, ...values),
    __n: (one: string, other: string, count: number, ...values: unknown[]) =>
      format(count === 1 ? one : other, ...values),
    getLocale: () => "en_US",
    setLocale: () => {},
    updateLocale: () => {},
  },
});

/** yargs' factory as yargs' own entry types it (the same function, over another platform). */
type Factory = (platform: ReturnType<typeof platformOn>) => (args: string[], cwd: string) => Argv;

/**
 * A yargs instance over `args`, on exechist's platform. `env` is what yargs may read of
 * the environment: only SHELL and ZSH_NAME, for the completion script.
 */
export function yargsOn(args: readonly string[], env?: (name: string) => string | undefined): Argv {
  const shell = env && ((name: string) => name === "SHELL" || name === "ZSH_NAME" ? env(name) : undefined);
  const yargs = (YargsFactory as unknown as Factory)(platformOn(shell))([...args], "");
  if (cliui === undefined) skipHelpCache(yargs);
  return yargs;
}

/**
 * yargs builds a command's whole help after parsing it, to have it at hand should the
 * command's handler fail later through yargs. exechist's commands run after parsing,
 * and help is shown only when asked for (then the layout is loaded and this is not
 * called), so that work is skipped: through yargs' internal methods, and when a version
 * of yargs has none of them, nothing changes.
 */
function skipHelpCache(yargs: Argv): void {
  type Usage = { cacheHelpMessage?: () => void };
  const internal = yargs as unknown as { getInternalMethods?: () => { getUsageInstance?: () => Usage | undefined } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}
