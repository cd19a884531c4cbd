import { expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  describeOnEachDatabase,
  makeIncidentEvent,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describeOnEachDatabase(dialects, "paced Slack calls", (h) => {
  const { cards } = h;

  // Slack: "1 per second per channel, short bursts >1 allowed": a burst of 2, then one per second.
  it("paces posts in one channel to one per second after a burst of 2", async () => {
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
    for (let i = 2; i < times.length; i++) {
      expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(1000);
    }
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(4000);
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

// Posts and edits have budgets of their own: a card edit waiting for chat.update's must not keep a new
// incident's card out of the channel (it did: the channel's pass stopped at the first job that had to wait).
describeOnEachDatabase(dialects, "an edit waiting for its budget", (h) => {
  const { cards } = h;

  it("holds back only the edits: a new incident's card is posted at once", async () => {
    await h.connect({ events: ["incident.acknowledged", "incident.resolved"] });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(1) }),
    );
    await h.flush(); // the one chat.update of this minute
    const editedAt = h.clock.ms;
    await h.deliver(
      makeIncidentEvent("incident.resolved", { occurred_at: at(2) }),
      makeIncidentEvent("incident.triggered", {
        id: "T2",
        occurred_at: at(3),
        incident: { id: "PINC200", number: 200 },
      }),
    );
    await h.flush();
    expect(cards()).toHaveLength(2);
    const edits = h.slack.calls({ method: "chat.update" });
    expect(edits).toHaveLength(2);
    expect(edits[1]!.time - edits[0]!.time).toBeGreaterThanOrEqual(60_000);
    const secondCard = h.slack.calls({ method: "chat.postMessage" }).find((c) =>
      JSON.stringify(c.args.metadata ?? "").includes("PINC200")
    );
    // Posted within the channel's own pacing, not after the minute chat.update's budget asked for.
    expect(secondCard!.time - editedAt).toBeLessThan(5_000);
    expect(edits.map((c) => c.status)).not.toContain(429);
  });
}, { pacing: { perMinute: { "chat.update": 1 } } });
