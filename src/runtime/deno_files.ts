/**
 * Deno's `FsFile` and `FileInfo` as exechist uses them (declared here: the project
 * type-checks without Deno's types too), and reading one by position. No imports: the
 * scan worker uses it too.
 */

export interface DenoFileInfo {
  isFile: boolean;
  isDirectory: boolean;
  /** Null where the system does not say (Windows). */
  isFifo?: boolean | null;
  isSocket?: boolean | null;
  /** Null where the system does not say (Windows). */
  mode?: number | null;
  size: number;
  mtime: Date | null;
  ctime?: Date | null;
  ino: number | null;
  dev: number;
}

export interface DenoFile {
  read(target: Uint8Array): Promise<number | null>;
  readSync(target: Uint8Array): number | null;
  writeSync(bytes: Uint8Array): number;
  write(bytes: Uint8Array): Promise<number>;
  seekSync(offset: number, whence: 0): number;
  statSync(): DenoFileInfo;
  close(): void;
}

/** How `Deno.openSync` is asked to open a file. */
export interface DenoOpenOptions {
  read?: true;
  write?: true;
  create?: true;
  truncate?: true;
  /** Fails when the file exists (O_EXCL: a symbolic link there is not followed). */
  createNew?: true;
  /** Permissions of a file created. */
  mode?: number;
}

/** Up to `length` bytes of the file at `position` into `target` at `offset`; 0 at the end. */
export function readAt(file: DenoFile, target: Uint8Array, offset: number, length: number, position: number): number {
  file.seekSync(position, 0);
  return file.readSync(target.subarray(offset, offset + length)) ?? 0;
}
