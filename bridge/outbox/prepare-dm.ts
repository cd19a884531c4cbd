// What a DM card (a card whose channel is a Slack user id, bridge/jobs/is-dm-target.ts) needs before the usual
// card delivery: the IM to post in (conversations.open with `users`, as Slack documents for DMs from an app, then
// remembered), the recipient's PagerDuty user (their card while assigned), and the channel card's permalink.
// A person Slack will not let the bot DM (deactivated, a bot, a missing im:write scope) costs one call and one log
// line, then nothing more until they save their choice again: no retry storm.
import type { CardRow } from "../db/database.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";
import {
  readDmTarget,
  recordDmTarget,
} from "../dms/notification-preference-store.ts";
import { cardPermalink } from "./card-permalink.ts";
import type { JobOutcome } from "./job-outcome.ts";
import { inSenderWorkspace, type SenderContext } from "./sender-context.ts";

export interface DmTarget {
  /** The IM (D…) the card is posted in. */
  imChannelId: string;
  recipientPagerDutyUserId: string;
  channelCardPermalink: string | null;
}

export type PreparedDm =
  | { ok: true; dm: DmTarget }
  | { ok: false; outcome: JobOutcome };

/** Finished without a Slack post: there is nobody (any longer) to DM, or Slack refuses them. */
const DROPPED: PreparedDm = { ok: false, outcome: { kind: "done", sent: 0 } };

/** Said once per process: every DM would meet it until the app is reinstalled. */
let missingScopeLogged = false;

export async function prepareDm(
  ctx: SenderContext,
  card: CardRow,
): Promise<PreparedDm> {
  const { db, paced, logger } = ctx;
  const userId = card.channel_id;
  const log = { incident_id: card.incident_id, slack_user_id: userId };
  const target = await readDmTarget(db, card.team_id, userId);
  if (!target || target.dm_refused || !target.pagerduty_user_id) {
    logger.debug(log, "incident DM dropped: the person has no DMs to receive");
    return DROPPED;
  }
  let imChannelId = target.im_channel_id;
  if (!imChannelId) {
    const opened = await paced.call<{ channel: { id: string } }>(
      "conversations.open",
      userId,
      { users: userId },
    );
    if (!opened.ok) {
      const { error } = opened;
      if (error.error === "missing_scope") {
        if (!missingScopeLogged) {
          missingScopeLogged = true;
          logger.error(
            { method: error.method, error: error.error },
            "Slack refused conversations.open (missing_scope): the bridge's Slack app needs the im:write and im:history scopes for incident DMs. Add them (bridge/slack-app-manifest.json) and reinstall the app; until then no incident DM is sent, channel cards are not affected.",
          );
        }
        return DROPPED;
      }
      if (error.outcome !== "permanent") {
        return { ok: false, outcome: { kind: "error", error } };
      }
      await recordDmTarget(db, card.team_id, userId, { refused: error.error });
      logger.warn(
        { ...log, error: error.error },
        `Slack will not let the bot DM ${userId} (${error.error}): no incident DMs are sent to them until they save their choice in "My notifications" again`,
      );
      return DROPPED;
    }
    imChannelId = opened.data.channel.id;
    await recordDmTarget(db, card.team_id, userId, { imChannelId });
  }
  // The incident's card in a channel of the same workspace, once posted. Its team may be none where the DM's is
  // SLACK_BOT_TOKEN's (a connection saved before auth.test answered): the same workspace, this sender's.
  const channelCards = await db.selectFrom("cards")
    .select(["channel_id", "ts", "team_id"])
    .where("incident_id", "=", card.incident_id)
    .where("ts", "is not", null)
    .orderBy("channel_id").execute();
  const shown = channelCards.find((c) =>
    !isDmTarget(c.channel_id) &&
    inSenderWorkspace(ctx.pass, c.team_id, card.team_id)
  );
  return {
    ok: true,
    dm: {
      imChannelId,
      recipientPagerDutyUserId: target.pagerduty_user_id,
      channelCardPermalink: shown?.ts
        ? await cardPermalink(paced, shown.channel_id, shown.ts)
        : null,
    },
  };
}
