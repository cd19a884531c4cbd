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

      it("paces posts in one channel to about one per second", async () => {
        await h.connect({});
        for (let i = 0; i < 4; i++) {
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
        expect(times).toHaveLength(4);
        for (let i = 1; i < times.length; i++) {
          expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
        }
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
