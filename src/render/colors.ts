import type picocolors from "picocolors";

/** The colour functions the views use: picocolors' (see cli/context.ts), each `String` when colour is off. */
export type Colors = Pick<
  ReturnType<typeof picocolors.createColors>,
  "bold" | "dim" | "red" | "green" | "yellow" | "cyan" | "magenta"
>;
