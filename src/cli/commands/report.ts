import type { Command } from "../args.ts";
import type { Context } from "../context.ts";
import { ExechistError } from "../../errors.ts";

/** `exechist report`: not built yet (issue 4). */
export function runReport(_command: Extract<Command, { command: "report" }>, _ctx: Context): Promise<number> {
  return Promise.reject(new ExechistError("usage", "report is not available yet"));
}
