// `smoke`: the live end-to-end check of an install (issue 20). Runs the Slack, Slack-app and PagerDuty steps
// against the real services with the bridge's own configuration, then undoes everything it made whatever
// happened (messages deleted, incident resolved, temporary connection removed): each cleanup is a row too,
// so a leftover is named with what to remove by hand.
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { BridgeApiCall, RestCall } from "./smoke-http.ts";
import { smokeApp } from "./smoke-app.ts";
import { smokePagerDuty } from "./smoke-pagerduty.ts";
import { smokeSlack } from "./smoke-slack.ts";
import { failed, passed, type SmokeStep } from "./smoke-step.ts";

export interface SmokeInput {
  slack: SlackClient;
  pagerDuty: PagerDutyClient;
  rest: RestCall;
  bridge: BridgeApiCall;
  /** The bridge API as the hosted app calls it (its BRIDGE_API_TOKEN); null when the operator gave none. */
  appBridge: BridgeApiCall | null;
  channel: string;
  service: string;
  triggerUrl: string | null;
  webhookUrl: string | null;
  waitMs: number;
  runId: string;
}

export async function runSmoke(input: SmokeInput): Promise<SmokeStep[]> {
  const cleanups: { name: string; work: () => Promise<string | null> }[] = [];
  const onCleanup = (name: string, work: () => Promise<string | null>) => {
    cleanups.push({ name, work });
  };
  const steps: SmokeStep[] = [];
  let phase = "slack";
  try {
    steps.push(...await smokeSlack({ ...input, onCleanup }));
    phase = "app";
    steps.push(...await smokeApp(input));
    phase = "pagerduty";
    steps.push(...await smokePagerDuty({ ...input, onCleanup }));
  } catch (error) {
    // A throw (not a service's answer) loses its phase's rows: say which phase, and its cause.
    steps.push(
      failed(
        `${phase}: steps`,
        `stopped by an unexpected error: ${
          redactCredentials((error as Error).message)
        }`,
        "report this line to the project",
      ),
    );
  } finally {
    // Newest first: the card's thread reply before the card, the incident before its connection.
    for (const { name, work } of cleanups.reverse()) {
      const left = await work().catch((error: Error) =>
        redactCredentials(error.message)
      );
      steps.push(left === null ? passed(name, "done") : failed(name, left));
    }
  }
  return steps;
}
