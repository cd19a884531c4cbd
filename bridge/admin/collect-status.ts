// What the status page shows, read from the database in a few bounded queries. Nothing here carries a token or
// a secret: installations come as summaries, and stored errors pass through redactCredentials.
import type { BridgeDb } from "../db/database.ts";
import type { Readiness } from "../db/open-database.ts";
import type { InstallationStore } from "../install/installation-store.ts";
import { listConnections } from "../connections/connection-store.ts";
import { readDeliveryBlocks } from "../outbox/delivery-blocks.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";

/** How many webhooks the page lists. */
const RECENT_WEBHOOKS = 25;

export interface StatusWorkspace {
  teamId: string;
  teamName: string;
  /** `installed`: through "Add to Slack"; `bot_token`: the workspace of SLACK_BOT_TOKEN. */
  source: "installed" | "bot_token";
  since: string | null;
}

export interface StatusWebhook {
  receivedAt: string;
  eventType: string;
  incidentId: string | null;
  status: string;
  lastError: string | null;
}

export interface StatusChannelQueue {
  channelId: string;
  pending: number;
  failed: number;
  /** Slack refused this channel (or the bot token): its jobs wait for a person. */
  parkedBy: string | null;
}

export interface StatusBlock {
  scope: string;
  key: string;
  error: string;
  since: string;
  retryAt: string;
}

export interface StatusData {
  readiness: Readiness;
  workspaces: StatusWorkspace[];
  connections: Connection[];
  webhooks: StatusWebhook[];
  queues: StatusChannelQueue[];
  blocks: StatusBlock[];
}

export async function collectStatus(
  { db, readiness, installations, botWorkspace }: {
    db: BridgeDb;
    readiness: () => Promise<Readiness>;
    /** Null without PAGERSLACK_ENCRYPTION_KEY (no installations can be kept). */
    installations: InstallationStore | null;
    /** The SLACK_BOT_TOKEN workspace, once auth.test has named it. */
    botWorkspace: () => { teamId: string; teamName: string } | null;
  },
): Promise<StatusData> {
  const ready = await readiness();
  if (!ready.ready) {
    return {
      readiness: ready,
      workspaces: [],
      connections: [],
      webhooks: [],
      queues: [],
      blocks: [],
    };
  }
  const installed = installations ? await installations.list() : [];
  const workspaces: StatusWorkspace[] = installed.map((i) => ({
    teamId: i.teamId,
    teamName: i.teamName,
    source: "installed",
    since: i.installedAt,
  }));
  const bot = botWorkspace();
  if (bot && !workspaces.some((w) => w.teamId === bot.teamId)) {
    workspaces.push({ ...bot, source: "bot_token", since: null });
  }
  const webhooks = (await db.selectFrom("webhook_inbox")
    .select([
      "received_at",
      "event_type",
      "incident_id",
      "status",
      "last_error",
    ])
    .orderBy("received_at", "desc").orderBy("event_id", "desc")
    .limit(RECENT_WEBHOOKS).execute()).map((r) => ({
      receivedAt: r.received_at,
      eventType: r.event_type,
      incidentId: r.incident_id,
      status: r.status,
      lastError: r.last_error === null ? null : redactCredentials(r.last_error),
    }));
  const counts = await db.selectFrom("outbox")
    .select((eb) => ["channel_id", "status", eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["pending", "failed"])
    .groupBy(["channel_id", "status"]).execute();
  const blocks = await readDeliveryBlocks(db);
  const queues = new Map<string, StatusChannelQueue>();
  for (const row of counts) {
    const queue = queues.get(row.channel_id) ?? {
      channelId: row.channel_id,
      pending: 0,
      failed: 0,
      parkedBy: null,
    };
    if (row.status === "pending") queue.pending += Number(row.n);
    else queue.failed += Number(row.n);
    queues.set(row.channel_id, queue);
  }
  for (const queue of queues.values()) {
    if (queue.pending === 0) continue;
    queue.parkedBy = blocks.channels.get(queue.channelId)?.error ??
      blocks.workspace?.error ?? null;
  }
  return {
    readiness: ready,
    workspaces,
    connections: await listConnections(db),
    webhooks,
    queues: [...queues.values()].sort((a, b) =>
      a.channelId.localeCompare(b.channelId)
    ),
    blocks: [
      ...(blocks.workspace ? [blocks.workspace] : []),
      ...blocks.channels.values(),
    ].map((b) => ({
      scope: b.scope,
      key: b.key,
      error: redactCredentials(b.error),
      since: b.since,
      retryAt: b.retry_at,
    })),
  };
}
