// The incident card sent to one person by direct message (Slack as a contact method, like PagerDuty's own DMs):
// the responder card itself, so it reads and acts the same, plus where the incident's channel card is. Once the
// incident is no longer theirs, it says who has it now and loses its buttons.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type { ContextBlock } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { renderCard, type RenderedCard } from "./render-card.ts";
import { type Mentions, userLabel } from "./user-label.ts";

export interface RenderDmCardOptions {
  /** The PagerDuty user the DM is for: their card while they are assigned. */
  recipientPagerDutyUserId: string;
  /** URL of the hosted app's "incident actions" link trigger; no buttons without it. */
  actionsTriggerUrl: string | null;
  /** The incident's card in a channel (chat.getPermalink), when there is one. */
  channelCardPermalink: string | null;
  mentions?: Mentions;
}

/** Whether the DM's recipient still has the incident (resolved incidents have no assignees in PagerDuty). */
export function isAssignedTo(
  snapshot: IncidentSnapshot,
  pagerDutyUserId: string,
): boolean {
  return snapshot.assignees.some((a) => a.id === pagerDutyUserId);
}

export function renderDmCard(
  snapshot: IncidentSnapshot,
  options: RenderDmCardOptions,
): RenderedCard {
  const reassigned = snapshot.status !== "resolved" &&
    !isAssignedTo(snapshot, options.recipientPagerDutyUserId);
  const card = renderCard(snapshot, {
    kind: "responder",
    // Someone else's incident now: the buttons are theirs to press, on their own card.
    actionsTriggerUrl: reassigned ? null : options.actionsTriggerUrl,
    mentions: options.mentions,
  });
  const notes: string[] = [];
  if (reassigned) {
    const to = snapshot.assignees.map((a) => userLabel(a, options.mentions));
    notes.push(
      to.length > 0
        ? `Reassigned to ${
          joinWithin(to, BLOCK_KIT_LIMITS.contextText - 200)
        }: this message no longer follows the incident`
        : "No longer assigned to you: this message no longer follows the incident",
    );
  }
  if (options.channelCardPermalink) {
    notes.push(
      mrkdwnLink(options.channelCardPermalink, "See it in the channel"),
    );
  }
  const blocks = [...card.blocks];
  if (notes.length > 0) {
    const context: ContextBlock = {
      type: "context",
      block_id: "pagerslack_dm_context",
      elements: notes.map((text) => ({ type: "mrkdwn", text })),
    };
    // After the card's own context, before its buttons (if any): the buttons stay the last row.
    const actionsAt = blocks.findIndex((b) => b.type === "actions");
    blocks.splice(actionsAt >= 0 ? actionsAt : blocks.length, 0, context);
  }
  return {
    ...card,
    text: reassigned ? `Reassigned: ${card.text}` : card.text,
    blocks,
  };
}
