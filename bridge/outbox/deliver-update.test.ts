import { describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  describeOnEachDatabase,
  makeIncidentEvent,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describeOnEachDatabase(dialects, "update delivery", (h) => {
  const { cards, outboxRows: status } = h;

  describe.each([
    { where: "in the card's thread", thread: true },
    { where: "in the channel", thread: false },
  ])("an update message $where", ({ thread }) => {
    const updates = () =>
      (thread ? cards()[0]!.replies : cards()).filter((m) =>
        m.text.includes("Rolled back the deploy")
      );
    const deliverNote = async () => {
      await h.connect({
        events: ["incident.annotated"],
        thread_updates: thread,
      });
      await h.deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      );
      await h.flush();
      await h.deliver(makeIncidentEvent("incident.annotated", {
        occurred_at: at(5),
        note: { content: "Rolled back the deploy" },
      }));
    };

    it("is not posted twice after a crash between Slack's answer and the job's completion", async () => {
      await deliverNote();
      h.clock.ms += 2_000; // past the channel's post pacing
      const crashing = h.sender({
        afterUpdatePosted: () => {
          throw new Error("process killed");
        },
      });
      await expect(crashing.runOnce()).rejects.toThrow("process killed");
      expect(updates()).toHaveLength(1);

      h.clock.ms += 60_000;
      await h.flush(h.sender());
      expect(updates()).toHaveLength(1);
      expect(updates()[0]!.text).toContain("Rolled back the deploy");
      expect(await status()).toMatchObject([
        { kind: "card", status: "done" },
        { kind: "update", status: "done" },
      ]);
    });

    it("is not posted twice when Slack posted it but the answer was a 5xx", async () => {
      await deliverNote();
      h.slack.injectFault({
        method: "chat.postMessage",
        kind: "http",
        status: 503,
        applied: true,
      });
      await h.flush();
      expect(updates()).toHaveLength(1);
      expect(
        h.slack.calls({
          method: thread ? "conversations.replies" : "conversations.history",
        }),
      ).toHaveLength(1);
      expect(await status()).toMatchObject([
        { kind: "card", status: "done" },
        { kind: "update", status: "done" },
      ]);
    });

    it("is posted on the next attempt when the 5xx meant nothing was posted", async () => {
      await deliverNote();
      h.slack.injectFault({
        method: "chat.postMessage",
        kind: "http",
        status: 503,
      });
      await h.flush();
      expect(updates()).toHaveLength(1);
      expect(updates()[0]!.metadata).toMatchObject({
        event_type: "pagerduty_incident_update",
        event_payload: { event_type: "incident.annotated" },
      });
    });
  });
});
