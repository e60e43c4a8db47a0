/** How {@link OpenFiles} opens, closes and tells apart files of one runtime. */
export interface FileAccess<H> {
  open(path: string): H;
  close(handle: H): void;
  /** What tells the file from another put at its path later (device and inode). */
  identity(handle: H): string;
}

/** A log file {@link OpenFiles} keeps: its path, what it was, and its handle while open. */
interface Kept<H> {
  path: string;
  identity: string;
  /** Open, closed for now (undefined), or no longer at its path (null). */
  handle: H | undefined | null;
}

/** Log files open at once at most, by default: far below any system's limit (macOS: 256 by default). */
export const MAX_OPEN_LOGS = 32;

/**
 * Log files, no more than `max` open at once: the least recently read is closed when
 * one more is opened, and opened again when a record's line is read back from it
 * (`result`, the tracebacks of `report`), so that a command over thousands of logs
 * never holds a descriptor for each. A file opened again must be the one read; another
 * one at its path is not read (a read-back then says that the log changed).
 */
export class OpenFiles<H> {
  private readonly access: FileAccess<H>;
  private readonly max: number;
  private readonly kept: Kept<H>[] = [];
  /** The open ones, least recently used first. */
  private readonly open = new Set<Kept<H>>();

  constructor(access: FileAccess<H>, max = MAX_OPEN_LOGS) {
    this.access = access;
    this.max = Math.max(1, max);
  }

  /** Keeps a file just opened at `path`; returns its number for {@link get}. */
  add(path: string, handle: H): number {
    const file = { path, identity: this.access.identity(handle), handle };
    this.opened(file);
    return this.kept.push(file) - 1;
  }

  /** The handle of file `id`, opened again when it was closed; undefined when its path holds another file now, or none. */
  get(id: number): H | undefined {
    const file = this.kept[id]!;
    if (file.handle === null) return undefined;
    if (file.handle !== undefined) {
      this.open.delete(file);
      this.open.add(file);
      return file.handle;
    }
    let handle: H;
    try {
      handle = this.access.open(file.path);
    } catch {
      file.handle = null;
      return undefined;
    }
    if (this.access.identity(handle) !== file.identity) {
      this.access.close(handle);
      file.handle = null;
      return undefined;
    }
    file.handle = handle;
    this.opened(file);
    return handle;
  }

  /** Closes every file. */
  closeAll(): void {
    for (const file of this.open) {
      this.closeQuietly(file.handle!);
      file.handle = undefined;
    }
    this.open.clear();
  }

  /** Counts `file` open, closing the least recently used beyond the bound. */
  private opened(file: Kept<H>): void {
    this.open.add(file);
    for (const oldest of this.open) {
      if (this.open.size <= this.max) break;
      this.open.delete(oldest);
      this.closeQuietly(oldest.handle!);
      oldest.handle = undefined;
    }
  }

  private closeQuietly(handle: H): void {
    try {
      this.access.close(handle);
    } catch {
      // already closed
    }
  }
}
