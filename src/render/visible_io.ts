import type { Io, Output } from "../io.ts";
import { visibleText } from "./visible_text.ts";

/** An output whose every write is passed through {@link visibleText}. */
export function visibleOutput(output: Output): Output {
  return {
    write: (text) => output.write(visibleText(text)),
    get isTTY() {
      return output.isTTY;
    },
    get columns() {
      return output.columns;
    },
    flush: () => output.flush(),
  };
}

/**
 * The same world, with stderr passed through {@link visibleText}: every message (file
 * names, bad-line reasons, checkpoint errors) shows input text made visible, whoever
 * wrote it. Stderr is never coloured, so nothing of ours is escaped.
 */
export function withVisibleStderr(io: Io): Io {
  const stderr = visibleOutput(io.stderr);
  return new Proxy(io, {
    get(target, key) {
      if (key === "stderr") return stderr;
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the real object, so its own fields (private ones too) are its own.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
