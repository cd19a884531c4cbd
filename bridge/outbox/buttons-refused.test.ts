import { afterEach, describe, expect, it } from "vitest";
import { renderBlocks } from "../../test/simulators/slack/render-transcript.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import { forgetButtonsRefusal, readButtonsRefusal } from "./buttons-refused.ts";
import {
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const BUTTONS = "[Acknowledge] [Resolve] [More actions…]";
const LINK =
  "<https://acme.pagerduty.com/incidents/PINC001|Open #1042 in PagerDuty>";

describe.each(dialects)(
  "cards whose buttons Slack refuses, on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let h: Harness;
      afterEach(() => h.close());

      const seen = (i = 0) =>
        renderBlocks(h.slack.transcript(h.channel)[i]?.blocks ?? []);
      /** Card posts and edits that reached Slack carrying a workflow button (taken or refused). */
      const triedWithButtons = () =>
        h.slack.calls().filter((c) =>
          (c.method === "chat.postMessage" || c.method === "chat.update") &&
          JSON.stringify(c.args).includes("workflow_button")
        ).length;

      it("posts the card without buttons, remembers it for later cards, and comes back after forgetting", async () => {
        h = await startHarness(dialect, {
          refuseWorkflowButtonsFromClassicApps: true,
        });
        await h.connect({ events: ["incident.acknowledged"] });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush();

        expect(h.slack.transcript(h.channel)).toHaveLength(1);
        expect(seen()).not.toContain(BUTTONS);
        // A responder can still act: the card links to the incident.
        expect(seen().join("\n")).toContain(LINK);
        expect(triedWithButtons()).toBe(1);
        expect(await readButtonsRefusal(h.database.db)).toMatchObject({
          value: { method: "chat.postMessage", error: "invalid_blocks" },
        });
        expect(
          await h.database.db.selectFrom("outbox").select("status")
            .execute(),
        ).toEqual([{ status: "done" }]);

        // Later edits and other incidents' cards go out without trying buttons first.
        h.clock.ms += 10_000;
        await h.deliver(
          makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
          makeIncidentEvent("incident.triggered", {
            occurred_at: at(11),
            incident: { id: "PINC002", number: 1043 },
          }),
        );
        await h.flush();
        expect(h.slack.transcript(h.channel)).toHaveLength(2);
        expect(seen(0).join("\n")).toContain("Acknowledged");
        expect(seen(1)).not.toContain(BUTTONS);
        expect(triedWithButtons()).toBe(1);

        // Once the refusal is forgotten (doctor --probe-buttons saw Slack take a button), buttons are back.
        h.slack.workspace.refuseWorkflowButtonsFromClassicApps = false;
        await forgetButtonsRefusal(h.database.db);
        h.clock.ms += 10_000;
        await h.deliver(
          makeIncidentEvent("incident.triggered", {
            occurred_at: at(30),
            incident: { id: "PINC003", number: 1044 },
          }),
        );
        await h.flush();
        expect(seen(2)).toContain(BUTTONS);
      });

      it("posts the card without buttons even when the refused try used the channel's last slot", async () => {
        // One post a minute: Slack's refusal of the card with buttons takes the slot, so the plain card must
        // wait for the next one. It must then go plain, not try the buttons again (each try costs the slot the
        // plain card needs, and the card would never be posted).
        h = await startHarness(dialect, {
          refuseWorkflowButtonsFromClassicApps: true,
        }, { perMinute: { "chat.postMessage": 1 } });
        await h.connect({ events: [] });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush(undefined, 20);

        expect(h.slack.transcript(h.channel)).toHaveLength(1);
        expect(seen()).not.toContain(BUTTONS);
        expect(seen().join("\n")).toContain(LINK);
        expect(triedWithButtons()).toBe(1);
        expect(await readButtonsRefusal(h.database.db)).toMatchObject({
          value: { method: "chat.postMessage", error: "invalid_blocks" },
        });
      });

      it("edits a card Slack took with buttons without them once Slack refuses them", async () => {
        h = await startHarness(dialect);
        await h.connect({ events: [] });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush();
        expect(seen()).toContain(BUTTONS);

        h.slack.workspace.refuseWorkflowButtonsFromClassicApps = true;
        h.clock.ms += 10_000;
        await h.deliver(
          makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
        );
        await h.flush();
        expect(h.slack.transcript(h.channel)).toHaveLength(1);
        expect(seen().join("\n")).toContain("Acknowledged");
        expect(seen()).not.toContain("[Resolve] [More actions…]");
        expect(await readButtonsRefusal(h.database.db)).toMatchObject({
          value: { method: "chat.update", error: "invalid_blocks" },
        });
      });

      it("does not blame the buttons when the card is refused without them too", async () => {
        h = await startHarness(dialect);
        await h.connect({ events: [] });
        h.slack.injectFault({
          method: "chat.postMessage",
          kind: "error",
          error: "invalid_blocks",
          times: 2,
        });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush();
        expect(h.slack.transcript(h.channel)).toHaveLength(0);
        expect(await readButtonsRefusal(h.database.db)).toBeNull();
        expect(
          await h.database.db.selectFrom("outbox")
            .select(["status", "last_error"]).execute(),
        ).toEqual([{ status: "failed", last_error: "invalid_blocks" }]);
      });

      it("sends a stakeholder card (no buttons) only once when Slack refuses it", async () => {
        h = await startHarness(dialect);
        await h.connect({ events: [], notification_type: "stakeholder" });
        h.slack.injectFault({
          method: "chat.postMessage",
          kind: "error",
          error: "invalid_blocks",
          times: 1,
        });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush();
        expect(h.slack.calls({ method: "chat.postMessage" })).toHaveLength(1);
        expect(await readButtonsRefusal(h.database.db)).toBeNull();
      });
    });
  },
);
