// Binds the sender's CardRenderer to the shared renderer (shared/cards/), which both runtimes use.
import { renderCard } from "../../shared/cards/render-card.ts";
import { renderUpdate } from "../../shared/cards/render-update.ts";
import type { CardRenderer } from "./card-renderer.ts";

export function sharedCardRenderer(actionsTriggerUrl: string): CardRenderer {
  return {
    card: (snapshot, { kind, now, mentions }) =>
      renderCard(snapshot, { kind, actionsTriggerUrl, now, mentions }),
    update: (event, snapshot, { cardPermalink, mentions }) =>
      renderUpdate(event, snapshot, { cardPermalink, mentions }),
  };
}
