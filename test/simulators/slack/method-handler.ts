import type { MethodArgs } from "./method-args.ts";
import type { SimToken, SlackWorkspace } from "./slack-workspace.ts";

export interface MethodContext {
  method: string;
  args: MethodArgs;
  auth: SimToken;
  ws: SlackWorkspace;
}

/** The `ok:true` body; failures are thrown as SlackMethodError. */
export type MethodResult = Record<string, unknown> & { ok: true };

export type MethodHandler = (ctx: MethodContext) => MethodResult;
