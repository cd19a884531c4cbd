import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { WorkflowTriggerName } from "../../../shared/bridge-api/bridge-api-schemas.ts";
import {
  APP_LINK_TRIGGERS,
  type LinkTriggerDefinition,
  workflowCallbackId,
} from "../../triggers/app-link-triggers.ts";

/** A trigger as `workflows.triggers.list` / `create` answer it (the fields setup reads). */
export interface ListedTrigger {
  id: string;
  type: string;
  name: string;
  description?: string;
  workflow: { callback_id: string; app_id?: string };
  inputs?: Record<string, { value?: unknown; customizable?: boolean }>;
  shortcut_url?: string;
}

export type TriggerOutcome =
  | {
    bridgeName: WorkflowTriggerName;
    name: string;
    action: "created" | "updated" | "kept";
    url: string;
  }
  /**
   * Slack refused to update an existing trigger: it still works (old definition, same URL), so it is still
   * registered with the bridge, and the report says how to update it by hand.
   */
  | {
    bridgeName: WorkflowTriggerName;
    name: string;
    action: "outdated";
    url: string;
    triggerId: string;
    error: string;
  }
  | {
    bridgeName: WorkflowTriggerName;
    name: string;
    action: "failed";
    error: string;
  };

export type SyncResult =
  | { ok: true; outcomes: TriggerOutcome[] }
  | { ok: false; error: string };

/** The setup workflow's own callback id: its trigger, made by the admin, tells which app's triggers are ours. */
export const SETUP_WORKFLOW_CALLBACK_ID = "set_up_pagerslack_workflow";

type Call = (method: string, args: Record<string, unknown>) => Promise<
  { ok: boolean; error?: string; [key: string]: unknown }
>;

/**
 * Makes the app's link triggers match APP_LINK_TRIGGERS: one per workflow, created when missing, updated when the
 * definition changed (a new customizable input…), kept otherwise, so running setup again creates nothing.
 * `workflows.triggers.list` may show other apps' triggers too: only those whose workflow belongs to the app that
 * owns the setup trigger are ours.
 */
export async function syncLinkTriggers(
  client: SlackAPIClient,
): Promise<SyncResult> {
  const call: Call = async (method, args) => {
    try {
      return await client.apiCall(method, args) as Awaited<ReturnType<Call>>;
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  };
  const listed = await listAll(call);
  if (!listed.ok) return listed;
  const appId = listed.triggers.find((t) =>
    t.workflow.callback_id === SETUP_WORKFLOW_CALLBACK_ID
  )?.workflow.app_id;
  const ours = listed.triggers.filter((t) =>
    t.type === "shortcut" &&
    (appId === undefined || t.workflow.app_id === appId)
  );
  const outcomes: TriggerOutcome[] = [];
  for (const { bridgeName, definition } of APP_LINK_TRIGGERS) {
    const callbackId = workflowCallbackId(definition);
    const existing = ours.find((t) =>
      t.workflow.callback_id === callbackId && t.name === definition.name
    ) ?? ours.find((t) =>
      t.workflow.callback_id === callbackId
    );
    const args = definitionArgs(definition);
    if (
      existing && sameDefinition(existing, definition) && existing.shortcut_url
    ) {
      outcomes.push({
        bridgeName,
        name: definition.name,
        action: "kept",
        url: existing.shortcut_url,
      });
      continue;
    }
    const answer = existing
      ? await call("workflows.triggers.update", {
        ...args,
        trigger_id: existing.id,
      })
      : await call("workflows.triggers.create", args);
    const trigger = answer.trigger as ListedTrigger | undefined;
    // Whether a bot token may update a trigger an admin made with `slack trigger create` (CLI token) is not
    // documented: "Triggers created via the CLI use the CLI token… Triggers created at runtime by custom
    // functions use your app's bot token" (https://api.slack.com/scopes/triggers:write), and "Update a trigger
    // at runtime" speaks of runtime triggers only (https://api.slack.com/automation/triggers/manage). A refusal
    // must not cost the link: the existing trigger keeps working.
    if (!answer.ok && existing?.shortcut_url) {
      outcomes.push({
        bridgeName,
        name: definition.name,
        action: "outdated",
        url: existing.shortcut_url,
        triggerId: existing.id,
        error: answer.error ?? "unknown",
      });
      continue;
    }
    if (!answer.ok || !trigger?.shortcut_url) {
      outcomes.push({
        bridgeName,
        name: definition.name,
        action: "failed",
        error: answer.error ?? "no shortcut_url in Slack's answer",
      });
      continue;
    }
    outcomes.push({
      bridgeName,
      name: definition.name,
      action: existing ? "updated" : "created",
      url: trigger.shortcut_url,
    });
  }
  return { ok: true, outcomes };
}

async function listAll(
  call: Call,
): Promise<
  { ok: true; triggers: ListedTrigger[] } | { ok: false; error: string }
> {
  const triggers: ListedTrigger[] = [];
  let cursor = "";
  // Slack pages the list (cursor pagination); an app has a handful of triggers, but never trust one page.
  for (let page = 0; page < 20; page++) {
    const answer = await call("workflows.triggers.list", {
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    if (!answer.ok) return { ok: false, error: answer.error ?? "unknown" };
    triggers.push(...(answer.triggers as ListedTrigger[] ?? []));
    cursor = (answer.response_metadata as { next_cursor?: string } | undefined)
      ?.next_cursor ?? "";
    if (!cursor) break;
  }
  return { ok: true, triggers };
}

function definitionArgs(d: LinkTriggerDefinition): Record<string, unknown> {
  return {
    type: d.type,
    name: d.name,
    ...(d.description !== undefined ? { description: d.description } : {}),
    workflow: d.workflow,
    inputs: d.inputs ?? {},
  };
}

/** Name, description and every input mapping (value or customizable) as the definition has them. */
export function sameDefinition(
  listed: ListedTrigger,
  definition: LinkTriggerDefinition,
): boolean {
  if (listed.name !== definition.name) return false;
  if ((listed.description ?? "") !== (definition.description ?? "")) {
    return false;
  }
  const want = definition.inputs ?? {};
  const have = listed.inputs ?? {};
  if (Object.keys(want).length !== Object.keys(have).length) return false;
  return Object.entries(want).every(([name, mapping]) => {
    const got = have[name];
    if (!got) return false;
    if (mapping.customizable === true) return got.customizable === true;
    // TriggerContextData values are objects that serialize to `{{data.…}}`: compare what Slack received.
    return got.customizable !== true &&
      JSON.stringify(got.value) === JSON.stringify(mapping.value);
  });
}
