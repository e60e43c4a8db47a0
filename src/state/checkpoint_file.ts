import { ExechistError } from "../errors.ts";
import type { Io, ListedKind } from "../io.ts";
import { type Checkpoint, CheckpointError, readCheckpoint } from "./read_checkpoint.ts";
import { readStateDocument, type StateDocument } from "./state_document.ts";

/** The variable that sets the largest checkpoint read, in MiB. */
export const MAX_CHECKPOINT_VARIABLE = "EXECHIST_MAX_CHECKPOINT_MIB";
const DEFAULT_MAX_MIB = 1024;

/** The largest checkpoint read, in bytes: EXECHIST_MAX_CHECKPOINT_MIB (a positive number of MiB), else 1 GiB. */
export function maxCheckpointBytes(env: (name: string) => string | undefined): number {
  const text = env(MAX_CHECKPOINT_VARIABLE)?.trim();
  if (text === undefined || text === "") return DEFAULT_MAX_MIB * 2 ** 20;
  const mib = Number(text);
  if (!Number.isFinite(mib) || mib <= 0) {
    throw new ExechistError("usage", `${MAX_CHECKPOINT_VARIABLE} must be a positive number of MiB, not "${text}"`);
  }
  return Math.floor(mib * 2 ** 20);
}

/** Why a checkpoint of more than `maxBytes` is refused (the runtime's words after `Cannot read "FILE": `). */
export function tooLargeReason(maxBytes: number): string {
  const mib = maxBytes / 2 ** 20;
  const limit = mib >= 1 && Number.isInteger(mib) ? `${mib} MiB` : `${maxBytes} byte${maxBytes === 1 ? "" : "s"}`;
  return `it is larger than the limit of ${limit} for a checkpoint (${MAX_CHECKPOINT_VARIABLE} sets it)`;
}

/** Why a file below a directory that is not a regular file is not read. */
export function notRegularReason(kind: Exclude<ListedKind, "file">): string {
  return `it is a ${kind}, not a regular file: skipped`;
}

/**
 * Reads and parses one checkpoint through `io`, within the size limit; with `regularOnly`
 * (a file found below a directory), a pipe, socket or device is refused unopened. Every
 * failure is a {@link CheckpointError}: `Cannot read checkpoint "FILE": why`, said once.
 */
export function loadCheckpoint(io: Pick<Io, "readFile" | "env">, file: string, regularOnly = false): Checkpoint {
  return readCheckpoint(loadBytes(io, file, regularOnly), file);
}

/** Reads one file given to `state`: a RunState checkpoint or LangGraph's checkpoints (see {@link readStateDocument}). */
export function loadStateDocument(io: Pick<Io, "readFile" | "env">, file: string): StateDocument {
  return readStateDocument(loadBytes(io, file, false), file);
}

function loadBytes(io: Pick<Io, "readFile" | "env">, file: string, regularOnly: boolean): Uint8Array {
  const maxBytes = maxCheckpointBytes((name) => io.env(name));
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file, { maxBytes, regularOnly });
  } catch (error) {
    if (!(error instanceof ExechistError) || error instanceof CheckpointError) throw error;
    // The runtime says `Cannot read "FILE": why`; a checkpoint error says the file once.
    const prefix = `Cannot read "${file}": `;
    throw new CheckpointError(
      file,
      error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
    );
  }
  return bytes;
}
