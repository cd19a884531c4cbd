import { refreshDue, takeJustRefreshed } from "./external-token-refresh.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { FunctionExecution } from "./slack-workspace.ts";

/**
 * Methods only a Slack-hosted app's functions call: external auth tokens and the completion of functions that
 * answered `{completed:false}`.
 */
function hostedOnly(ctx: MethodContext): void {
  if (ctx.auth.kind !== "hosted_app") {
    throw new SlackMethodError("not_allowed_token_type");
  }
}

function execution(ctx: MethodContext): FunctionExecution {
  hostedOnly(ctx);
  const id = ctx.args.string("function_execution_id");
  const found = id ? ctx.ws.executions.get(id) : undefined;
  if (!found || found.appId !== ctx.auth.appId) {
    throw new SlackMethodError("function_execution_not_found");
  }
  if (found.status !== "running") {
    throw new SlackMethodError("execution_not_in_running_state");
  }
  return found;
}

function finish(run: FunctionExecution): void {
  for (const listener of run.listeners.splice(0)) listener();
}

export const HOSTED_APP_METHODS: Readonly<Record<string, MethodHandler>> = {
  "apps.auth.external.get": (ctx) => {
    hostedOnly(ctx);
    const id = ctx.args.string("external_token_id");
    const seed = id ? ctx.ws.externalTokens.get(id) : undefined;
    if (!seed || seed.appId !== ctx.auth.appId) {
      throw new SlackMethodError("token_not_found");
    }
    // A due refresh ran in external-token-refresh.ts (HTTP calls only); one that could not run or failed is
    // answered with Slack's documented errors.
    const refreshed = takeJustRefreshed(seed);
    if (seed.refresh_failed) {
      throw new SlackMethodError("access_token_exchange_failed");
    }
    if (
      !refreshed && refreshDue(ctx.ws, seed, ctx.args.bool("force_refresh"))
    ) {
      throw new SlackMethodError(
        seed.refresh_token
          ? "access_token_exchange_failed"
          : "no_refresh_token",
      );
    }
    return { ok: true, external_token: seed.token };
  },
  "apps.auth.external.delete": (ctx) => {
    hostedOnly(ctx);
    const id = ctx.args.string("external_token_id");
    const provider = ctx.args.string("provider_key");
    if (id) {
      const seed = ctx.ws.externalTokens.get(id);
      if (!seed || seed.appId !== ctx.auth.appId) {
        throw new SlackMethodError("token_not_found");
      }
      ctx.ws.externalTokens.delete(id);
      return { ok: true };
    }
    if (!provider) throw new SlackMethodError("invalid_args");
    const matching = [...ctx.ws.externalTokens.values()].filter((t) =>
      t.provider_key === provider && t.appId === ctx.auth.appId
    );
    if (matching.length === 0) throw new SlackMethodError("no_tokens_found");
    for (const t of matching) ctx.ws.externalTokens.delete(t.external_token_id);
    return { ok: true };
  },
  "functions.completeSuccess": (ctx) => {
    const run = execution(ctx);
    const outputs = ctx.args.json("outputs", "parameter_validation_failed");
    if (
      typeof outputs !== "object" || outputs === null || Array.isArray(outputs)
    ) {
      throw new SlackMethodError("parameter_validation_failed");
    }
    run.status = "completed";
    run.outputs = outputs as Record<string, unknown>;
    finish(run);
    return { ok: true };
  },
  "functions.completeError": (ctx) => {
    const run = execution(ctx);
    run.status = "failed";
    run.error = ctx.args.string("error") ?? "";
    finish(run);
    return { ok: true };
  },
};
