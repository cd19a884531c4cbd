// Loads the hosted Slack app the way Slack's runtime does: the manifest names every function's source file, the
// link trigger definitions name their workflow. Specifiers are computed on purpose: the app is Deno-typed code
// (checked by `deno check`), and tsc on the Node side must not follow these imports into it.
import { readdir } from "node:fs/promises";
import type {
  SlackFunctionModule,
  WorkflowLike,
} from "../simulators/slack/run-workflow.ts";
import type { DatastoreDefinition } from "../simulators/slack/slack-workspace.ts";

const ROOT = new URL("../../", import.meta.url);

/** A link trigger definition as `slack trigger create --trigger-def` reads it. */
export interface LinkTriggerDefinition {
  type: string;
  name: string;
  workflow: string;
  inputs: Record<string, { value?: string; customizable?: boolean }>;
}

export interface HostedApp {
  /** Handlers by function callback_id, loaded from the manifest's `source_file`s. */
  functions: Record<string, SlackFunctionModule>;
  /** Workflows by callback_id. */
  workflows: Record<string, WorkflowLike>;
  triggers: {
    incidentAction: LinkTriggerDefinition;
    triggerIncident: LinkTriggerDefinition;
    /** The one trigger an admin creates (`npm run deploy:slack-app` does); its workflow creates the others. */
    setUpPagerslack: LinkTriggerDefinition;
    connectChannel: LinkTriggerDefinition;
  };
  botScopes: string[];
  datastores: DatastoreDefinition[];
  /** The external auth provider's key and the OAuth scopes it asks PagerDuty for. */
  pagerDutyProvider: { key: string; scopes: string[] };
}

interface ManifestJson {
  oauth_config: { scopes: { bot: string[] } };
  functions: Record<string, { source_file: string }>;
  datastores?: Record<string, Omit<DatastoreDefinition, "name">>;
  external_auth_providers?: {
    oauth2?: Record<string, { options: { scope?: string[] } }>;
  };
}

const importFromRoot = (path: string) =>
  import(/* @vite-ignore */ new URL(path, ROOT).href) as Promise<
    Record<string, unknown>
  >;

function isWorkflow(value: unknown): value is WorkflowLike {
  const v = value as Partial<WorkflowLike> | null;
  return typeof v === "object" && v !== null &&
    typeof v.definition?.callback_id === "string" &&
    typeof v.export === "function";
}

/**
 * What `slack deploy` needs in its environment (manifest.ts refuses to build without it); a test's stand-ins when
 * the shell has none. The values only reach the manifest's OAuth client id and outgoing domains.
 */
const DEPLOY_ENV = {
  PAGERDUTY_OAUTH_CLIENT_ID: "e2e-pagerduty-oauth-client",
  BRIDGE_URL: "http://127.0.0.1",
};

export async function loadHostedApp(): Promise<HostedApp> {
  for (const [name, value] of Object.entries(DEPLOY_ENV)) {
    if (!process.env[name]?.trim()) process.env[name] = value;
  }
  const manifest = (await importFromRoot("manifest.ts"))
    .default as ManifestJson;

  const functions: Record<string, SlackFunctionModule> = {};
  for (const [callbackId, fn] of Object.entries(manifest.functions)) {
    const handler = (await importFromRoot(fn.source_file)).default;
    if (typeof handler !== "function") {
      throw new Error(
        `${fn.source_file} has no default SlackFunction export (function ${callbackId})`,
      );
    }
    functions[callbackId] = handler as SlackFunctionModule;
  }

  const workflows: Record<string, WorkflowLike> = {};
  const workflowDir = new URL("slack-app/workflows/", ROOT);
  for (const file of await readdir(workflowDir)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const exports = await importFromRoot(`slack-app/workflows/${file}`);
    for (const value of Object.values(exports)) {
      if (isWorkflow(value)) workflows[value.definition.callback_id] = value;
    }
  }

  const trigger = async (file: string) =>
    (await importFromRoot(`slack-app/triggers/${file}`))
      .default as LinkTriggerDefinition;

  const providers = manifest.external_auth_providers?.oauth2 ?? {};
  const [key, provider] = Object.entries(providers)[0] ?? [];
  if (!key || !provider) {
    throw new Error("the manifest declares no OAuth2 external auth provider");
  }
  return {
    functions,
    workflows,
    triggers: {
      incidentAction: await trigger("incident-action-trigger.ts"),
      triggerIncident: await trigger("trigger-incident-trigger.ts"),
      setUpPagerslack: await trigger("set-up-pagerslack-trigger.ts"),
      connectChannel: await trigger("connect-channel-trigger.ts"),
    },
    botScopes: manifest.oauth_config.scopes.bot,
    datastores: Object.entries(manifest.datastores ?? {}).map((
      [name, definition],
    ) => ({ name, ...definition })),
    pagerDutyProvider: { key, scopes: provider.options.scope ?? [] },
  };
}

/** The workflow a trigger starts (`#/workflows/<callback_id>`). */
export function workflowOf(
  app: HostedApp,
  trigger: LinkTriggerDefinition,
): WorkflowLike {
  const callbackId = trigger.workflow.replace(/^#\/workflows\//, "");
  const workflow = app.workflows[callbackId];
  if (!workflow) {
    throw new Error(
      `trigger "${trigger.name}" names ${trigger.workflow}, which slack-app/workflows/ does not define`,
    );
  }
  return workflow;
}
