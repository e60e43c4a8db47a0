/** Why exechist stopped: a usage error, unreadable input, or an answer of "no". */
export type ErrorCode =
  | "usage"
  | "input"
  | "not_found"
  | "strict"
  | "internal";

const EXIT_STATUS: Record<ErrorCode, 1 | 2> = {
  usage: 2,
  input: 2,
  not_found: 1,
  strict: 2,
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

/** Raised when stdout's reader has gone away (`| head`): the CLI ends quietly with 0. */
export class BrokenPipe extends Error {
  override name = "BrokenPipe";
}

/** The error for a temporary file that cannot be made, worded alike on every runtime (a system error's code, not its message). */
export function temporaryFileError(base: string, purpose: string, error: unknown): ExechistError {
  const code = (error as { code?: string }).code;
  const why = code === "EACCES"
    ? "permission denied"
    : code === "ENOENT"
    ? "no such directory"
    : code === "EROFS"
    ? "read-only file system"
    : (error as Error).message || String(error);
  return new ExechistError("input", `Cannot make a temporary file in "${base}" to hold ${purpose}: ${why}`);
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
