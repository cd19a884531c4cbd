import { expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  describeOnEachDatabase,
  makeIncidentEvent,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describeOnEachDatabase(dialects, "card delivery", (h) => {
  const { cards } = h;

  it("after a crash between Slack's answer and the database write, adopts the card instead of posting again", async () => {
    await h.connect({ events: ["incident.acknowledged"] });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    const crashing = h.sender({
      afterCardPosted: () => {
        throw new Error("process killed");
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow("process killed");
    expect(cards()).toHaveLength(1);

    // The restarted process (another instance id) takes over once the dead one's lease has expired.
    h.clock.ms += 60_000;
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(30) }),
    );
    await h.flush(h.sender());
    expect(
      h.slack.calls({ method: "chat.postMessage" }).filter((c) =>
        !c.args.thread_ts
      ),
    ).toHaveLength(1);
    expect(cards()).toHaveLength(1);
    expect(cards()[0]!.metadata?.event_payload).toMatchObject({
      status: "acknowledged",
    });
    expect(cards()[0]!.replies).toHaveLength(1);
  });

  it("posts the card again when someone deleted it in Slack", async () => {
    await h.connect({});
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    const ts = cards()[0]!.ts;
    const deleted = h.slack.call(
      "chat.delete",
      { channel: h.channel, ts },
      h.botToken,
    );
    expect(deleted.ok).toBe(true);
    h.clock.ms += 5000;
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(5) }),
    );
    await h.flush();
    expect(cards()).toHaveLength(1);
    expect(cards()[0]!.ts).not.toBe(ts);
    expect(cards()[0]!.metadata?.event_payload).toMatchObject({
      status: "acknowledged",
    });
  });
});
