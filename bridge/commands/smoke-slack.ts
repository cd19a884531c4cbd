// `smoke`'s Slack steps, in the test channel with the bridge's own bot token: the token and its scopes, then a
// card rendered like every card (with its workflow buttons to the hosted app's trigger) posted, edited, answered
// in its thread, found again through its metadata, and deleted. Whether Slack takes a classic app's
// workflow_button to a hosted app's link trigger is the one platform question no document settles
// (bridge/outbox/buttons-refused.ts), so it is asked of the real workspace before any incident depends on it.
import { BUTTON_REFUSAL_ERRORS } from "../outbox/buttons-refused.ts";
import { sharedCardRenderer } from "../outbox/shared-card-renderer.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { slackErrorOutcome } from "../slack/slack-errors.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import { probeSnapshot } from "./probe-buttons.ts";
import { checkSlack } from "./run-doctor.ts";
import { failed, passed, skipped, type SmokeStep } from "./smoke-step.ts";

/** The smoke card's metadata type: never taken for an incident's card (those are `pagerduty_incident`). */
export const SMOKE_METADATA_EVENT_TYPE = "pagerslack_smoke";

export const SLACK_STEPS = {
  token: "slack: bot token",
  scopes: "slack: bot scopes",
  card: "slack: card with workflow button",
  edit: "slack: card edited",
  reply: "slack: thread reply",
  metadata: "slack: card found by metadata",
} as const;

export interface SlackSmokeInput {
  slack: SlackClient;
  channel: string;
  /** SLACK_ACTIONS_TRIGGER_URL; null fails the card step (cards would carry no buttons). */
  triggerUrl: string | null;
  /** Tells this run's card from an earlier run's. */
  runId: string;
  /** Registers what to delete whatever happens later (run-smoke.ts runs them in its `finally`). */
  onCleanup: (name: string, work: () => Promise<string | null>) => void;
  now?: () => Date;
}

/** Slack's remedy for the errors an installer can fix, by outcome of bridge/slack/slack-errors.ts. */
function slackFix(error: string, channel: string): string | undefined {
  if (BUTTON_REFUSAL_ERRORS.has(error)) {
    return "Slack refused the workflow button: check that SLACK_ACTIONS_TRIGGER_URL is the URL `slack trigger create --trigger-def slack-app/triggers/incident-action-trigger.ts` printed for the deployed app (slack trigger list)";
  }
  switch (slackErrorOutcome(error)) {
    case "channel_blocked":
      return `invite the bridge's bot to ${channel} (/invite @PagerSlack), or pass a channel it can post in`;
    case "workspace_blocked":
      return "reinstall the bridge's Slack app and set SLACK_BOT_TOKEN to its bot token";
    default:
      return undefined;
  }
}

export async function smokeSlack(
  { slack, channel, triggerUrl, runId, onCleanup, now = () => new Date() }:
    SlackSmokeInput,
): Promise<SmokeStep[]> {
  // doctor's token check, its scopes then compared with what the bridge calls need.
  const { check, scopes: granted } = await checkSlack(slack);
  if (!check.ok) {
    return [
      failed(SLACK_STEPS.token, check.detail),
      ...[SLACK_STEPS.scopes, SLACK_STEPS.card, SLACK_STEPS.edit].map((s) =>
        skipped(s, "the bot token does not work")
      ),
    ];
  }
  const steps: SmokeStep[] = [passed(SLACK_STEPS.token, check.detail)];
  const missing = SLACK_SCOPES_USED.filter((s) => !granted?.includes(s));
  steps.push(
    granted === undefined
      ? failed(
        SLACK_STEPS.scopes,
        "Slack did not list the token's scopes (no X-OAuth-Scopes header)",
        "check that SLACK_API_URL is Slack's (https://slack.com/api/)",
      )
      : missing.length > 0
      ? failed(
        SLACK_STEPS.scopes,
        `missing_scope: the token lacks ${missing.join(", ")}`,
        "add them to the bridge's Slack app (bridge/slack-app-manifest.json) and reinstall it",
      )
      : passed(
        SLACK_STEPS.scopes,
        `all ${SLACK_SCOPES_USED.length} the manifest asks for`,
      ),
  );
  if (triggerUrl === null) {
    steps.push(
      failed(
        SLACK_STEPS.card,
        "SLACK_ACTIONS_TRIGGER_URL is not set: cards have no buttons",
        "deploy the Slack app, create its incident-actions trigger and set the URL",
      ),
    );
    return steps;
  }
  const rendered = sharedCardRenderer(triggerUrl).card(probeSnapshot(now()), {
    kind: "responder",
    now: now(),
    mentions: {},
  });
  const metadata = {
    event_type: SMOKE_METADATA_EVENT_TYPE,
    event_payload: { run_id: runId },
  };
  const posted = await slack.call<{ ts: string }>("chat.postMessage", {
    channel,
    text: rendered.text,
    blocks: rendered.blocks,
    metadata,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ok) {
    const error = posted.error.error;
    steps.push(
      failed(
        SLACK_STEPS.card,
        `chat.postMessage: ${error}`,
        slackFix(error, channel),
      ),
    );
    return steps;
  }
  const ts = posted.data.ts;
  onCleanup(
    "slack: test card deleted",
    () => deleteMessage(slack, channel, ts),
  );
  steps.push(
    passed(SLACK_STEPS.card, `Slack took it in ${channel} (ts ${ts})`),
  );

  const edited = await slack.call("chat.update", {
    channel,
    ts,
    text: `${rendered.text} (edited)`,
    blocks: rendered.blocks,
    metadata,
  });
  steps.push(
    edited.ok
      ? passed(SLACK_STEPS.edit, "chat.update took the card with its buttons")
      : failed(
        SLACK_STEPS.edit,
        `chat.update: ${edited.error.error}`,
        slackFix(edited.error.error, channel),
      ),
  );

  const reply = await slack.call<{ ts: string }>("chat.postMessage", {
    channel,
    thread_ts: ts,
    text: "pagerslack smoke test: a thread update (deleted at once)",
  });
  if (reply.ok) {
    const replyTs = reply.data.ts;
    onCleanup(
      "slack: test reply deleted",
      () => deleteMessage(slack, channel, replyTs),
    );
  }
  steps.push(
    reply.ok
      ? passed(SLACK_STEPS.reply, "posted in the card's thread")
      : failed(
        SLACK_STEPS.reply,
        `chat.postMessage: ${reply.error.error}`,
        slackFix(reply.error.error, channel),
      ),
  );

  const found = await findByMetadata(
    slack,
    channel,
    (m) =>
      m.metadata?.event_type === SMOKE_METADATA_EVENT_TYPE &&
      m.metadata.event_payload?.run_id === runId,
  );
  steps.push(
    found.ok
      ? found.message
        ? passed(SLACK_STEPS.metadata, "conversations.history returned it")
        : failed(
          SLACK_STEPS.metadata,
          "conversations.history did not return the card's metadata",
          "the bridge finds its cards by metadata after a restart: report this to the project",
        )
      : failed(
        SLACK_STEPS.metadata,
        `conversations.history: ${found.error}`,
        slackFix(found.error, channel),
      ),
  );
  return steps;
}

export interface HistoryMessage {
  ts: string;
  text?: string;
  metadata?: {
    event_type?: string;
    event_payload?: Record<string, unknown>;
  };
}

/** The newest message of the channel's last page that `match`es, as the bridge looks for its cards. */
export async function findByMetadata(
  slack: SlackClient,
  channel: string,
  match: (message: HistoryMessage) => boolean,
): Promise<
  { ok: true; message: HistoryMessage | undefined } | {
    ok: false;
    error: string;
  }
> {
  const history = await slack.call<{ messages?: HistoryMessage[] }>(
    "conversations.history",
    { channel, include_all_metadata: true, limit: 100 },
  );
  if (!history.ok) return { ok: false, error: history.error.error };
  return { ok: true, message: (history.data.messages ?? []).find(match) };
}

/** A cleanup's outcome: null when done, else what the installer must do by hand. */
export async function deleteMessage(
  slack: SlackClient,
  channel: string,
  ts: string,
): Promise<string | null> {
  const deleted = await slack.call("chat.delete", { channel, ts });
  return deleted.ok || deleted.error.error === "message_not_found"
    ? null
    : `chat.delete: ${deleted.error.error}: delete message ${ts} in ${channel} by hand`;
}
