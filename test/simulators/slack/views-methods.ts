import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { InteractivityPointer, SimView } from "./slack-workspace.ts";
import { validateBlocks } from "./validate-blocks.ts";

/** Slack keeps at most three views in a modal's stack. */
const VIEW_STACK_MAX = 3;
const TITLE_MAX = 24;

function viewArg(ctx: MethodContext): Record<string, unknown> {
  const view = ctx.args.json("view", "invalid_arguments");
  const problems: string[] = [];
  if (typeof view !== "object" || view === null || Array.isArray(view)) {
    problems.push("invalid `view`");
  } else {
    const v = view as Record<string, unknown>;
    if (v.type !== "modal") problems.push("view type must be modal");
    const title = v.title as { type?: unknown; text?: unknown } | undefined;
    if (
      title?.type !== "plain_text" || typeof title.text !== "string" ||
      title.text.length > TITLE_MAX
    ) {
      problems.push(
        `title must be plain_text of at most ${TITLE_MAX} characters`,
      );
    }
    const verdict = validateBlocks(v.blocks ?? [], "modal");
    if (!verdict.ok) problems.push(...verdict.errors);
  }
  if (problems.length > 0) {
    throw new SlackMethodError("invalid_arguments", {
      response_metadata: { messages: problems },
    });
  }
  return view as Record<string, unknown>;
}

/**
 * How long a trigger_id lives: "Triggers expire in three seconds. Use it before you lose it."
 * (https://api.slack.com/docs/triggers). A next-gen function's interactivity_pointer has no documented lifetime;
 * developers report the same 3 s (https://github.com/slackapi/deno-slack-sdk/issues/364), so it gets the same.
 */
export const POINTER_LIFETIME_MS = 3_000;

/** Why a pointer cannot open a view now, in the error views.open / views.push answer; undefined when it can. */
export function pointerProblem(
  pointer: InteractivityPointer,
  now: number,
): "exchanged_trigger_id" | "expired_trigger_id" | undefined {
  if (pointer.used) return "exchanged_trigger_id";
  // views.open documents `expired_trigger_id` ("The trigger_id is expired."); nothing distinct is documented
  // for interactivity_pointer, which Slack accepts in trigger_id's place (slack-ruby/slack-api-ref views.open).
  if (now - pointer.issuedAt > POINTER_LIFETIME_MS) return "expired_trigger_id";
  return undefined;
}

/** trigger_id and interactivity_pointer are one-use, short-lived tickets the runner hands out with each interaction. */
function exchange(ctx: MethodContext): InteractivityPointer {
  const id = ctx.args.string("interactivity_pointer") ??
    ctx.args.string("trigger_id");
  const pointer = id ? ctx.ws.pointers.get(id) : undefined;
  if (!pointer || pointer.appId !== ctx.auth.appId) {
    throw new SlackMethodError("invalid_trigger_id");
  }
  const problem = pointerProblem(pointer, ctx.ws.now());
  if (problem) throw new SlackMethodError(problem);
  pointer.used = true;
  return pointer;
}

function viewObject(ctx: MethodContext, v: SimView) {
  return {
    ...v.view,
    id: v.id,
    team_id: ctx.ws.teamId,
    state: { values: {} },
    hash: v.hash,
    root_view_id: v.rootViewId,
    previous_view_id: v.previousViewId ?? null,
    app_id: v.appId,
    external_id: v.externalId ?? "",
    callback_id: v.view.callback_id ?? "",
    private_metadata: v.view.private_metadata ?? "",
  };
}

function store(
  ctx: MethodContext,
  view: Record<string, unknown>,
  base: Partial<SimView> & { userId: string },
): SimView {
  const id = base.id ?? ctx.ws.nextId("V");
  const externalId = typeof view.external_id === "string"
    ? view.external_id
    : undefined;
  const v: SimView = {
    id,
    view,
    userId: base.userId,
    appId: ctx.auth.appId,
    rootViewId: base.rootViewId ?? id,
    hash: `${Math.floor(ctx.ws.now() / 1000)}.${ctx.ws.nextId("h")}`,
    open: true,
    ...(base.previousViewId ? { previousViewId: base.previousViewId } : {}),
    ...(externalId ? { externalId } : {}),
    ...(base.functionExecutionId
      ? { functionExecutionId: base.functionExecutionId }
      : {}),
  };
  ctx.ws.views.set(id, v);
  return v;
}

export const VIEWS_METHODS: Readonly<Record<string, MethodHandler>> = {
  "views.open": (ctx) => {
    const view = viewArg(ctx);
    const pointer = exchange(ctx);
    const executionId = pointer.functionExecutionId ??
      ctx.auth.functionExecutionId;
    const v = store(ctx, view, {
      userId: pointer.userId,
      ...(executionId ? { functionExecutionId: executionId } : {}),
    });
    return { ok: true, view: viewObject(ctx, v) };
  },
  "views.push": (ctx) => {
    const view = viewArg(ctx);
    const pointer = exchange(ctx);
    const top = [...ctx.ws.views.values()].filter((v) =>
      v.open && v.userId === pointer.userId && v.appId === ctx.auth.appId
    ).at(-1);
    if (!top) throw new SlackMethodError("not_found");
    const depth =
      [...ctx.ws.views.values()].filter((v) =>
        v.open && v.rootViewId === top.rootViewId
      ).length;
    if (depth >= VIEW_STACK_MAX) {
      throw new SlackMethodError("push_limit_reached");
    }
    const v = store(ctx, view, {
      userId: pointer.userId,
      rootViewId: top.rootViewId,
      previousViewId: top.id,
      ...(top.functionExecutionId
        ? { functionExecutionId: top.functionExecutionId }
        : {}),
    });
    return { ok: true, view: viewObject(ctx, v) };
  },
  "views.update": (ctx) => {
    const view = viewArg(ctx);
    const id = ctx.args.string("view_id");
    const external = ctx.args.string("external_id");
    const current = id
      ? ctx.ws.views.get(id)
      : [...ctx.ws.views.values()].find((v) => v.externalId === external);
    if (!current || !current.open || current.appId !== ctx.auth.appId) {
      throw new SlackMethodError("not_found");
    }
    const hash = ctx.args.string("hash");
    if (hash && hash !== current.hash) {
      throw new SlackMethodError("hash_conflict");
    }
    const v = store(ctx, view, { ...current, id: current.id });
    return { ok: true, view: viewObject(ctx, v) };
  },
};
