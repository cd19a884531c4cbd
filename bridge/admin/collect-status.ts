// What the status page shows, read from the database in a few bounded queries: each workspace with its own
// connections, triggers, deliveries and problems (collect-workspace-status.ts), and the account-wide parts (the
// webhook inbox). Nothing here carries a token or a secret: installations come as summaries, and stored errors
// pass through redactCredentials.
import type { BridgeDb } from "../db/database.ts";
import type { Readiness } from "../db/open-database.ts";
import type { InstallationStore } from "../install/installation-store.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import {
  collectWorkspaceStatus,
  type StatusWorkspace,
} from "./collect-workspace-status.ts";

export type { StatusWorkspace } from "./collect-workspace-status.ts";

/** How many webhooks the page lists. */
const RECENT_WEBHOOKS = 25;

export interface StatusWebhook {
  receivedAt: string;
  eventType: string;
  incidentId: string | null;
  status: string;
  lastError: string | null;
}

export interface StatusData {
  readiness: Readiness;
  workspaces: StatusWorkspace[];
  /** The webhook inbox: events by status, and the latest ones. */
  inbox: { counts: Record<string, number>; recent: StatusWebhook[] };
}

export async function collectStatus(
  { db, readiness, installations, botWorkspace, hasBotToken = false }: {
    db: BridgeDb;
    readiness: () => Promise<Readiness>;
    /** Null without PAGERSLACK_ENCRYPTION_KEY (no installations can be kept). */
    installations: InstallationStore | null;
    /** The SLACK_BOT_TOKEN workspace, once auth.test has named it. */
    botWorkspace: () => { teamId: string; teamName: string } | null;
    /** Whether SLACK_BOT_TOKEN is set (its workspace is listed before auth.test names it). */
    hasBotToken?: boolean;
  },
): Promise<StatusData> {
  const ready = await readiness();
  if (!ready.ready) {
    return {
      readiness: ready,
      workspaces: [],
      inbox: { counts: {}, recent: [] },
    };
  }
  const recent = (await db.selectFrom("webhook_inbox")
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
  const counts = await db.selectFrom("webhook_inbox")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .groupBy("status").orderBy("status").execute();
  return {
    readiness: ready,
    workspaces: await collectWorkspaceStatus({
      db,
      installations,
      botWorkspace: botWorkspace(),
      hasBotToken,
    }),
    inbox: {
      counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
      recent,
    },
  };
}
