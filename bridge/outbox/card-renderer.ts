// The sender's view of the shared renderer (shared/cards/): what it needs to turn a snapshot or an update event
// into a Slack message. Kept as an interface so the sender does not depend on the renderer's options shape.
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import type { DigestLine } from "../../shared/cards/render-digest.ts";
import type { AlertContext } from "../../shared/pagerduty/read-alert-context.ts";

export interface SlackMessage {
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: object };
}

/** PagerDuty user id → Slack user id, for mentions. */
export type Mentions = Record<string, string>;

export interface CardRenderer {
  card(
    snapshot: IncidentSnapshot,
    options: {
      kind: "responder" | "stakeholder";
      now: Date;
      mentions: Mentions;
      /** Slack refused the card's buttons in this workspace (buttons-refused.ts): render it without them. */
      withoutButtons?: boolean;
      /** The first alert's context (bridge/enrichment/create-alert-contexts.ts); null until it is known. */
      alertContext?: AlertContext | null;
    },
  ): SlackMessage;
  /**
   * A DM card (shared/cards/render-dm-card.ts): the responder card for one person; renderers without one send
   * the responder card.
   */
  dmCard?(
    snapshot: IncidentSnapshot,
    options: {
      recipientPagerDutyUserId: string;
      channelCardPermalink: string | null;
      now: Date;
      mentions: Mentions;
      withoutButtons?: boolean;
    },
  ): SlackMessage;
  /** Null when the event type has no update message (the card covers it). */
  update(
    event: WebhookEvent,
    snapshot: IncidentSnapshot,
    options: {
      /** Link to the card, for updates posted to the channel rather than its thread. */
      cardPermalink: string | null;
      now: Date;
      mentions: Mentions;
    },
  ): SlackMessage | null;
  /**
   * A storm digest's messages, one per page (deliver-digest.ts); renderers without one get the shared digest
   * without buttons.
   */
  digest?(
    lines: readonly DigestLine[],
    options: {
      digestId: number;
      kind: "responder" | "stakeholder";
      asOf: Date;
      closed: boolean;
      minPages: number;
      withoutButtons?: boolean;
    },
  ): SlackMessage[];
}

/** The metadata event type that marks a message as an incident card (how a card is found again). */
export { CARD_METADATA_EVENT_TYPE } from "../../shared/cards/render-card.ts";
