import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { BridgeClient } from "../../bridge/bridge-client.ts";
import type { AppConfig } from "../../config/read-app-config.ts";
import type { NotifyTarget } from "../../messages/notify-user.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";

/** Everything one incident action needs, built once per handler invocation. */
export interface IncidentActionContext {
  client: SlackAPIClient;
  pagerDuty: PagerDutyClient;
  bridge: BridgeClient;
  config: AppConfig;
  incidentId: string;
  /** Where feedback goes: the clicker, in the card's channel and thread. */
  target: NotifyTarget;
}

export type ActionOutcome = "done" | "already" | "cancelled" | "failed";
