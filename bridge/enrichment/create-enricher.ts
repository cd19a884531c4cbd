// Optional enrichment with PAGERDUTY_API_TOKEN: the REST API adds what webhooks lack (acknowledgers; the alerts
// the incident groups; the escalation level and who is next, look-up-escalation.ts), and
// PagerDuty users map to Slack users by email (users.lookupByEmail) for mentions. Any failure leaves the webhook
// data as it is (a card is never held back).
//
// Cards are rendered for every channel of an incident and again after every change, so the REST calls are
// cached: an open incident is fetched once per snapshot `updated_at` (a newer snapshot fetches again) and at
// most once per `alertCountTtlMs` for the same one, and concurrent renders share one fetch; users are
// remembered for `cacheTtlMs`. Why every open incident and why the TTL: its `alert_counts` is the only source of
// the alert count, and no V3 webhook event tells when an alert joins an incident (PagerDuty's "Event Types" table,
// https://docs.pagerduty.com/developer/webhooks-overview, lists incident state, field, task and workflow changes
// and nothing for alerts; the simulator's webhook-event-types.ts copies it), so a render is the moment to refresh
// it. Both caches keep a bounded number of entries. A failed or rate-limited lookup is remembered briefly (until
// the rate limit resets), so a storm of renders never becomes a storm of calls.
import type { Logger } from "pino";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type {
  AlertCounts,
  PagerDutyAcknowledgement,
  PagerDutyIncident,
} from "../../shared/pagerduty/pagerduty-resources.ts";
import type { Enrich } from "../outbox/enrich.ts";
import type { Mentions } from "../outbox/card-renderer.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createBoundedCache } from "./bounded-cache.ts";
import { createEscalationLookup } from "./look-up-escalation.ts";

export interface EnricherOptions {
  /** The process's one client for PAGERDUTY_API_TOKEN (shared with the reconciler: one rate limit). */
  pagerDuty: PagerDutyClient;
  slack: SlackClient;
  logger: Logger;
  /** Per PagerDuty call: a card waits for enrichment at most about this long. */
  timeoutMs?: number;
  /** How long user mappings (also "no such user") are remembered. */
  cacheTtlMs?: number;
  /** How long an open incident's REST answer (its alert count) is reused for renders of the same snapshot. */
  alertCountTtlMs?: number;
  /** How long a failed lookup is remembered before it is tried again (a rate-limit hold lasts until reset). */
  failureTtlMs?: number;
  /** Incidents and users remembered at most (least recently used forgotten first). */
  maxIncidents?: number;
  maxUsers?: number;
  now?: () => number;
}

type RestAcknowledgement = PagerDutyAcknowledgement;

/** What a card takes from the REST incident. */
interface RestIncidentFacts {
  acknowledgements: RestAcknowledgement[];
  alertCounts: AlertCounts | null;
}

/** `alert_counts` read defensively (foreign data): whole numbers or nothing. */
function alertCountsOf(value: unknown): AlertCounts | null {
  const counts = value as Partial<Record<keyof AlertCounts, unknown>> | null;
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (
    !counts || ![counts.all, counts.triggered, counts.resolved].every(whole)
  ) {
    return null;
  }
  return {
    all: counts.all as number,
    triggered: counts.triggered as number,
    resolved: counts.resolved as number,
  };
}

/** A lookup, shared by every render that wants it while it runs and reused until `expiresAt`. */
interface Cached<T> {
  value: Promise<T>;
  expiresAt: number;
}

interface CachedIncident extends Cached<RestIncidentFacts | null> {
  /** `updated_at` (ms) of the snapshot the fetch was made for. */
  version: number;
}

export function createEnricher(
  {
    pagerDuty,
    slack,
    logger,
    timeoutMs = 2000,
    cacheTtlMs = 60 * 60_000,
    alertCountTtlMs = 60_000,
    failureTtlMs = 30_000,
    maxIncidents = 1000,
    maxUsers = 5000,
    now = Date.now,
  }: EnricherOptions,
): Enrich {
  const incidents = createBoundedCache<string, CachedIncident>({
    maxEntries: maxIncidents,
  });
  const slackIds = createBoundedCache<string, Cached<string | null>>({
    maxEntries: maxUsers,
  });
  // One warning per rate-limit hold, not one per skipped render.
  let warnedHoldUntil: number | null = null;

  /** Logs a failed lookup and says how long to remember it. */
  function failed(
    error: unknown,
    context: Record<string, string>,
    message: string,
  ): number {
    // A 429, or a call held back because the budget is used up: nothing to try before the window resets.
    if (error instanceof PagerDutyApiError && error.retryAt !== null) {
      if (warnedHoldUntil !== error.retryAt) {
        warnedHoldUntil = error.retryAt;
        logger.warn(
          { retry_at: new Date(error.retryAt).toISOString() },
          "PagerDuty rate limit used up: cards render from webhook data until it resets",
        );
      }
      return error.retryAt;
    }
    logger.warn({ err: error, ...context }, message);
    return now() + failureTtlMs;
  }

  const escalationOf = createEscalationLookup({
    pagerDuty,
    timeoutMs,
    now,
    failed: (error, policyId) =>
      failed(
        error,
        { escalation_policy_id: policyId },
        "escalation lookup failed",
      ),
  });

  function restIncidentOf(
    snapshot: IncidentSnapshot,
  ): Promise<RestIncidentFacts | null> {
    const version = Date.parse(snapshot.updated_at);
    const cached = incidents.get(snapshot.id);
    if (cached && cached.version >= version && cached.expiresAt > now()) {
      return cached.value;
    }
    const entry: CachedIncident = {
      version,
      expiresAt: now() + alertCountTtlMs,
      value: pagerDuty.get<
        {
          incident: Pick<
            PagerDutyIncident,
            "id" | "acknowledgements" | "alert_counts"
          >;
        }
      >(
        `/incidents/${encodeURIComponent(snapshot.id)}`,
        { maxWaitMs: 0, timeoutMs },
      ).then(
        ({ incident }) => ({
          acknowledgements: incident.acknowledgements ?? [],
          alertCounts: alertCountsOf(incident.alert_counts),
        }),
        (error) => {
          entry.expiresAt = failed(
            error,
            { incident_id: snapshot.id },
            "incident fetch failed",
          );
          return null;
        },
      ),
    };
    incidents.set(snapshot.id, entry);
    return entry.value;
  }

  async function lookUpSlackId(
    userId: string,
    entry: Cached<string | null>,
  ): Promise<string | null> {
    try {
      const { user } = await pagerDuty.get<{ user: { email?: string } }>(
        `/users/${encodeURIComponent(userId)}`,
        { maxWaitMs: 0, timeoutMs },
      );
      if (!user.email) return null;
      const found = await slack.call<{ user: { id: string } }>(
        "users.lookupByEmail",
        { email: user.email },
      );
      if (found.ok) return found.data.user.id;
      // Transient or permission problems: do not remember a negative answer for long.
      if (found.error.error !== "users_not_found") {
        entry.expiresAt = now() + failureTtlMs;
      }
      return null;
    } catch (error) {
      entry.expiresAt = failed(
        error,
        { pagerduty_user: userId },
        "user mapping failed",
      );
      return null;
    }
  }

  function slackIdOf(userId: string): Promise<string | null> {
    const cached = slackIds.get(userId);
    if (cached && cached.expiresAt > now()) return cached.value;
    const entry: Cached<string | null> = {
      expiresAt: now() + cacheTtlMs,
      value: Promise.resolve(null),
    };
    entry.value = lookUpSlackId(userId, entry);
    slackIds.set(userId, entry);
    return entry.value;
  }

  return async (snapshot: IncidentSnapshot) => {
    let enriched = snapshot;
    // Open cards only (a resolved card shows neither): the alert count, and acknowledgers when the webhooks
    // named none.
    const rest = snapshot.status === "resolved"
      ? null
      : await restIncidentOf(snapshot);
    if (rest?.alertCounts) {
      enriched = { ...enriched, alert_counts: rest.alertCounts };
    }
    if (
      snapshot.status === "acknowledged" &&
      snapshot.acknowledged_by.length === 0 && rest?.acknowledgements.length
    ) {
      enriched = {
        ...enriched,
        acknowledged_by: rest.acknowledgements.map((a) => ({
          agent: a.acknowledger,
          at: a.at,
        })),
      };
    }
    // After the acknowledgers, not alongside: a 429 on either then holds the other back (one budget).
    const escalation = await escalationOf(enriched);
    if (escalation) enriched = { ...enriched, escalation };
    // A card names everyone but pings only who is on call now, never the person who acted: acknowledgers and
    // the resolver are named without a mention (their name in plain text, which notifies nobody).
    const actors = new Set(
      [
        ...enriched.acknowledged_by.map((a) => a.agent),
        enriched.resolved_by?.agent,
      ].flatMap((ref) => ref ? [ref.id] : []),
    );
    const onCall = await escalationOf.onCallIds(enriched.escalation_policy.id);
    const ids = [
      ...new Set(
        enriched.assignees.filter((ref) => ref.type.startsWith("user"))
          .map((p) => p.id),
      ),
    ].filter((id) => !actors.has(id) && (onCall === null || onCall.has(id)));
    const slackIdList = await Promise.all(ids.map(slackIdOf));
    const mentions: Mentions = {};
    ids.forEach((id, i) => {
      const slackId = slackIdList[i];
      if (slackId) mentions[id] = slackId;
    });
    return { snapshot: enriched, mentions };
  };
}
