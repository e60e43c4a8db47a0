import type { Command } from "../args.ts";
import type { Context } from "../context.ts";
import { ExechistError } from "../../errors.ts";

/** `exechist state`: not built yet (issue 3). */
export function runState(_command: Extract<Command, { command: "state" }>, _ctx: Context): Promise<number> {
  return Promise.reject(new ExechistError("usage", "state is not available yet"));
}
