import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe.each(dialects)(
  "paced Slack calls on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let h: Harness;
      beforeEach(async () => {
        h = await startHarness(dialect);
      });
      afterEach(() => h.close());

      const cards = () => h.slack.transcript(h.channel);

      // Slack: "1 per second per channel, short bursts >1 allowed". The gate allows a burst of 3 (the change
      // from a strict 1 s gap in issue 13), then one per second.
      it("paces posts in one channel to about one per second after a short burst", async () => {
        await h.connect({});
        for (let i = 0; i < 6; i++) {
          await h.deliver(makeIncidentEvent("incident.triggered", {
            id: `T${i}`,
            occurred_at: at(i),
            incident: { id: `PINC10${i}`, number: 100 + i },
          }));
        }
        await h.flush();
        const times = h.slack.calls({ method: "chat.postMessage" }).map((c) =>
          c.time
        );
        expect(times).toHaveLength(6);
        for (let i = 3; i < times.length; i++) {
          expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(1000);
        }
        expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(3000);
        // Held back by our own pacing, never by a Slack 429.
        expect(
          h.slack.calls({ method: "chat.postMessage" }).map((c) => c.status),
        )
          .not.toContain(429);
        expect(h.metrics.rateLimitWaits.get({ method: "chat.postMessage" }))
          .toBe(0);
      });

      it("honours Retry-After on 429 and then posts", async () => {
        await h.connect({});
        h.slack.injectFault({
          method: "chat.postMessage",
          kind: "ratelimited",
          retryAfter: 7,
        });
        await h.deliver(
          makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        );
        await h.flush();
        const calls = h.slack.calls({ method: "chat.postMessage" });
        expect(calls.map((c) => c.status)).toEqual([429, 200]);
        expect(calls[1]!.time - calls[0]!.time).toBeGreaterThanOrEqual(7000);
        expect(cards()).toHaveLength(1);
        expect(h.metrics.rateLimitWaits.get({ method: "chat.postMessage" }))
          .toBe(
            1,
          );
      });
    });
  },
);
