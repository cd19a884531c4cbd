/**
 * `workflows.triggers.create` / `update` / `list` / `delete` for link (shortcut) triggers, what a hosted app's
 * function calls to make its own triggers at run time (Slack's "Creating link triggers" guide, "create a trigger
 * at runtime"; argument and answer shapes: slackapi/deno-slack-api src/typed-method-types/workflows/triggers/
 * mod.ts, shortcut.ts and tests/fixtures/list_response.ts). Error codes are the methods' pages in methods/
 * (their sources are named there). Triggers land in the workspace's LinkTriggers, so workflow_buttons to them are
 * accepted exactly like those `slack trigger create` made.
 */
import {
  type LinkTrigger,
  LinkTriggerError,
  type LinkTriggerInput,
  type TriggeredWorkflow,
} from "./link-triggers.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";

const WORKFLOW_REF = /^#\/workflows\/([A-Za-z0-9_-]+)$/;

function hostedWorkflows(ctx: MethodContext): Map<string, TriggeredWorkflow> {
  const app = ctx.ws.apps.get(ctx.auth.appId);
  if (!app) throw new SlackMethodError("invalid_workflow_app_id");
  return app.workflows;
}

interface ParsedDefinition {
  workflow: TriggeredWorkflow;
  name: string;
  description: string;
  inputs: Record<string, LinkTriggerInput>;
}

/** The definition arguments create and update share; refusals follow Slack's codes. */
function parseDefinition(ctx: MethodContext): ParsedDefinition {
  const type = ctx.args.string("type");
  if (!type) throw new SlackMethodError("invalid_arguments");
  // Only link triggers are simulated; Slack knows event/scheduled/webhook too, which pagerslack never creates.
  if (type !== "shortcut") throw new SlackMethodError("invalid_trigger_type");
  const name = ctx.args.string("name")?.trim();
  if (!name) throw new SlackMethodError("invalid_arguments");
  const ref = WORKFLOW_REF.exec(ctx.args.string("workflow") ?? "");
  const workflow = ref?.[1] ? hostedWorkflows(ctx).get(ref[1]) : undefined;
  if (!workflow) throw new SlackMethodError("invalid_workflow_id");
  const raw = ctx.args.json("inputs", "invalid_trigger_inputs") ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SlackMethodError("invalid_trigger_inputs");
  }
  const inputs: Record<string, LinkTriggerInput> = {};
  for (const [key, mapping] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof mapping !== "object" || mapping === null) {
      throw new SlackMethodError("invalid_trigger_inputs");
    }
    const m = mapping as Record<string, unknown>;
    if (m.customizable !== undefined && m.customizable !== true) {
      throw new SlackMethodError("invalid_trigger_inputs");
    }
    if (m.customizable !== true && m.value === undefined) {
      throw new SlackMethodError("invalid_trigger_inputs");
    }
    inputs[key] = m.customizable === true
      ? { customizable: true }
      : { value: m.value };
  }
  const props = workflow.definition.input_parameters?.properties ?? {};
  if (Object.keys(inputs).some((k) => !(k in props))) {
    // The CLI shows this code for a mapping the workflow does not declare (slack-cli TriggerCreateOrUpdateError).
    throw new SlackMethodError("invalid_trigger_inputs");
  }
  const required = (workflow.definition.input_parameters?.required ?? []).map(
    String,
  );
  if (required.some((k) => !(k in inputs))) {
    // "missing_parameter" details a required workflow input the trigger does not fill.
    throw new SlackMethodError("invalid_trigger_inputs");
  }
  return {
    workflow,
    name,
    description: ctx.args.string("description") ?? "",
    inputs,
  };
}

/** The trigger object Slack answers (list_response.ts's shortcut entries, trimmed to what apps read). */
function triggerObject(ctx: MethodContext, t: LinkTrigger) {
  const workflow = hostedWorkflows(ctx).get(t.workflowCallbackId);
  return {
    id: t.id,
    type: "shortcut",
    name: t.name,
    description: t.description,
    workflow: {
      callback_id: t.workflowCallbackId,
      title: (workflow?.definition as { title?: string } | undefined)?.title ??
        t.workflowCallbackId,
      app_id: t.appId,
    },
    // Slack answers each mapping with `locked` / `hidden` beside it; a customizable one keeps `customizable`.
    inputs: Object.fromEntries(
      Object.entries(t.inputs).map(([k, m]) => [
        k,
        m.customizable
          ? { customizable: true, locked: false, hidden: false }
          : { value: m.value, locked: false, hidden: false },
      ]),
    ),
    date_created: t.dateCreated ?? 0,
    date_updated: t.dateUpdated ?? 0,
    shortcut_url: t.url,
  };
}

// Whether Slack lets an app's bot token update or delete a trigger an admin made with `slack trigger create`
// (CLI token) is not documented ("Triggers created via the CLI use the CLI token… at runtime… your app's bot
// token": https://api.slack.com/scopes/triggers:write; "Update a trigger at runtime" only speaks of runtime
// triggers: https://api.slack.com/automation/triggers/manage). So the simulator does not decide it either way;
// setup's handling of a refusal is tested with an injected one (sync-link-triggers.test.ts).
function ownTrigger(ctx: MethodContext): LinkTrigger {
  const id = ctx.args.string("trigger_id");
  if (!id) throw new SlackMethodError("invalid_arguments");
  const found = ctx.ws.linkTriggers.findById(id);
  if (!found || found.appId !== ctx.auth.appId) {
    throw new SlackMethodError("trigger_not_found");
  }
  return found;
}

const seconds = (ctx: MethodContext) => Math.floor(ctx.ws.now() / 1000);

export const TRIGGER_METHODS: Readonly<Record<string, MethodHandler>> = {
  "workflows.triggers.create": (ctx) => {
    const def = parseDefinition(ctx);
    let created: LinkTrigger;
    try {
      created = ctx.ws.linkTriggers.register({
        workflow: def.workflow,
        trigger: {
          type: "shortcut",
          name: def.name,
          description: def.description,
          workflow: `#/workflows/${def.workflow.definition.callback_id}`,
          inputs: def.inputs,
        },
        appId: ctx.auth.appId,
      }, { nextId: (prefix) => ctx.ws.nextId(prefix) });
    } catch (error) {
      if (error instanceof LinkTriggerError) {
        throw new SlackMethodError("invalid_trigger");
      }
      throw error;
    }
    created.dateCreated = created.dateUpdated = seconds(ctx);
    return { ok: true, trigger: triggerObject(ctx, created) };
  },
  "workflows.triggers.update": (ctx) => {
    const old = ownTrigger(ctx);
    const def = parseDefinition(ctx);
    const updated = ctx.ws.linkTriggers.replace(old.id, {
      workflow: def.workflow,
      trigger: {
        type: "shortcut",
        name: def.name,
        description: def.description,
        workflow: `#/workflows/${def.workflow.definition.callback_id}`,
        inputs: def.inputs,
      },
      appId: ctx.auth.appId,
    });
    updated.dateCreated = old.dateCreated ?? seconds(ctx);
    updated.dateUpdated = seconds(ctx);
    return { ok: true, trigger: triggerObject(ctx, updated) };
  },
  "workflows.triggers.list": (ctx) => {
    hostedWorkflows(ctx);
    // An app's token sees the triggers of its own workflows (is_owner narrows to those it created; the simulator
    // does not record owners, so both answer the same).
    const triggers = ctx.ws.linkTriggers.all().filter((t) =>
      t.appId === ctx.auth.appId
    );
    return {
      ok: true,
      triggers: triggers.map((t) => triggerObject(ctx, t)),
      response_metadata: { next_cursor: "" },
    };
  },
  "workflows.triggers.delete": (ctx) => {
    const found = ownTrigger(ctx);
    ctx.ws.linkTriggers.remove(found.id);
    return { ok: true };
  },
};
