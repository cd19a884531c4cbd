// Where a `/pd` was typed, as the bridge knows it: the channel's connections (named from PagerDuty when the
// bridge has a key, else by id) and the incident whose incident channel it is.
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { listConnections } from "../connections/connection-store.ts";
import type { BridgeDb } from "../db/database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";

export interface ChannelContext {
  /** A direct message (D…): nothing is ever connected there. */
  isDirect: boolean;
  connections: Connection[];
  /** PagerDuty id of the incident this channel was made or attached for, newest first. */
  incidentId: string | null;
}

/** How long the help may wait for PagerDuty's names of the connected services (it answers within 3 s). */
const NAME_TIMEOUT_MS = 1200;

export async function readChannelContext(
  db: BridgeDb,
  channelId: string,
): Promise<ChannelContext> {
  const isDirect = channelId.startsWith("D");
  const [connections, incident] = await Promise.all([
    isDirect ? [] : listConnections(db, { channelId }),
    db.selectFrom("incident_channels").select("incident_id")
      .where("channel_id", "=", channelId).orderBy("created_at", "desc")
      .executeTakeFirst(),
  ]);
  return { isDirect, connections, incidentId: incident?.incident_id ?? null };
}

/** The connected services (responder connections first): what `/pd trigger` would open an incident on. */
export function connectedServiceIds(context: ChannelContext): string[] {
  return [
    ...new Set(
      [...context.connections]
        .sort((a, b) =>
          Number(a.notification_type !== "responder") -
          Number(b.notification_type !== "responder")
        )
        .filter((c) => c.source_type === "service").map((c) => c.source_id),
    ),
  ];
}

/** One line on what this channel is connected to, as mrkdwn. */
export async function describeConnections(
  context: ChannelContext,
  pagerDuty: PagerDutyClient | null,
): Promise<string> {
  if (context.isDirect) {
    return "This is a direct message: incident cards go to channels (type `/pd connect` in one).";
  }
  if (context.connections.length === 0) {
    return "This channel is not connected to PagerDuty: `/pd connect` chooses the services or teams whose incidents post cards here.";
  }
  const names = await Promise.all(
    context.connections.map(async (c) => {
      const name = await sourceName(pagerDuty, c);
      const kind = c.source_type === "service" ? "service" : "team";
      return `${kind} *${escapeMrkdwn(name)}* (${c.notification_type}s)`;
    }),
  );
  return `This channel gets incident cards of ${names.join(", ")}.`;
}

async function sourceName(
  pagerDuty: PagerDutyClient | null,
  c: Connection,
): Promise<string> {
  if (!pagerDuty) return c.source_id;
  const path = c.source_type === "service"
    ? `/services/${encodeURIComponent(c.source_id)}`
    : `/teams/${encodeURIComponent(c.source_id)}`;
  const found = await pagerDuty.get<
    { service?: { name?: string }; team?: { name?: string } }
  >(path, { timeoutMs: NAME_TIMEOUT_MS }).catch(() => undefined);
  return found?.service?.name ?? found?.team?.name ?? c.source_id;
}
