// The doctor's checks as the running bridge runs them for its status page: the same functions as `doctor`
// (bridge/commands/), over the bridge's own database connection and clients.
import type { Database } from "../db/open-database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import {
  checkChannels,
  checkSlack,
  checkTriggerUrl,
  checkWebhookSecrets,
} from "../commands/run-doctor.ts";
import { checkPagerDuty } from "../commands/check-pagerduty.ts";
import { checkParkedDeliveries } from "../commands/check-parked-deliveries.ts";
import { checkSetAsideEvents } from "../commands/check-set-aside-events.ts";
import { checkCardButtons } from "../commands/check-card-buttons.ts";
import { readStoredWebhookSecrets } from "../pagerduty/webhook-secret-store.ts";
import type { StatusCheck } from "./status-doctor.ts";

export function statusChecks(
  {
    database,
    slack,
    slackTokenFingerprint,
    slackActionsTriggerUrl,
    webhookSecretCount,
    box,
    pagerDuty,
    webhookUrl,
  }: {
    database: Database;
    slack: SlackClient;
    slackTokenFingerprint: string;
    slackActionsTriggerUrl: string | null;
    webhookSecretCount: number;
    box: SecretBox | null;
    pagerDuty: PagerDutyClient | null;
    webhookUrl: string | null;
  },
): StatusCheck[] {
  // The checks open and close a database; the bridge's stays open.
  const shared = (): Database => ({ ...database, close: async () => {} });
  return [
    {
      name: "database",
      run: async () => {
        const ready = await database.readiness();
        return ready.ready
          ? {
            name: "database",
            ok: true,
            detail: `${database.dialect}, migrations applied`,
          }
          : { name: "database", ok: false, detail: ready.reason };
      },
    },
    { name: "slack", run: async () => (await checkSlack(slack)).check },
    {
      name: "connected channels",
      run: () => checkChannels(shared, slack),
    },
    {
      name: "parked deliveries",
      run: () => checkParkedDeliveries(shared, slackTokenFingerprint),
    },
    { name: "set-aside events", run: () => checkSetAsideEvents(shared) },
    {
      name: "actions trigger",
      run: () => Promise.resolve(checkTriggerUrl(slackActionsTriggerUrl)),
    },
    {
      name: "webhook secret",
      run: () =>
        checkWebhookSecrets(
          webhookSecretCount,
          box ? () => readStoredWebhookSecrets(database.db, box) : undefined,
        ),
    },
    {
      name: "card buttons",
      run: () => checkCardButtons(shared, slackActionsTriggerUrl),
    },
    { name: "pagerduty", run: () => checkPagerDuty(pagerDuty, webhookUrl) },
  ];
}
