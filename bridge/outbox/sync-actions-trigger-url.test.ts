import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderBlocks } from "../../test/simulators/slack/render-transcript.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  readButtonsRefusal,
  rememberButtonsRefusal,
} from "./buttons-refused.ts";
import {
  ACTIONS_TRIGGER_URL,
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";
import { sharedCardRenderer } from "./shared-card-renderer.ts";
import { syncActionsTriggerUrl } from "./sync-actions-trigger-url.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const BUTTONS = "[Acknowledge] [Resolve] [More actions…]";

describe.each(dialects)(
  "the actions trigger URL the cards were rendered with, on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let h: Harness;
      beforeEach(async () => {
        h = await startHarness(dialect);
      });
      afterEach(() => h.close());

      /** What the bridge does when it starts with `url`: sync, then send with a renderer bound to it. */
      const start = async (url: string | null) => {
        const sync = await syncActionsTriggerUrl(
          h.database.db,
          url,
          new Date(h.clock.ms),
        );
        await h.flush(h.sender({ renderer: sharedCardRenderer(url) }));
        return sync;
      };
      const cards = () => h.slack.transcript(h.channel);
      const shown = (i: number) => renderBlocks(cards()[i]?.blocks ?? []);

      it("gives open cards their buttons once the URL is set, and leaves resolved ones alone", async () => {
        await h.connect({ events: [] });
        await start(null);
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
          makeIncidentEvent("incident.triggered", {
            occurred_at: at(1),
            incident: { id: "PINC002", number: 1043 },
          }),
        );
        await h.flush(h.sender({ renderer: sharedCardRenderer(null) }));
        h.clock.ms += 5_000;
        await h.deliver(
          makeIncidentEvent("incident.resolved", {
            occurred_at: at(5),
            incident: { id: "PINC002", number: 1043 },
          }),
        );
        await h.flush(h.sender({ renderer: sharedCardRenderer(null) }));
        expect(cards()).toHaveLength(2);
        expect(shown(0)).not.toContain(BUTTONS);
        const resolvedBefore = cards()[1]!;

        h.clock.ms += 60_000;
        expect(await start(ACTIONS_TRIGGER_URL)).toEqual({
          changed: true,
          previous: null,
          cards: 1,
        });
        expect(cards()).toHaveLength(2);
        expect(shown(0)).toContain(BUTTONS);
        expect(cards()[1]).toEqual(resolvedBefore);

        // The same URL at the next start: nothing to redo.
        const edits = cards()[0]!.edits.length;
        expect(await start(ACTIONS_TRIGGER_URL)).toEqual({ changed: false });
        expect(cards()[0]!.edits).toHaveLength(edits);
      });

      it("takes the buttons off again when the URL is removed", async () => {
        await h.connect({ events: [] });
        await start(ACTIONS_TRIGGER_URL);
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush(
          h.sender({ renderer: sharedCardRenderer(ACTIONS_TRIGGER_URL) }),
        );
        expect(shown(0)).toContain(BUTTONS);
        h.clock.ms += 60_000;
        expect(await start(null)).toMatchObject({ changed: true, cards: 1 });
        expect(shown(0)).not.toContain(BUTTONS);
      });

      it("tries the buttons again with a different URL after Slack refused them", async () => {
        await start(ACTIONS_TRIGGER_URL);
        await rememberButtonsRefusal(h.database.db, {
          method: "chat.postMessage",
          error: "invalid_blocks",
        }, new Date(h.clock.ms));
        await start("https://slack.com/shortcuts/Ft0OTHER/abc");
        expect(await readButtonsRefusal(h.database.db)).toBeNull();
      });
    });
  },
);
