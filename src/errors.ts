/** Why exechist stopped: a usage error, unreadable input, or an answer of "no". */
export type ErrorCode =
  | "usage"
  | "input"
  | "not_found"
  | "strict"
  | "output"
  | "internal";

const EXIT_STATUS: Record<ErrorCode, 1 | 2> = {
  usage: 2,
  input: 2,
  not_found: 1,
  strict: 2,
  output: 2,
  internal: 2,
};

/** The one error the core throws; `main` turns it into a message and an exit status. */
export class ExechistError extends Error {
  override name = "ExechistError";
  readonly code: ErrorCode;
  readonly exitStatus: 1 | 2;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitStatus = EXIT_STATUS[code];
  }
}

/** Raised when stdout's reader has gone away (`| head`): the CLI ends quietly, with the command's own status. */
export class BrokenPipe extends Error {
  override name = "BrokenPipe";
}

/** System errors in words, by their code: the runtimes' own messages differ (Deno: "No space left on device (os error 28)"). */
const SYSTEM_ERROR_WORDS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EIO: "input/output error",
  EBADF: "bad file descriptor",
  ENXIO: "no such device or address",
  EINVAL: "invalid argument",
};

/** Error numbers that Linux and macOS share, for Deno's errors that carry no code ("File too large (os error 27)"). */
const OS_ERROR_CODES: Record<string, string> = {
  "1": "EPERM",
  "5": "EIO",
  "13": "EACCES",
  "27": "EFBIG",
  "28": "ENOSPC",
  "30": "EROFS",
};

/** A system error's code (`ENOSPC`), from its `code` or, on Deno, its "(os error N)". */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  const number = /\(os error (\d+)\)$/.exec((error as Error | null)?.message ?? "")?.[1];
  return number === undefined ? undefined : OS_ERROR_CODES[number];
}

/** A system error's reason in words, alike on every runtime (by its code); else its message. */
export function systemErrorWords(error: unknown): string {
  const code = codeOf(error);
  if (code !== undefined && code in SYSTEM_ERROR_WORDS) return SYSTEM_ERROR_WORDS[code]!;
  return (error as Error | null)?.message || String(code ?? error);
}

/** Where a full disk can be helped: a temporary file can go elsewhere. */
function roomHint(error: unknown): string {
  const code = codeOf(error);
  return code === "ENOSPC" || code === "EDQUOT" ? " (set TMPDIR to a directory with more room)" : "";
}

/** The error for a temporary file that cannot be made, worded alike on every runtime (a system error's code, not its message). */
export function temporaryFileError(base: string, purpose: string, error: unknown): ExechistError {
  const why = codeOf(error) === "ENOENT" ? "no such directory" : systemErrorWords(error);
  return new ExechistError("input", `Cannot make a temporary file in "${base}" to hold ${purpose}: ${why}`);
}

/** The error for a temporary file that cannot be written (a full disk), worded alike on every runtime. */
export function temporaryFileWriteError(base: string, purpose: string, error: unknown): ExechistError {
  return new ExechistError(
    "input",
    `Cannot write a temporary file in "${base}" to hold ${purpose}: ${systemErrorWords(error)}${roomHint(error)}`,
    { cause: error },
  );
}

/** The error for standard output or error that cannot be written (`> /dev/full`), worded alike on every runtime. */
export function outputError(name: string, error: unknown): ExechistError {
  return new ExechistError("output", `Cannot write ${name}: ${systemErrorWords(error)}`, { cause: error });
}

/** The error for a file that cannot be opened, worded alike on every runtime (by the system error's code). */
export function cannotReadError(file: string, error: unknown): ExechistError {
  const code = (error as { code?: string }).code;
  const why = code === "ENOENT"
    ? "no such file"
    : code === "EACCES"
    ? "permission denied"
    : code === "ELOOP"
    ? "too many levels of symbolic links"
    : String(code ?? error);
  return new ExechistError("input", `Cannot read "${file}": ${why}`);
}

/** The error for a stream (standard input) that fails while it is read, worded alike on every runtime. */
export function streamReadError(name: string, error: unknown): ExechistError {
  return new ExechistError("input", `Cannot read ${name}: ${String((error as { code?: string }).code ?? error)}`);
}
