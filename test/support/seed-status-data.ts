// What the admin status page tests show: two installed workspaces, each with its own state. Acme: a connection,
// its incident-actions trigger, a pending job parked by a channel block, a failed and a sent job. Globex: its
// bot token refused by Slack (its pending job parked), Slack refusing its card buttons, no trigger. Webhooks (one
// set aside) are the account's. Values include HTML to prove escaping, and secrets that must never reach the page.
import type { BridgeDb } from "../../bridge/db/database.ts";
import { putConnection } from "../../bridge/connections/connection-store.ts";
import {
  parkDelivery,
  tokenFingerprint,
} from "../../bridge/outbox/delivery-blocks.ts";
import { rememberButtonsRefusal } from "../../bridge/outbox/buttons-refused.ts";
import { putWorkflowTriggers } from "../../bridge/triggers/workflow-trigger-store.ts";
import { createInstallationStore } from "../../bridge/install/installation-store.ts";
import type { SecretBox } from "../../bridge/secrets/secret-box.ts";
import { storeWebhookSecret } from "../../bridge/pagerduty/webhook-secret-store.ts";

export const SEEDED = {
  workspaces: ["Acme <Ops>", "Globex"],
  botTokens: ["xoxb-acme-never-shown", "xoxb-globex-never-shown"],
  webhookSecret: "whsec-kept-never-shown",
  connectionChannel: "C0PAYMENTS",
  connectionService: "PSVC123",
  failedIncident: "PINCFAIL",
  parkedChannel: "C0ARCHIVED",
  failedJobChannel: "C0PAYMENTS",
  teams: ["T0ACME", "T0GLOBEX"],
  globexChannel: "C0GLOBEX",
};

export async function seedStatusData(
  db: BridgeDb,
  box: SecretBox,
  now: Date,
): Promise<void> {
  const store = createInstallationStore(db, box);
  await store.save({
    teamId: "T0ACME",
    teamName: SEEDED.workspaces[0]!,
    enterpriseId: null,
    appId: "A0BRIDGE",
    botUserId: "U0BOT",
    botToken: SEEDED.botTokens[0]!,
    scopes: ["chat:write"],
    installedBy: "U0ADMIN",
  }, now);
  await store.save({
    teamId: "T0GLOBEX",
    teamName: SEEDED.workspaces[1]!,
    enterpriseId: null,
    appId: "A0BRIDGE",
    botUserId: "U0BOT2",
    botToken: SEEDED.botTokens[1]!,
    scopes: ["chat:write"],
    installedBy: null,
  }, now);
  await storeWebhookSecret(db, box, {
    subscriptionId: "PSUBKEPT",
    url: "https://bridge.example.com/webhooks/pagerduty",
    secret: SEEDED.webhookSecret,
  }, now);
  await putConnection(db, {
    id: "conn-1",
    team_id: "T0ACME",
    channel_id: SEEDED.connectionChannel,
    source_type: "service",
    source_id: SEEDED.connectionService,
    notification_type: "responder",
    events: ["incident.triggered", "incident.resolved"],
    urgency: "high",
    priorities: null,
    thread_updates: true,
  }, now);
  const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
  const inbox = (
    id: string,
    type: string,
    incident: string,
    status: "done" | "failed",
    ago: number,
    lastError: string | null = null,
  ) => ({
    event_id: id,
    webhook_id: `wh-${id}`,
    event_type: type,
    incident_id: incident,
    occurred_at: at(ago),
    body: "{}",
    status,
    received_at: at(ago),
    processed_at: at(ago),
    last_error: lastError,
  });
  await db.insertInto("webhook_inbox").values([
    inbox("E1", "incident.triggered", "PINCOK", "done", 30),
    inbox(
      "E2",
      "incident.annotated",
      SEEDED.failedIncident,
      "failed",
      20,
      "could not apply <b>note</b>",
    ),
  ]).execute();
  const job = (
    key: string,
    channel: string,
    status: "pending" | "failed" | "done",
    team = "T0ACME",
  ) => ({
    team_id: team,
    kind: "card" as const,
    dedupe_key: key,
    incident_id: "PINCOK",
    channel_id: channel,
    payload: "{}",
    status,
    version: 1,
    attempts: status === "failed" ? 3 : 0,
    available_at: now.toISOString(),
    last_error: status === "failed" ? "msg_too_long" : null,
    enqueued_at: now.toISOString(),
    created_at: now.toISOString(),
  });
  await db.insertInto("outbox").values([
    job("card:PINCOK:C0ARCHIVED", SEEDED.parkedChannel, "pending"),
    job("card:PINCOK:C0PAYMENTS", SEEDED.failedJobChannel, "failed"),
    job("update:PINCOK:E1:C0PAYMENTS", SEEDED.failedJobChannel, "done"),
    job("card:PINCOK:C0GLOBEX", SEEDED.globexChannel, "pending", "T0GLOBEX"),
  ]).execute();
  await putWorkflowTriggers(
    db,
    [{
      name: "incident_action",
      url: "https://slack.com/shortcuts/Ft0ACME/acme",
    }],
    now,
    "T0ACME",
  );
  // Its own token, so a running bridge keeps it parked rather than trying it again at once.
  await parkDelivery(db, {
    scope: "workspace",
    key: "T0GLOBEX",
    error: "token_revoked",
    token_fingerprint: tokenFingerprint(SEEDED.botTokens[1]!),
    retry_at: new Date(now.getTime() + 3_600_000).toISOString(),
    now,
  });
  await rememberButtonsRefusal(
    db,
    { method: "chat.postMessage", error: "invalid_blocks" },
    now,
    "T0GLOBEX",
  );
  await parkDelivery(db, {
    scope: "channel",
    key: SEEDED.parkedChannel,
    error: "is_archived",
    token_fingerprint: "fp",
    retry_at: new Date(now.getTime() + 3_600_000).toISOString(),
    now,
  });
}
