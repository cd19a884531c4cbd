// Optional enrichment with PAGERDUTY_API_TOKEN: the REST incident adds what webhooks lack (acknowledgers), and
// PagerDuty users map to Slack users by email (users.lookupByEmail) for mentions. Everything is cached and
// bounded by a timeout; any failure leaves the webhook data as it is (a card is never held back).
import type { Logger } from "pino";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { Reference } from "../../shared/pagerduty/webhook-event.ts";
import type { Enrich } from "../outbox/outbox-sender.ts";
import type { Mentions } from "../outbox/card-renderer.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";

export interface EnricherOptions {
  pagerDutyApiUrl: string;
  token: string;
  slack: SlackClient;
  logger: Logger;
  timeoutMs?: number;
  /** How long user mappings (also "no such user") are remembered. */
  cacheTtlMs?: number;
  now?: () => number;
}

interface RestIncident {
  id: string;
  acknowledgements?: { at: string; acknowledger: Reference }[];
}

export function createEnricher(
  {
    pagerDutyApiUrl,
    token,
    slack,
    logger,
    timeoutMs = 2000,
    cacheTtlMs = 60 * 60_000,
    now = Date.now,
  }: EnricherOptions,
): Enrich {
  const slackIds = new Map<string, { value: string | null; until: number }>();

  const { get } = createPagerDutyClient({
    apiUrl: pagerDutyApiUrl,
    token,
    timeoutMs,
  });

  async function slackIdOf(userId: string): Promise<string | null> {
    const cached = slackIds.get(userId);
    if (cached && cached.until > now()) return cached.value;
    let value: string | null = null;
    try {
      const { user } = await get<{ user: { email?: string } }>(
        `/users/${encodeURIComponent(userId)}`,
      );
      if (user.email) {
        const found = await slack.call<{ user: { id: string } }>(
          "users.lookupByEmail",
          { email: user.email },
        );
        if (found.ok) value = found.data.user.id;
        else if (found.error.error !== "users_not_found") {
          // Transient or permission problems: do not remember a negative answer.
          return null;
        }
      }
    } catch (error) {
      logger.warn(
        { err: error, pagerduty_user: userId },
        "user mapping failed",
      );
      return null;
    }
    slackIds.set(userId, { value, until: now() + cacheTtlMs });
    return value;
  }

  return async (snapshot: IncidentSnapshot) => {
    let enriched = snapshot;
    try {
      const { incident } = await get<{ incident: RestIncident }>(
        `/incidents/${encodeURIComponent(snapshot.id)}`,
      );
      if (
        snapshot.status === "acknowledged" &&
        snapshot.acknowledged_by.length === 0 &&
        incident.acknowledgements?.length
      ) {
        enriched = {
          ...snapshot,
          acknowledged_by: incident.acknowledgements.map((a) => ({
            agent: a.acknowledger,
            at: a.at,
          })),
        };
      }
    } catch (error) {
      logger.warn(
        { err: error, incident_id: snapshot.id },
        "incident fetch failed",
      );
    }
    const people = [
      ...enriched.assignees,
      ...enriched.acknowledged_by.flatMap((a) => a.agent ? [a.agent] : []),
      ...(enriched.resolved_by?.agent ? [enriched.resolved_by.agent] : []),
    ].filter((ref) => ref.type.startsWith("user"));
    const mentions: Mentions = {};
    for (const id of new Set(people.map((p) => p.id))) {
      const slackId = await slackIdOf(id);
      if (slackId) mentions[id] = slackId;
    }
    return { snapshot: enriched, mentions };
  };
}
