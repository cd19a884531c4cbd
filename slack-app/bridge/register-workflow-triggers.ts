import { ENTRY_POINTS } from "../config/entry-points.ts";
import type { WorkflowTrigger } from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { BridgeClient, BridgeResult } from "./bridge-client.ts";
import type { WorkflowTriggerList } from "../../shared/bridge-api/bridge-api-schemas.ts";

/**
 * The env variable of the cards' incident-actions trigger in the hosted app, when the admin sets it too
 * (the bridge also has it as SLACK_ACTIONS_TRIGGER_URL, which keeps working).
 */
export const ACTIONS_TRIGGER_URL_ENV = "ACTIONS_TRIGGER_URL";

/** The link trigger URLs set in the app's env (`slack env add HELP_TRIGGER_URL …`), as the bridge names them. */
export function workflowTriggersFromEnv(
  env: Record<string, string | undefined>,
): WorkflowTrigger[] {
  const triggers: WorkflowTrigger[] = ENTRY_POINTS.flatMap((entry) => {
    const url = entry.urlEnv ? env[entry.urlEnv]?.trim() : undefined;
    return url ? [{ name: entry.bridgeName, url }] : [];
  });
  const actions = env[ACTIONS_TRIGGER_URL_ENV]?.trim();
  if (actions) triggers.push({ name: "incident_action", url: actions });
  return triggers;
}

/**
 * Tells the bridge the app's trigger URLs, so its `/pd` slash command answers with buttons into these workflows.
 * Run from the Connect workflow (an admin runs it once per channel, after `slack trigger create`); nothing is
 * sent when the env holds no URL. Never throws: a bridge that is away gets them next time.
 */
export async function registerWorkflowTriggers(
  bridge: BridgeClient,
  env: Record<string, string | undefined>,
): Promise<BridgeResult<WorkflowTriggerList> | null> {
  const triggers = workflowTriggersFromEnv(env);
  if (triggers.length === 0) return null;
  return await bridge.putWorkflowTriggers(triggers);
}

/**
 * How long a Connect run waits for the registration before it fills the modal: the person is looking at
 * "Loading…", and the URLs matter less than the form (a bridge that is slow gets them on the next run).
 */
export const REGISTRATION_WAIT_MS = 2_000;

/** `registerWorkflowTriggers`, waited for at most `waitMs`: "still_waiting" when the bridge has not answered. */
export async function registerWorkflowTriggersWithin(
  bridge: BridgeClient,
  env: Record<string, string | undefined>,
  waitMs = REGISTRATION_WAIT_MS,
): Promise<BridgeResult<WorkflowTriggerList> | null | "still_waiting"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<"still_waiting">((resolve) => {
    timer = setTimeout(() => resolve("still_waiting"), waitMs);
  });
  try {
    return await Promise.race([registerWorkflowTriggers(bridge, env), bound]);
  } finally {
    // A pending timer would keep the function's isolate busy (and fails Deno's test sanitizer).
    clearTimeout(timer);
  }
}
