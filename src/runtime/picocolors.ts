import type picocolors from "picocolors";

/**
 * picocolors, which reads `process` (`TERM`, `CI`, `NO_COLOR`, ...) as it loads. With
 * `hideProcess`, it sees an empty `process` for that moment: Deno without `--allow-env`
 * would otherwise stop to ask for `TERM` on a terminal. Its own guess of whether colour is
 * on is never used (exechist decides, and asks only for `createColors(true)`), and the
 * load happens before any input is read, so nothing else runs while `process` is hidden.
 */
export async function loadPicocolors(hideProcess: boolean): Promise<typeof picocolors> {
  const load = async () => (await import("picocolors")).default;
  if (!hideProcess) return await load();
  const real = Object.getOwnPropertyDescriptor(globalThis, "process");
  Object.defineProperty(globalThis, "process", { value: { env: {}, argv: [] }, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (real) Object.defineProperty(globalThis, "process", real);
    else delete (globalThis as { process?: unknown }).process;
  }
}
