// Drains the outbox into Slack within its limits. Work is per channel, under a lease in the `channels` table,
// so one replica at a time sends a channel's messages, in order. Per channel: ~1 post per second, Retry-After
// honoured; per method: budgets for edits and lookups. Card jobs coalesce (one row per card, rendered from
// the newest snapshot); posting a card is claimed atomically and, after a possible crash, preceded by a
// search for the card by its metadata. Update messages carry metadata too, and a second attempt at one looks
// for the first before posting. Transient failures are retried with backoff for as long as it takes; refusals
// a person must fix (the bot token, a channel) park the work they concern instead of failing it.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { BridgeDb, CardRow, OutboxRow } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { SlackApiError } from "../slack/slack-errors.ts";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";
import { cardJobKey } from "../jobs/enqueue-card.ts";
import type { UpdatePayload } from "../jobs/enqueue-update.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";
import {
  CARD_METADATA_EVENT_TYPE,
  type CardRenderer,
  type Mentions,
  type SlackMessage,
} from "./card-renderer.ts";
import { findPostedMessage } from "./find-posted-message.ts";
import {
  mayRefuseButtons,
  readButtonsRefusal,
  rememberButtonsRefusal,
} from "./buttons-refused.ts";
import {
  clearDeliveryBlock,
  parkDelivery,
  readDeliveryBlocks,
  WORKSPACE_BLOCK_KEY,
} from "./delivery-blocks.ts";
import { createMethodBudget, type MethodBudget } from "./method-budget.ts";

export type Enrich = (
  snapshot: IncidentSnapshot,
) => Promise<{ snapshot: IncidentSnapshot; mentions: Mentions }>;

export interface OutboxSenderOptions {
  db: BridgeDb;
  slack: SlackClient;
  renderer: CardRenderer;
  logger: Logger;
  metrics: BridgeMetrics;
  /** `tokenFingerprint` of the bot token `slack` calls with: a refused token is retried at once when it changes. */
  tokenFingerprint: string;
  instanceId?: string;
  now?: () => Date;
  /** Minimum gap between two posts in one channel (Slack: about one per second). */
  postIntervalMs?: number;
  budget?: MethodBudget;
  /** Backoff of transient failures (5xx, timeouts, network); they are retried until Slack answers. */
  retry?: { baseMs: number; maxMs: number };
  /** How often work parked by a refused token or channel is tried again without a change to trigger it. */
  blockRetryMs?: number;
  /** When a channel's oldest pending job is older than this, the channel is told (once). */
  lagNoticeMs?: number;
  /** How long a channel lease or a card claim protects a replica that may have died. */
  leaseMs?: number;
  enrich?: Enrich;
  /** Test seam: runs between Slack's answer to a card post and the database write (crash tests). */
  afterCardPosted?: (
    card: { incidentId: string; channelId: string; ts: string },
  ) => Promise<void> | void;
  /** Test seam: runs between Slack's answer to an update message and the job's completion. */
  afterUpdatePosted?: (
    update: { incident_id: string; event_id: string; ts: string },
  ) => Promise<void> | void;
}

export interface RunResult {
  sent: number;
  /** Milliseconds until more work could be due; null when nothing is pending. */
  nextInMs: number | null;
}

export interface OutboxSender {
  runOnce(): Promise<RunResult>;
  instanceId: string;
}

type JobOutcome =
  | { kind: "done"; sent: number }
  | { kind: "wait"; ms: number }
  | { kind: "blocked" }
  | { kind: "error"; error: SlackApiError }
  /** The renderer threw on this snapshot or event: a fact about this job only, never worth a retry. */
  | { kind: "unrenderable"; cause: unknown };

/**
 * Renders, turning a renderer exception into a result: a snapshot stored before its data was checked (or a
 * shape nobody foresaw) must cost its own job, not every channel's pass.
 */
function tryRender<T>(
  render: () => T,
): { ok: true; value: T } | { ok: false; cause: unknown } {
  try {
    return { ok: true, value: render() };
  } catch (cause) {
    return { ok: false, cause };
  }
}

/** What a failed job did to its channel's pass: carry on with other incidents, or stop the channel. */
type ErrorEffect = "continue" | "stop_channel";

/** `metadata.event_type` of update messages: how a second attempt finds the first one. */
export const UPDATE_METADATA_EVENT_TYPE = "pagerduty_incident_update";

export const BEHIND_NOTICE =
  ":hourglass: PagerDuty updates for this channel are running more than a minute behind because of Slack rate limits. Cards will catch up; check PagerDuty for the latest state.";
export const RECOVERED_NOTICE =
  ":white_check_mark: PagerDuty updates for this channel have caught up.";

export function createOutboxSender(
  {
    db,
    slack,
    renderer,
    logger,
    metrics,
    instanceId = randomUUID(),
    now = () => new Date(),
    postIntervalMs = 1000,
    budget = createMethodBudget(),
    tokenFingerprint,
    retry = { baseMs: 1000, maxMs: 5 * 60_000 },
    blockRetryMs = 5 * 60_000,
    lagNoticeMs = 60_000,
    leaseMs = 30_000,
    enrich,
    afterCardPosted,
    afterUpdatePosted,
  }: OutboxSenderOptions,
): OutboxSender {
  const iso = (ms: number) => new Date(ms).toISOString();
  /** Blocks in force when this pass began: a Slack call that works lifts them. */
  const parked = { workspace: false, channels: new Set<string>() };
  /** Slack refused the cards' buttons in this workspace (buttons-refused.ts), as of this pass. */
  let buttonsRefused = false;

  async function enrichSafely(snapshot: IncidentSnapshot) {
    if (!enrich) return { snapshot, mentions: {} };
    try {
      return await enrich(snapshot);
    } catch (error) {
      // Enrichment is a bonus: the card renders from webhook data alone.
      logger.warn(
        { incident_id: snapshot.id, err: error },
        "enrichment failed",
      );
      return { snapshot, mentions: {} };
    }
  }

  async function loadSnapshot(incidentId: string) {
    const row = await db.selectFrom("incident_states").select("state")
      .where("incident_id", "=", incidentId).executeTakeFirst();
    const state = row ? JSON.parse(row.state) as IncidentState | null : null;
    return state?.snapshot ?? null;
  }

  /** Posting pacing: the channel's next allowed post time, kept in the database for every replica. */
  async function postWait(channelId: string, nowMs: number): Promise<number> {
    const row = await db.selectFrom("channels").select("next_post_at")
      .where("channel_id", "=", channelId).executeTakeFirst();
    const channelWait = row ? Date.parse(row.next_post_at) - nowMs : 0;
    return Math.max(0, channelWait, budget.waitFor("chat.postMessage", nowMs));
  }

  async function holdChannel(channelId: string, untilMs: number) {
    await db.updateTable("channels").set({ next_post_at: iso(untilMs) })
      .where("channel_id", "=", channelId).execute();
  }

  async function liftBlocks(channelId: string) {
    if (parked.workspace) {
      parked.workspace = false;
      if (await clearDeliveryBlock(db, "workspace", WORKSPACE_BLOCK_KEY)) {
        logger.info(
          "Slack accepts the bot token again: delivering parked work",
        );
      }
    }
    if (parked.channels.delete(channelId)) {
      if (await clearDeliveryBlock(db, "channel", channelId)) {
        logger.info(
          { channel_id: channelId },
          "Slack accepts posts in the channel again: delivering parked work",
        );
      }
    }
  }

  /** One Slack call under the budgets; a 429 turns into a hold on the method (and channel for posts). */
  async function call<T>(
    method: string,
    channelId: string,
    args: Record<string, unknown>,
  ) {
    const startMs = now().getTime();
    budget.record(method, startMs);
    const result = await slack.call<T>(method, args);
    if (!result.ok && result.error.outcome === "rate_limited") {
      const waitMs = result.error.retryAfterMs ?? 1000;
      metrics.rateLimitWaits.inc({ method });
      metrics.rateLimitWaitSeconds.inc({}, waitMs / 1000);
      budget.hold(method, startMs + waitMs);
      if (method === "chat.postMessage") {
        await holdChannel(channelId, startMs + waitMs);
      }
      logger.warn(
        { method, channel_id: channelId, retry_after_ms: waitMs },
        "Slack rate limit",
      );
    }
    if (method === "chat.postMessage" && result.ok) {
      await holdChannel(channelId, startMs + postIntervalMs);
    }
    if (result.ok) await liftBlocks(channelId);
    return result;
  }

  async function sendCard(job: OutboxRow, card: CardRow): Promise<JobOutcome> {
    const incidentId = job.incident_id as string;
    const channelId = job.channel_id;
    if (card.ts) {
      // An edit that the budget would refuse: do not load and render it only to find out.
      const early = budget.waitFor("chat.update", now().getTime());
      if (early > 0) return { kind: "wait", ms: early };
    }
    const snapshot = await loadSnapshot(incidentId);
    if (!snapshot) return { kind: "blocked" };
    const enriched = await enrichSafely(snapshot);
    const nowD = now();
    const render = (withoutButtons: boolean) =>
      tryRender(() =>
        renderer.card(enriched.snapshot, {
          kind: card.kind,
          now: nowD,
          mentions: enriched.mentions,
          withoutButtons,
        })
      );
    const rendered = render(buttonsRefused);
    if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
    const message = rendered.value;
    /**
     * Posts or edits the card; when Slack refuses it and it has buttons, sends it again without them, and
     * remembers the refusal only if that is taken (else the refusal was about something else).
     */
    const callCard = async <T>(
      method: "chat.postMessage" | "chat.update",
      args: Record<string, unknown>,
    ) => {
      const first = await call<T>(method, channelId, { ...args, ...message });
      if (first.ok || !mayRefuseButtons(first.error, message)) return first;
      const plain = render(true);
      if (!plain.ok) return first;
      const second = await call<T>(method, channelId, {
        ...args,
        ...plain.value,
      });
      if (second.ok) await rememberRefusedButtons(method, first.error.error);
      return second;
    };
    /** An update of this card's row. */
    const where = (query: ReturnType<typeof db.updateTable<"cards">>) =>
      query.where("incident_id", "=", incidentId)
        .where("channel_id", "=", channelId);

    let ts = card.ts;
    if (!ts) {
      const wait = await postWait(channelId, nowD.getTime());
      if (wait > 0) return { kind: "wait", ms: wait };
      // The right to post: exactly one claimant per card, across replicas; a dead claimant's claim expires.
      const claimed = await where(db.updateTable("cards"))
        .set((eb) => ({
          claimed_by: instanceId,
          claimed_at: nowD.toISOString(),
          post_attempts: eb("post_attempts", "+", 1),
        }))
        .where("ts", "is", null)
        .where((eb) =>
          eb.or([
            eb("claimed_by", "is", null),
            eb("claimed_by", "=", instanceId),
            eb("claimed_at", "<", iso(nowD.getTime() - leaseMs)),
          ])
        )
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return { kind: "blocked" };
      if (card.post_attempts > 0) {
        // A previous attempt may have reached Slack: adopt that card instead of posting a second one.
        const found = await findPostedMessage(slack, {
          channelId,
          oldestSeconds: card.claimed_at
            ? Date.parse(card.claimed_at) / 1000 - 60
            : undefined,
          matches: (metadata) =>
            metadata.event_type === CARD_METADATA_EVENT_TYPE &&
            metadata.event_payload?.incident_id === incidentId,
        });
        if (!found.ok) return { kind: "error", error: found.error };
        if (found.data.ts) {
          logger.info({
            incident_id: incidentId,
            channel_id: channelId,
            ts: found.data.ts,
          }, "adopted card posted before a crash");
          ts = found.data.ts;
          await where(db.updateTable("cards"))
            .set({ ts, claimed_by: null }).execute();
        }
      }
      if (!ts) {
        const posted = await callCard<{ ts: string }>("chat.postMessage", {
          channel: channelId,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!posted.ok) {
          if (posted.error.outcome !== "retryable") {
            // Slack refused it: nothing was posted, so no search is needed next time.
            await where(db.updateTable("cards"))
              .set((eb) => ({ post_attempts: eb("post_attempts", "-", 1) }))
              .execute();
          }
          return { kind: "error", error: posted.error };
        }
        await afterCardPosted?.({ incidentId, channelId, ts: posted.data.ts });
        await where(db.updateTable("cards")).set({
          ts: posted.data.ts,
          claimed_by: null,
          rendered_version: card.version,
        }).execute();
        logger.info({
          incident_id: incidentId,
          channel_id: channelId,
          ts: posted.data.ts,
        }, "card posted");
        return { kind: "done", sent: 1 };
      }
    }

    const wait = budget.waitFor("chat.update", nowD.getTime());
    if (wait > 0) return { kind: "wait", ms: wait };
    const updated = await callCard("chat.update", { channel: channelId, ts });
    if (!updated.ok && updated.error.error === "message_not_found") {
      // Someone deleted the card: the incident must still be in the channel, so post a new one (no search:
      // the old message is known to be gone).
      logger.warn(
        { incident_id: incidentId, channel_id: channelId, ts },
        "card was deleted in Slack; posting it again",
      );
      await where(db.updateTable("cards"))
        .set({ ts: null, claimed_by: null, post_attempts: 0 }).execute();
      return await sendCard(job, { ...card, ts: null, post_attempts: 0 });
    }
    if (!updated.ok) return { kind: "error", error: updated.error };
    await where(db.updateTable("cards"))
      .set({ rendered_version: card.version }).execute();
    logger.info(
      { incident_id: incidentId, channel_id: channelId, ts },
      "card updated",
    );
    return { kind: "done", sent: 1 };
  }

  async function rememberRefusedButtons(method: string, error: string) {
    buttonsRefused = true;
    if (!await rememberButtonsRefusal(db, { method, error }, now())) return;
    logger.error(
      { method, error },
      `Slack refused the card buttons (${method}: ${error}): cards are posted without them from now on, with their "Open in PagerDuty" link. Run \`doctor --probe-buttons CHANNEL\` to try again; when Slack takes a button, cards get theirs back.`,
    );
  }

  async function sendUpdate(job: OutboxRow): Promise<JobOutcome> {
    const incidentId = job.incident_id as string;
    const channelId = job.channel_id;
    const payload = JSON.parse(job.payload) as UpdatePayload;
    const card = await db.selectFrom("cards").selectAll()
      .where("incident_id", "=", incidentId).where("channel_id", "=", channelId)
      .executeTakeFirst();
    if (!card?.ts) {
      const cardJob = await db.selectFrom("outbox").select("status")
        .where("dedupe_key", "=", cardJobKey(incidentId, channelId))
        .executeTakeFirst();
      if (cardJob?.status === "pending") return { kind: "blocked" };
      // The card could not be posted (its error was recorded): the update has nothing to attach to.
      return {
        kind: "error",
        error: new SlackApiError({
          method: "chat.postMessage",
          error: "card_missing",
          outcome: "permanent",
        }),
      };
    }
    const inbox = await db.selectFrom("webhook_inbox").select("body")
      .where("event_id", "=", payload.event_id).executeTakeFirst();
    const snapshot = await loadSnapshot(incidentId);
    if (!inbox || !snapshot) return { kind: "blocked" };
    const log = {
      incident_id: incidentId,
      channel_id: channelId,
      event_id: payload.event_id,
      thread: payload.thread,
    };
    const thisJob = () => db.updateTable("outbox").where("id", "=", job.id);
    if (job.post_attempts > 0) {
      // An earlier attempt may have reached Slack (crash, timeout, 5xx after Slack acted): look first.
      const found = await findPostedMessage(slack, {
        channelId,
        ...(payload.thread ? { threadTs: card.ts } : {}),
        oldestSeconds: Date.parse(job.created_at) / 1000 - 60,
        matches: (metadata) =>
          metadata.event_type === UPDATE_METADATA_EVENT_TYPE &&
          metadata.event_payload?.event_id === payload.event_id,
      });
      if (!found.ok) return { kind: "error", error: found.error };
      if (found.data.ts) {
        logger.info(
          { ...log, ts: found.data.ts },
          "update was posted by an earlier attempt",
        );
        return { kind: "done", sent: 0 };
      }
    }
    const nowD = now();
    const wait = await postWait(channelId, nowD.getTime());
    if (wait > 0) return { kind: "wait", ms: wait };
    let cardPermalink: string | null = null;
    if (!payload.thread) {
      const link = await call<{ permalink: string }>(
        "chat.getPermalink",
        channelId,
        {
          channel: channelId,
          message_ts: card.ts,
        },
      );
      // Without a permalink the message still goes out, just without the link.
      if (link.ok) cardPermalink = link.data.permalink;
    }
    const { event } = JSON.parse(inbox.body) as WebhookEnvelope;
    const enriched = await enrichSafely(snapshot);
    const rendered = tryRender((): SlackMessage | null =>
      renderer.update(
        event,
        enriched.snapshot,
        { cardPermalink, now: nowD, mentions: enriched.mentions },
      )
    );
    if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
    const message = rendered.value;
    if (!message) return { kind: "done", sent: 0 };
    await thisJob().set((eb) => ({
      post_attempts: eb("post_attempts", "+", 1),
    }))
      .execute();
    const posted = await call<{ ts: string }>("chat.postMessage", channelId, {
      channel: channelId,
      ...message,
      // Ours, whatever the renderer gave: never the card's type (an update must not be adopted as a card).
      metadata: {
        event_type: UPDATE_METADATA_EVENT_TYPE,
        event_payload: {
          incident_id: incidentId,
          event_id: payload.event_id,
          event_type: event.event_type,
        },
      },
      ...(payload.thread ? { thread_ts: card.ts, reply_broadcast: false } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!posted.ok) {
      if (posted.error.outcome !== "retryable") {
        // Slack refused it (or asked us to wait): nothing was posted, so no search is needed next time.
        await thisJob().set((eb) => ({
          post_attempts: eb("post_attempts", "-", 1),
        })).execute();
      }
      return { kind: "error", error: posted.error };
    }
    await afterUpdatePosted?.({ ...log, ts: posted.data.ts });
    logger.info(log, "update posted");
    return { kind: "done", sent: 1 };
  }

  /**
   * Tells a channel once when its cards fall behind, and once when they catch up. The flag flips only once the
   * notice is posted, so a notice that Slack failed to take (an outage is when cards fall behind) is tried
   * again on the next pass. The channel lease makes this replica the only one deciding.
   */
  async function lagNotice(channelId: string, nowMs: number) {
    const [oldest, channel] = await Promise.all([
      db.selectFrom("outbox")
        .select((eb) => eb.fn.min("enqueued_at").as("oldest"))
        .where("channel_id", "=", channelId).where("status", "=", "pending")
        .executeTakeFirst(),
      db.selectFrom("channels").select("behind")
        .where("channel_id", "=", channelId).executeTakeFirst(),
    ]);
    const lag = oldest?.oldest ? nowMs - Date.parse(oldest.oldest) : 0;
    const behind = lag > lagNoticeMs;
    if ((channel?.behind === 1) === behind) return;
    const posted = await call("chat.postMessage", channelId, {
      channel: channelId,
      text: behind ? BEHIND_NOTICE : RECOVERED_NOTICE,
    });
    if (!posted.ok) {
      logger.warn(
        { channel_id: channelId, error: posted.error.error, behind },
        "lag notice not posted; will try again",
      );
      return;
    }
    logger.warn(
      { channel_id: channelId, lag_ms: lag, behind },
      behind ? "channel behind" : "channel caught up",
    );
    await db.updateTable("channels")
      .set({ behind: behind ? 1 : 0, behind_changed_at: iso(nowMs) })
      .where("channel_id", "=", channelId).execute();
  }

  async function finish(job: OutboxRow, nowMs: number) {
    metrics.webhookToCardLag.observe(
      (nowMs - Date.parse(job.enqueued_at)) / 1000,
    );
    // A change that arrived while we were sending bumped the version: keep the job for the newer state.
    const done = await db.updateTable("outbox")
      .set({ status: "done", last_error: null })
      .where("id", "=", job.id).where("version", "=", job.version)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  /** Parks the work of the token or channel Slack refused; says so once per block, not per job. */
  async function park(job: OutboxRow, error: SlackApiError, nowMs: number) {
    const workspace = error.outcome === "workspace_blocked";
    const fresh = await parkDelivery(db, {
      scope: workspace ? "workspace" : "channel",
      key: workspace ? WORKSPACE_BLOCK_KEY : job.channel_id,
      error: error.error,
      token_fingerprint: tokenFingerprint,
      retry_at: iso(nowMs + blockRetryMs),
      now: new Date(nowMs),
    });
    // The job itself is fine: it waits unchanged (no attempt counted), and shows why in `last_error`.
    await db.updateTable("outbox").set({ last_error: error.error })
      .where("id", "=", job.id).execute();
    if (!fresh) return;
    metrics.deliveryBlocks.inc({
      scope: workspace ? "workspace" : "channel",
      error: error.error,
    });
    if (workspace) {
      logger.error(
        { method: error.method, error: error.error },
        `Slack refused the bot token (${error.error}): every Slack delivery is parked and webhooks are still accepted. Set SLACK_BOT_TOKEN to a working bot token of the bridge's Slack app (with every scope of bridge/slack-app-manifest.json) and restart; parked cards and updates are then delivered. Tried again every ${
          Math.round(blockRetryMs / 1000)
        } s meanwhile.`,
      );
    } else {
      logger.error(
        {
          channel_id: job.channel_id,
          method: error.method,
          error: error.error,
        },
        `Slack refused posting in channel ${job.channel_id} (${error.error}): its deliveries are parked. Invite the bridge's bot to the channel (or unarchive it) and save its connection again in the Connect workflow; tried again every ${
          Math.round(blockRetryMs / 1000)
        } s meanwhile.`,
      );
    }
  }

  async function setAsideUnrenderable(job: OutboxRow, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    metrics.permanentErrors.inc({ error: "unrenderable" });
    logger.error(
      {
        incident_id: job.incident_id,
        channel_id: job.channel_id,
        job: job.kind,
        err: cause,
      },
      `could not render ${job.kind} for incident ${job.incident_id}: set aside, other work goes on`,
    );
    await db.updateTable("outbox")
      .set({
        status: "failed",
        attempts: job.attempts + 1,
        last_error: `unrenderable: ${message}`.slice(0, 500),
      })
      .where("id", "=", job.id).where("version", "=", job.version).execute();
  }

  async function recordError(
    job: OutboxRow,
    error: SlackApiError,
    nowMs: number,
  ): Promise<ErrorEffect> {
    const log = {
      incident_id: job.incident_id,
      channel_id: job.channel_id,
      job: job.kind,
      method: error.method,
      error: error.error,
    };
    switch (error.outcome) {
      case "rate_limited":
        await db.updateTable("outbox")
          .set({ available_at: iso(nowMs + (error.retryAfterMs ?? 1000)) })
          .where("id", "=", job.id).execute();
        return "stop_channel";
      case "workspace_blocked":
      case "channel_blocked":
        await park(job, error, nowMs);
        return "stop_channel";
      case "permanent":
        metrics.permanentErrors.inc({ error: error.error });
        logger.error(
          log,
          `Slack refused ${job.kind} for channel ${job.channel_id}: ${error.error}; not retrying`,
        );
        await db.updateTable("outbox")
          .set({
            status: "failed",
            attempts: job.attempts + 1,
            last_error: error.error,
          })
          .where("id", "=", job.id).where("version", "=", job.version)
          .execute();
        return "continue";
      case "retryable": {
        // Slack (or the way to it) is failing: never the end of a card or update. Back off to the cap and keep
        // trying; the retention window's pruning gives up on what is still pending after it.
        const attempts = job.attempts + 1;
        const delay = backoffDelay(attempts, retry);
        logger.warn(
          { ...log, attempts, retry_in_ms: delay },
          "Slack call failed, will retry",
        );
        await db.updateTable("outbox")
          .set({
            attempts,
            available_at: iso(nowMs + delay),
            last_error: error.error,
          })
          .where("id", "=", job.id).execute();
        return "continue";
      }
    }
  }

  async function processChannel(
    channelId: string,
  ): Promise<{ sent: number; waitMs: number | null }> {
    const startMs = now().getTime();
    await db.insertInto("channels").values({
      channel_id: channelId,
      locked_by: null,
      locked_until: null,
      next_post_at: iso(0),
      behind: 0,
      behind_changed_at: null,
    }).onConflict((oc) => oc.doNothing()).execute();
    const lease = await db.updateTable("channels")
      .set({ locked_by: instanceId, locked_until: iso(startMs + leaseMs) })
      .where("channel_id", "=", channelId)
      .where((eb) =>
        eb.or([
          eb("locked_until", "is", null),
          eb("locked_until", "<", iso(startMs)),
          eb("locked_by", "=", instanceId),
        ])
      ).executeTakeFirst();
    if (Number(lease.numUpdatedRows) === 0) return { sent: 0, waitMs: null };
    let sent = 0;
    let waitMs: number | null = null;
    let stopped = false;
    try {
      // While Slack refuses this channel or the token, a notice would only be refused too.
      if (!parked.workspace && !parked.channels.has(channelId)) {
        await lagNotice(channelId, startMs);
      }
      const jobs = await db.selectFrom("outbox").selectAll()
        .where("channel_id", "=", channelId).where("status", "=", "pending")
        .orderBy("id").limit(100).execute();
      // Order matters within an incident (card before its thread replies); one incident waiting never holds up
      // the others in the channel.
      const blocked = new Set<string>();
      for (const job of jobs) {
        const incident = job.incident_id ?? "";
        if (blocked.has(incident)) continue;
        const nowMs = now().getTime();
        if (Date.parse(job.available_at) > nowMs) {
          blocked.add(incident);
          const due = Date.parse(job.available_at) - nowMs;
          waitMs = Math.min(waitMs ?? due, due);
          continue;
        }
        let outcome: JobOutcome;
        if (job.kind === "card") {
          const card = await db.selectFrom("cards").selectAll()
            .where("incident_id", "=", incident).where(
              "channel_id",
              "=",
              channelId,
            )
            .executeTakeFirst();
          outcome = card ? await sendCard(job, card) : { kind: "blocked" };
        } else {
          outcome = await sendUpdate(job);
        }
        if (outcome.kind === "done") {
          sent += outcome.sent;
          if (!(await finish(job, now().getTime()))) blocked.add(incident);
        } else if (outcome.kind === "wait") {
          waitMs = Math.min(waitMs ?? outcome.ms, outcome.ms);
          break;
        } else if (outcome.kind === "blocked") {
          blocked.add(incident);
        } else if (outcome.kind === "unrenderable") {
          await setAsideUnrenderable(job, outcome.cause);
        } else {
          const effect = await recordError(job, outcome.error, now().getTime());
          if (outcome.error.outcome !== "permanent") blocked.add(incident);
          if (outcome.error.outcome === "rate_limited") {
            const ms = outcome.error.retryAfterMs ?? 1000;
            waitMs = Math.min(waitMs ?? ms, ms);
          }
          if (effect === "stop_channel") {
            stopped = true;
            break;
          }
        }
      }
      // Caught up during this pass: say so now rather than on the next one.
      if (!stopped) await lagNotice(channelId, now().getTime());
    } finally {
      await db.updateTable("channels")
        .set({ locked_by: null, locked_until: null })
        .where("channel_id", "=", channelId).where("locked_by", "=", instanceId)
        .execute();
    }
    return { sent, waitMs };
  }

  return {
    instanceId,
    async runOnce() {
      const nowMs = now().getTime();
      const nowIso = iso(nowMs);
      const blocks = await readDeliveryBlocks(db);
      buttonsRefused = await readButtonsRefusal(db) !== null;
      let workspace = blocks.workspace;
      if (workspace && workspace.token_fingerprint !== tokenFingerprint) {
        // Someone configured another token since Slack refused the last one: try it now.
        await clearDeliveryBlock(db, "workspace", WORKSPACE_BLOCK_KEY);
        logger.info(
          { refused: workspace.error },
          "a different Slack bot token is configured: delivering parked work",
        );
        workspace = null;
      }
      const retryDue = (block: { retry_at: string }) =>
        Date.parse(block.retry_at) <= nowMs;
      parked.workspace = workspace !== null;
      parked.channels = new Set(blocks.channels.keys());
      const blockWaits = [
        ...blocks.channels.values(),
        ...(workspace ? [workspace] : []),
      ]
        .map((b) => Math.max(0, Date.parse(b.retry_at) - nowMs));

      let channels: string[] = [];
      if (!workspace || retryDue(workspace)) {
        const due = await db.selectFrom("outbox").select("channel_id")
          .distinct()
          .where("status", "=", "pending").where("available_at", "<=", nowIso)
          .execute();
        const behind = await db.selectFrom("channels").select("channel_id")
          .where("behind", "=", 1).execute();
        channels = [...new Set([...due, ...behind].map((r) => r.channel_id))]
          .filter((id) => {
            const block = blocks.channels.get(id);
            return !block || retryDue(block);
          });
        // While the token is refused, one channel tries it: every other call would only be refused too.
        if (workspace) channels = channels.slice(0, 1);
      }
      const results = await Promise.all(channels.map(processChannel));
      const depth = await db.selectFrom("outbox")
        .select((
          eb,
        ) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.min("available_at").as("next"),
        ])
        .where("status", "=", "pending").executeTakeFirst();
      const pending = Number(depth?.n ?? 0);
      metrics.outboxDepth.set(pending);
      const sent = results.reduce((n, r) => n + r.sent, 0);
      if (pending === 0) return { sent, nextInMs: null };
      const waits = [
        ...results.flatMap((r) => r.waitMs === null ? [] : [r.waitMs]),
        ...blockWaits.filter((ms) => ms > 0),
      ];
      const nextDue = depth?.next
        ? Math.max(0, Date.parse(depth.next) - now().getTime())
        : 0;
      return {
        sent,
        nextInMs: Math.min(
          nextDue > 0 ? nextDue : Infinity,
          ...waits,
          sent > 0 ? 0 : leaseMs,
        ),
      };
    },
  };
}
