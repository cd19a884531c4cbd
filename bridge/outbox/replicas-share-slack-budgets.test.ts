// Issue 13: N replicas must not spend N times Slack's budget. Two senders on one PostgreSQL database (two
// replicas of the bridge) against a Slack simulator with tight per-method limits make no more calls per minute
// than one sender, draw no 429, and still bring every card to its end state.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlackCall } from "../../test/simulators/slack/dispatch-slack-call.ts";
import { UPDATE_METADATA_EVENT_TYPE } from "./deliver-update.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";

const postgres = (await testDialects()).find((d) => d.dialect === "postgres")!;

/** What the simulated Slack allows, and what the bridge is configured with (SLACK_METHOD_BUDGETS). */
const TIGHT = { "chat.update": 6, "chat.getPermalink": 1 };
const INCIDENTS = ["PINC101", "PINC102", "PINC103", "PINC104"];
const MINUTE = 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** The most calls any 60 s window holds (windows start at each call: the strictest reading of "per minute"). */
function mostInAMinute(calls: SlackCall[]): number {
  const times = calls.map((c) => c.time).sort((a, b) => a - b);
  return Math.max(
    0,
    ...times.map((t) => times.filter((u) => u >= t && u < t + MINUTE).length),
  );
}

describe.skipIf(postgres.skip !== null)(
  postgres.skip ?? "replicas sharing Slack's budgets on PostgreSQL",
  () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness(
        "postgres",
        { rateLimits: { mode: "realistic", perMinute: TIGHT } },
        { perMinute: TIGHT },
      );
    });
    afterEach(() => h.close());

    it.each([1, 2])(
      "%i replica(s): at most the budget per method and minute, no 429, every card resolved",
      async (replicas) => {
        const channels = [
          h.channel,
          ...["incidents-db", "incidents-web"].map((name) =>
            h.slack.createChannel({ name, members: [h.botUserId] }).id
          ),
        ];
        // Updates in the channel itself (each with the card's permalink) in one, in the card's thread in the others.
        for (const [i, channel] of channels.entries()) {
          await h.connect({
            channel_id: channel,
            events: ["incident.acknowledged", "incident.resolved"],
            thread_updates: i !== 1,
          });
        }
        const stages = [
          { atMs: 0, type: "incident.triggered" as const },
          { atMs: 20_000, type: "incident.acknowledged" as const },
          { atMs: 2 * MINUTE, type: "incident.resolved" as const },
        ];
        const senders = Array.from({ length: replicas }, () => h.sender());
        let stage = 0;
        const pending = async () =>
          Number(
            (await h.database.db.selectFrom("outbox")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("status", "=", "pending").executeTakeFirst())?.n ?? 0,
          );
        while (h.clock.ms < T0 + 60 * MINUTE) {
          while (
            stage < stages.length && stages[stage]!.atMs <= h.clock.ms - T0
          ) {
            const { type } = stages[stage]!;
            await h.deliver(
              ...INCIDENTS.map((id, n) =>
                makeIncidentEvent(type, {
                  id: `${type}-${id}`,
                  occurred_at: at(h.clock.ms - T0),
                  incident: { id, number: 101 + n },
                })
              ),
            );
            stage++;
          }
          // The replicas run at the same moment, racing for channels and budgets as real ones do.
          const results = await Promise.all(senders.map((s) => s.runOnce()));
          if (stage === stages.length && await pending() === 0) break;
          const waits = results.flatMap((r) =>
            r.nextInMs === null ? [] : [r.nextInMs]
          );
          const nextStage = stage < stages.length
            ? T0 + stages[stage]!.atMs - h.clock.ms
            : Infinity;
          h.clock.ms += Math.max(1, Math.min(nextStage, ...waits, MINUTE));
        }

        expect(await pending()).toBe(0);
        const calls = h.slack.calls();
        expect(calls.filter((c) => c.status === 429)).toEqual([]);
        for (const [method, perMinute] of Object.entries(TIGHT)) {
          const made = calls.filter((c) => c.method === method);
          expect(made.length, method).toBeGreaterThan(0);
          expect(mostInAMinute(made), method).toBeLessThanOrEqual(perMinute);
        }
        const cardsIn = (channel: string) =>
          h.slack.transcript(channel).filter((m) =>
            m.metadata?.event_type === "pagerduty_incident"
          );
        for (const channel of channels) {
          const cards = cardsIn(channel);
          expect(
            cards.map((c) => c.metadata?.event_payload?.incident_id).sort(),
          ).toEqual(INCIDENTS);
          for (const card of cards) {
            expect(card.metadata?.event_payload).toMatchObject({
              status: "resolved",
            });
          }
        }
        // Every update went out: in the channel itself in one (with the card's permalink while its budget of
        // one a minute allows; without it after), in the card's thread in the others.
        const [threaded, inChannel] = [channels[0]!, channels[1]!];
        expect(
          h.slack.transcript(inChannel).filter((m) =>
            m.metadata?.event_type === UPDATE_METADATA_EVENT_TYPE
          ),
        ).toHaveLength(2 * INCIDENTS.length);
        for (const card of cardsIn(threaded)) {
          expect(card.replies).toHaveLength(2);
        }
      },
    );
  },
);
