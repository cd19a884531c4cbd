import { expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import { BEHIND_NOTICE, RECOVERED_NOTICE } from "./post-lag-notice.ts";
import {
  describeOnEachDatabase,
  makeIncidentEvent,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describeOnEachDatabase(dialects, "lag notice", (h) => {
  const { cards } = h;

  it("tells the channel once when cards fall a minute behind, and again when they catch up", async () => {
    await h.connect({});
    h.slack.injectFault({
      method: "chat.postMessage",
      kind: "ratelimited",
      retryAfter: 90,
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    const texts = cards().map((m) => m.text);
    expect(texts.filter((t) => t === BEHIND_NOTICE)).toHaveLength(1);
    expect(texts.filter((t) => t === RECOVERED_NOTICE)).toHaveLength(1);
    expect(texts.indexOf(BEHIND_NOTICE)).toBeLessThan(
      texts.indexOf(RECOVERED_NOTICE),
    );
    expect(
      cards().filter((m) => m.metadata?.event_type === "pagerduty_incident"),
    ).toHaveLength(1);
  });

  it("waits for Slack's Retry-After before telling the channel it is behind", async () => {
    await h.connect({});
    const sender = h.sender({ lagNoticeMs: 5000 });
    h.slack.injectFault({
      method: "chat.postMessage",
      kind: "ratelimited",
      retryAfter: 30,
    });
    await h.deliver(makeIncidentEvent("incident.triggered", {
      id: "TA",
      occurred_at: at(0),
      incident: { id: "PINCA", number: 1 },
    }));
    await sender.runOnce();
    // Another incident 10 s later: its pass finds the channel behind while Slack's Retry-After still runs.
    h.clock.ms = T0 + 10_000;
    await h.deliver(makeIncidentEvent("incident.triggered", {
      id: "TB",
      occurred_at: at(10),
      incident: { id: "PINCB", number: 2 },
    }));
    for (; h.clock.ms <= T0 + 60_000; h.clock.ms += 1000) {
      await sender.runOnce();
    }
    const posts = h.slack.calls({ method: "chat.postMessage" });
    const notice = posts.find((c) => c.args.text === BEHIND_NOTICE);
    expect(notice?.time).toBeGreaterThanOrEqual(T0 + 30_000);
    expect(posts.filter((c) => c.status === 429)).toHaveLength(1);
    expect(
      cards().filter((m) => m.metadata?.event_type === "pagerduty_incident"),
    ).toHaveLength(2);
  });
});
