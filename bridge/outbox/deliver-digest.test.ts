// Issue 17, the digest's pages: what each page shows is durable (a restarted process or another replica edits
// only what changed), and a page someone deleted in Slack is the only one posted again.
import { expect, it, vi } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import { describeOnEachDatabase } from "../../test/support/sender-harness.ts";
import {
  digestsIn,
  idOf,
  shown,
  STORM,
  stormEvent,
  triggers,
} from "../../test/support/storm-events.ts";

const dialects = await testDialects();
/** Pacing waits only: the storm's end (a minute after the last incident joined) stays in the future. */
const BEFORE_STORM_END = 10_000;

describeOnEachDatabase(dialects, "digest pages", (h) => {
  const events = ["incident.acknowledged", "incident.resolved"] as const;
  /** A sender in a new module graph: a restarted bridge process, with nothing in memory. */
  const restartedSender = async () => {
    vi.resetModules();
    const fresh = await import("./outbox-sender.ts");
    return h.sender({ storm: STORM, create: fresh.createOutboxSender });
  };
  const updatesSince = (from: number) =>
    h.slack.calls({ method: "chat.update" }).slice(from);

  it("after a restart, a change edits only the pages it changes", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 120));
    await h.flush(h.sender({ storm: STORM }), 200, BEFORE_STORM_END);
    const pages = digestsIn(h.cards());
    expect(pages.length).toBeGreaterThan(2);
    const before = h.slack.calls({ method: "chat.update" }).length;

    const sender = await restartedSender();
    h.clock.ms += 5_000;
    await h.deliver(stormEvent("incident.resolved", 120, 5));
    await h.flush(sender, 200, BEFORE_STORM_END);
    // The first page (its counts) and the last (the line): not the pages in between.
    const edited = updatesSince(before).map((c) => c.args["ts"]);
    expect(new Set(edited)).toEqual(new Set([pages[0]!.ts, pages.at(-1)!.ts]));
    expect(edited).toHaveLength(2);
    const after = digestsIn(h.cards()).flatMap(shown);
    expect(after.find(([id]) => id === idOf(120))?.[1]).toBe("resolved");
  });

  it("a page someone deleted is posted again, alone; the other pages stay where they are", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 120));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender, 200, BEFORE_STORM_END);
    const pages = digestsIn(h.cards());
    expect(pages.length).toBeGreaterThan(2);
    const second = pages[1]!;
    const onSecond = shown(second).map(([id]) => id);
    const deleted = h.slack.call(
      "chat.delete",
      { channel: h.channel, ts: second.ts },
      h.botToken,
    );
    expect(deleted.ok).toBe(true);
    const posts = h.slack.calls({ method: "chat.postMessage" }).length;

    // A change to an incident on the deleted page: its edit finds the page gone.
    const n = Number(onSecond[0]!.slice("PSTORM".length));
    h.clock.ms += 5_000;
    await h.deliver(stormEvent("incident.resolved", n, 5));
    await h.flush(sender, 200, BEFORE_STORM_END);

    expect(h.slack.calls({ method: "chat.postMessage" }).length).toBe(
      posts + 1,
    );
    const now = digestsIn(h.cards());
    expect(now).toHaveLength(pages.length);
    // The pages nobody deleted are the same messages; the deleted one is back, last in the channel.
    expect(now.slice(0, -1).map((p) => p.ts)).toEqual(
      pages.filter((p) => p !== second).map((p) => p.ts),
    );
    const reposted = now.at(-1)!;
    expect(reposted.metadata?.event_payload).toMatchObject({ page: 1 });
    expect(shown(reposted).map(([id]) => id)).toEqual(onSecond);
    expect(shown(reposted).find(([id]) => id === idOf(n))?.[1]).toBe(
      "resolved",
    );
    // Every incident still on exactly one page.
    const ids = now.flatMap(shown).map(([id]) => id);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toHaveLength(120);
  });
});
