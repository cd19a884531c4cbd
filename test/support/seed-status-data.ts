// What the admin status page tests show: two installed workspaces, a connection, webhooks (one set aside), an
// outbox with a pending job parked by a channel block and a failed job. Values include HTML to prove escaping,
// and secrets that must never reach the page.
import type { BridgeDb } from "../../bridge/db/database.ts";
import { putConnection } from "../../bridge/connections/connection-store.ts";
import { parkDelivery } from "../../bridge/outbox/delivery-blocks.ts";
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
    status: "pending" | "failed",
  ) => ({
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
  ]).execute();
  await parkDelivery(db, {
    scope: "channel",
    key: SEEDED.parkedChannel,
    error: "is_archived",
    token_fingerprint: "fp",
    retry_at: new Date(now.getTime() + 3_600_000).toISOString(),
    now,
  });
}
