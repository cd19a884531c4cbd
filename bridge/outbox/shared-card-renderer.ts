// Binds the sender's CardRenderer to the shared renderer (shared/cards/), which both runtimes use.
import { renderCard } from "../../shared/cards/render-card.ts";
import { renderUpdate } from "../../shared/cards/render-update.ts";
import { renderDigest } from "../../shared/cards/render-digest.ts";
import { renderDmCard } from "../../shared/cards/render-dm-card.ts";
import type { CardRenderer } from "./card-renderer.ts";

/** `actionsTriggerUrl` null (the Slack app is not deployed yet): cards without buttons. */
export function sharedCardRenderer(
  actionsTriggerUrl: string | null,
): CardRenderer {
  return {
    card: (snapshot, { kind, mentions, withoutButtons, alertContext }) =>
      renderCard(snapshot, {
        kind,
        actionsTriggerUrl: withoutButtons ? null : actionsTriggerUrl,
        mentions,
        alertContext,
      }),
    dmCard: (snapshot, { withoutButtons, now: _now, ...options }) =>
      renderDmCard(snapshot, {
        ...options,
        actionsTriggerUrl: withoutButtons ? null : actionsTriggerUrl,
      }),
    update: (event, snapshot, { cardPermalink, mentions }) =>
      renderUpdate(event, snapshot, { cardPermalink, mentions }),
    digest: (lines, { withoutButtons, ...options }) =>
      renderDigest(lines, {
        ...options,
        actionsTriggerUrl: withoutButtons ? null : actionsTriggerUrl,
      }),
  };
}
