// `smoke`'s Slack-app steps: the bridge API answers with the token the hosted app uses (BRIDGE_API_TOKEN must be
// one of PAGERSLACK_API_TOKENS), and every link trigger URL the bridge knows (the registry of
// /api/v1/workflow-triggers, which the `/pd` answers link to) still exists: Slack takes a workflow_button only
// for "a valid trigger" (https://docs.slack.dev/reference/block-kit/composition-objects/trigger-object/), so a
// message with one button per trigger, deleted at once, asks Slack itself.
import type { WorkflowTriggerList } from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { workflowButton } from "../slash/pd-entries.ts";
import type { BridgeApiCall } from "./smoke-http.ts";
import { deleteMessage } from "./smoke-slack.ts";
import { failed, passed, type SmokeStep } from "./smoke-step.ts";

export const APP_STEPS = {
  api: "app: bridge API answers the app's token",
  triggers: "app: trigger URLs exist",
} as const;

export async function smokeApp(
  { bridge, appBridge, slack, channel }: {
    /** With one of the bridge's own tokens: reads the trigger registry. */
    bridge: BridgeApiCall;
    /** With the app's token, or null when the operator gave none. */
    appBridge: BridgeApiCall | null;
    slack: SlackClient;
    channel: string;
  },
): Promise<SmokeStep[]> {
  const steps: SmokeStep[] = [];
  if (appBridge === null) {
    steps.push(failed(
      APP_STEPS.api,
      "not run: no app token given",
      "pass --api-token-file <a file holding the app's BRIDGE_API_TOKEN>, or set BRIDGE_API_TOKEN",
    ));
  } else {
    const listed = await appBridge<unknown>("GET", "/connections");
    if (!listed.ok && listed.status !== 401) {
      // The bridge did not answer at all: its trigger registry cannot be read either.
      return [failed(
        APP_STEPS.api,
        `GET /api/v1/connections: ${listed.error}`,
        "check that --bridge-url reaches the running bridge (the app's BRIDGE_URL)",
      )];
    }
    steps.push(
      listed.ok
        ? passed(APP_STEPS.api, "GET /api/v1/connections: 200")
        : failed(
          APP_STEPS.api,
          `GET /api/v1/connections: ${listed.error}`,
          "set the app's BRIDGE_API_TOKEN (slack env add) to one of the bridge's PAGERSLACK_API_TOKENS",
        ),
    );
  }
  const registry = await bridge<WorkflowTriggerList>(
    "GET",
    "/workflow-triggers",
  );
  if (!registry.ok) {
    steps.push(
      failed(
        APP_STEPS.triggers,
        `GET /api/v1/workflow-triggers: ${registry.error}`,
      ),
    );
    return steps;
  }
  const triggers = registry.body.triggers;
  if (triggers.length === 0) {
    steps.push(
      passed(
        APP_STEPS.triggers,
        "none registered beyond SLACK_ACTIONS_TRIGGER_URL (checked by the card step)",
      ),
    );
    return steps;
  }
  // One message per trigger, so the row names exactly the ones Slack refuses.
  const refused: string[] = [];
  const leftovers: string[] = [];
  for (const trigger of triggers) {
    const posted = await slack.call<{ ts: string }>("chat.postMessage", {
      channel,
      text:
        `pagerslack smoke test: the app's ${trigger.name} trigger (deleted at once)`,
      blocks: [{
        type: "actions",
        elements: [workflowButton(trigger.name, trigger.url)],
      }],
    });
    if (!posted.ok) {
      refused.push(
        `chat.postMessage: ${posted.error.error} for ${trigger.name} ${trigger.url}`,
      );
      continue;
    }
    const left = await deleteMessage(slack, channel, posted.data.ts);
    if (left) leftovers.push(left);
  }
  steps.push(
    refused.length > 0
      ? failed(
        APP_STEPS.triggers,
        [...refused, ...leftovers].join("; "),
        "recreate the trigger of the deployed app (slack trigger create) and register its URL with the bridge again",
      )
      : leftovers.length > 0
      ? failed(APP_STEPS.triggers, leftovers.join("; "))
      : passed(
        APP_STEPS.triggers,
        `Slack took ${triggers.map((t) => t.name).join(", ")}`,
      ),
  );
  return steps;
}
