// Issue 17: a storm of incidents on one service into one connected channel ends as ONE digest message (not a
// card each) showing PagerDuty's statuses, its "Acknowledge all open" acknowledges as the clicking user, and once
// the storm is over a single new incident gets its card again. Real bridge process, simulators with Slack's
// realistic limits (one post per second per channel).
import { describe, expect, it } from "vitest";
import { DIGEST_METADATA_EVENT_TYPE } from "../../shared/cards/render-digest.ts";
type TranscriptMessage = ReturnType<Stack["cards"]>[number];
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { waitFor } from "./wait-for.ts";

let s: Stack;
/** A short storm end, so the test sees a new incident get its card again. */
const QUIET_S = 3;
useStack((started) => (s = started), {
  slackRateLimits: "realistic",
  bridgeEnv: { STORM_DIGEST_QUIET_S: String(QUIET_S) },
});

const STORM = 40;
const digests = (channelId: string) =>
  s.slack.transcript(channelId).filter((m) =>
    m.metadata?.event_type === DIGEST_METADATA_EVENT_TYPE
  );
const shown = (message: TranscriptMessage) =>
  (message.metadata?.event_payload as {
    incidents: [string, string, string][];
  }).incidents;
const statusesIn = (channelId: string) =>
  new Map(
    digests(channelId).flatMap(shown).map(([id, status]) => [id, status]),
  );

describe("an incident storm", () => {
  it(
    "goes into one digest kept current, whose Acknowledge all acts as the clicking user",
    async () => {
      const channel = s.channels.responders;
      const incidents = Array.from(
        { length: STORM },
        (_, n) =>
          s.pd.triggerIncident({
            serviceId: s.demo.services.checkout,
            title: `db-${n} disk full`,
          }),
      );
      const ids = incidents.map((i) => i.id);
      // Every incident is shown: by the digest, or (the first ones, before the storm was recognised) a card.
      await waitFor(() => {
        const inDigest = statusesIn(channel);
        return ids.every((id) => inDigest.has(id) || s.card(channel, id));
      }, { what: "every storm incident in Slack", timeoutMs: 30_000 });
      expect(digests(channel)).toHaveLength(1);
      const cards = ids.filter((id) => s.card(channel, id));
      // Slack allows a burst of three posts: at most those go out before the storm is recognised.
      expect(cards.length).toBeLessThanOrEqual(3);
      expect(shown(digests(channel)[0]!).length).toBe(STORM - cards.length);

      // Changes in PagerDuty: the digest's lines follow.
      const listed = ids.filter((id) => !s.card(channel, id));
      const [acked, resolved, ...rest] = listed;
      s.pd.updateIncident(
        acked!,
        { status: "acknowledged" },
        s.demo.users.manager.id,
      );
      s.pd.updateIncident(resolved!, { status: "resolved" }, null);
      await waitFor(() => {
        const now = statusesIn(channel);
        return now.get(acked!) === "acknowledged" &&
          now.get(resolved!) === "resolved";
      }, { what: "the digest shows the new statuses", timeoutMs: 20_000 });
      await s.waitForQuiet({ timeoutMs: 30_000 });
      const digest = digests(channel)[0]!;
      expect(digests(channel)).toHaveLength(1);
      expect(s.cardText(digest)).toContain(
        `acknowledged by ${s.demo.users.manager.name}`,
      );

      // Acknowledge all open, as Rui.
      s.link("responder");
      const [button] = workflowButtons(digest);
      expect(button?.text.text).toBe(
        // Only the triggered ones: one of them was acknowledged and one resolved above.
        `Acknowledge all triggered (${STORM - cards.length - 2})`,
      );
      const buttonIds = button!.workflow.trigger.customizable_input_parameters
        ?.find((p) => p.name === "incident_id")?.value ?? "";
      const run = await s.pressButton({
        user: "responder",
        incidentId: buttonIds,
        action: "acknowledge_all",
        channelId: channel,
        messageTs: digest.ts,
      });
      expect(run.outputs["0"]).toEqual({ outcome: "done" });
      for (const id of rest) {
        expect(s.pd.incident(id)?.status).toBe("acknowledged");
        expect(s.pd.incident(id)?.acknowledgements.map((a) => a.userId))
          .toEqual([s.demo.users.responder.id]);
      }
      const bulk = s.pd.requests().filter((r) =>
        r.method === "PUT" && r.path === "/incidents"
      );
      expect(bulk).toHaveLength(1);
      expect(bulk[0]?.headers["from"]).toBe(s.demo.users.responder.email);
      expect(s.seenBy("responder").at(-1)).toContain(
        `You acknowledged ${rest.length} incidents`,
      );
      expect(s.pd.incident(acked!)?.acknowledgements.map((a) => a.userId))
        .toEqual([s.demo.users.manager.id]);
      expect(s.pd.incident(resolved!)?.status).toBe("resolved");
      await waitFor(() => {
        const now = statusesIn(channel);
        return rest.every((id) => now.get(id) === "acknowledged");
      }, { what: "the digest shows the bulk acknowledge", timeoutMs: 30_000 });
      // Still one digest, and acknowledging gave no incident a card of its own.
      expect(digests(channel)).toHaveLength(1);
      expect(ids.filter((id) => s.card(channel, id))).toHaveLength(
        cards.length,
      );

      // The storm is over once no incident joined for STORM_DIGEST_QUIET_S: the digest says so by itself, with
      // nothing else happening in the channel, and the next incident gets its own card.
      await waitFor(
        () =>
          JSON.stringify(digests(channel)[0]!.blocks).includes(
            "The storm is over",
          ),
        {
          what: "the digest says the storm is over",
          timeoutMs: (QUIET_S + 10) * 1000,
        },
      );
      const later = s.pd.triggerIncident({
        serviceId: s.demo.services.checkout,
        title: "Payments time out",
      });
      await s.waitForCard(channel, later.id, undefined, { timeoutMs: 20_000 });
      expect(statusesIn(channel).has(later.id)).toBe(false);
      expect(digests(channel)).toHaveLength(1);
    },
    120_000,
  );
});
