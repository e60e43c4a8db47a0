import type { Command } from "../args.ts";
import type { Context } from "../context.ts";

export function runResult(_command: Extract<Command, { command: "result" }>, _ctx: Context): Promise<number> {
  return Promise.resolve(0);
}
export function runLast(_command: Extract<Command, { command: "last" }>, _ctx: Context): Promise<number> {
  return Promise.resolve(0);
}
