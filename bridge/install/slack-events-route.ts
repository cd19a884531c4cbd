// POST /slack/events: the Events API Request URL. Signed like the slash command (verify-slack-signature.ts):
// anything unsigned, stale or forged gets 401 and changes nothing. Slack checks the URL with `url_verification`
// (answer the challenge), then sends `event_callback`s; the bridge subscribes to two:
// - `app_uninstalled`: the workspace removed the app → forget its installation;
// - `tokens_revoked` with `tokens.bot` (bot user ids, not tokens) → forget it if its bot is among them.
// Slack wants a 200 within 3 s and redelivers otherwise (X-Slack-Retry-Num, same event_id and event_time, for
// minutes). A redelivery may arrive after the workspace installed again: an event older than the installation's
// last save (event_time, in seconds, before updated_at) is about the previous installation and is ignored, so it
// never deletes the fresh one. Other events are acknowledged and ignored.
// https://docs.slack.dev/apis/events-api/ , https://docs.slack.dev/reference/events/app_uninstalled ,
// https://docs.slack.dev/reference/events/tokens_revoked
import { Hono } from "hono";
import type { Logger } from "pino";
import { verifySlackSignature } from "../slack/verify-slack-signature.ts";
import type { InstallationStore } from "./installation-store.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

/** The Events API types the bridge acts on (the manifest's bot_events). */
export const HANDLED_EVENTS = ["app_uninstalled", "tokens_revoked"] as const;

export interface SlackEventsRouteOptions {
  signingSecret: string | null;
  /** Null when PAGERSLACK_ENCRYPTION_KEY is not set (no installations are stored then). */
  installations: InstallationStore | null;
  logger: Logger;
  /** Called once the workspace's installation is gone (its Slack client must forget the token). */
  onUninstalled?: (teamId: string) => void | Promise<void>;
  now?: () => number;
}

interface EventEnvelope {
  type?: unknown;
  challenge?: unknown;
  team_id?: unknown;
  api_app_id?: unknown;
  event_id?: unknown;
  /** When the event happened, in epoch seconds. */
  event_time?: unknown;
  event?: { type?: unknown; tokens?: { bot?: unknown } };
}

export function slackEventsRoute(options: SlackEventsRouteOptions): Hono {
  const app = new Hono();
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: "slack-events" });
  const onUninstalled = options.onUninstalled ?? (() => {});

  const forget = async (
    teamId: string,
    cause: (typeof HANDLED_EVENTS)[number],
    meta: Record<string, unknown>,
  ) => {
    const removed = (await options.installations?.delete(teamId)) ?? false;
    await onUninstalled(teamId);
    log.warn(
      { team_id: teamId, event: cause, removed, ...meta },
      removed
        ? `Slack workspace ${teamId} removed the app (${cause}): its installation and token are deleted; cards for it stop until it installs again`
        : `Slack workspace ${teamId} removed the app (${cause}): no installation was stored for it`,
    );
  };

  app.post(SLACK_EVENTS_PATH, async (c) => {
    if (!options.signingSecret) {
      return c.json({
        error:
          "SLACK_SIGNING_SECRET is not set: the bridge cannot verify Slack's events",
      }, 503);
    }
    const raw = await c.req.text();
    const check = verifySlackSignature(
      raw,
      {
        signature: c.req.header("x-slack-signature"),
        timestamp: c.req.header("x-slack-request-timestamp"),
      },
      options.signingSecret,
      now(),
    );
    if (!check.ok) {
      log.warn({ status: 401, reason: check.reason }, "Slack event refused");
      return c.json({ error: "invalid signature" }, 401);
    }
    let envelope: EventEnvelope;
    try {
      envelope = JSON.parse(raw) as EventEnvelope;
    } catch {
      return c.json({ error: "body is not JSON" }, 400);
    }
    if (envelope.type === "url_verification") {
      return c.json({ challenge: String(envelope.challenge ?? "") });
    }
    if (envelope.type !== "event_callback") return c.body(null, 200);
    const teamId = typeof envelope.team_id === "string"
      ? envelope.team_id
      : null;
    const type = envelope.event?.type;
    if (!teamId) return c.body(null, 200);
    const meta = {
      event_id: envelope.event_id,
      retry_num: c.req.header("x-slack-retry-num") ?? undefined,
    };
    if (type === "app_uninstalled" || type === "tokens_revoked") {
      const installed = (await options.installations?.list())?.find((i) =>
        i.teamId === teamId
      );
      const eventS = typeof envelope.event_time === "number"
        ? envelope.event_time
        : null;
      if (
        installed && eventS !== null &&
        eventS < Math.floor(Date.parse(installed.updatedAt) / 1000)
      ) {
        log.info(
          { team_id: teamId, event: type, ...meta },
          `Slack event ${type} for workspace ${teamId} predates its current installation (a late redelivery): kept`,
        );
        return c.body(null, 200);
      }
    }
    if (type === "app_uninstalled") {
      await forget(teamId, "app_uninstalled", meta);
    } else if (type === "tokens_revoked") {
      const bots = envelope.event?.tokens?.bot;
      const botIds = Array.isArray(bots)
        ? bots.filter((b): b is string => typeof b === "string")
        : [];
      if (botIds.length > 0) {
        const installed = (await options.installations?.list())?.find((i) =>
          i.teamId === teamId
        );
        // Only our bot's token matters; a revoked user token leaves the bot working.
        if (!installed || botIds.includes(installed.botUserId)) {
          await forget(teamId, "tokens_revoked", meta);
        }
      }
    }
    return c.body(null, 200);
  });
  return app;
}
