import { sql } from "kysely";
import { expect, it } from "vitest";
import { FIXTURE_USERS } from "../../shared/incident/fixtures.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  ACTIONS_TRIGGER_URL,
  describeOnEachDatabase,
  makeIncidentEvent,
} from "../../test/support/sender-harness.ts";
import {
  at,
  cardsIn,
  digestsIn,
  idOf,
  shown,
  STORM,
  stormEvent as event,
  triggers,
} from "../../test/support/storm-events.ts";

const dialects = await testDialects();

describeOnEachDatabase(dialects, "storm digest", (h) => {
  const events = [
    "incident.acknowledged",
    "incident.resolved",
    "incident.escalated",
  ] as const;

  it("below the threshold every incident gets its own card", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 10));
    await h.flush(h.sender({ storm: STORM }));
    expect(cardsIn(h.cards())).toHaveLength(10);
    expect(digestsIn(h.cards())).toHaveLength(0);
  });

  it("a storm goes into one digest, edited in place with each incident's status", async () => {
    await h.connect({ events: [...events], thread_updates: true });
    await h.deliver(...triggers(1, 25));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender);
    expect(cardsIn(h.cards())).toHaveLength(0);
    const [digest, ...others] = digestsIn(h.cards());
    expect(others).toHaveLength(0);
    expect(shown(digest!)).toHaveLength(25);
    expect(digest!.text).toContain("25 incidents");
    const blocks = JSON.stringify(digest!.blocks);
    expect(blocks).toContain("acknowledge_all");
    expect(blocks).toContain(ACTIONS_TRIGGER_URL);
    expect(blocks).toContain("<!date^");

    h.clock.ms += 5_000;
    await h.deliver(
      ...[1, 2, 3].map((n) =>
        makeIncidentEvent("incident.acknowledged", {
          id: `evt-ack-${n}`,
          occurred_at: at(5),
          agent: FIXTURE_USERS.bob,
          incident: {
            id: idOf(n),
            number: 100 + n,
            title: `Disk full on db-${n}`,
          },
        })
      ),
      event("incident.resolved", 4, 6),
    );
    await h.flush(sender);
    const [after, ...more] = digestsIn(h.cards());
    expect(more).toHaveLength(0);
    const statuses = new Map(shown(after!).map(([id, status]) => [id, status]));
    expect(statuses.get(idOf(1))).toBe("acknowledged");
    expect(statuses.get(idOf(4))).toBe("resolved");
    expect(statuses.get(idOf(5))).toBe("triggered");
    expect(JSON.stringify(after!.blocks)).toContain("acknowledged by Bob");
    // The digest line shows acknowledge and resolve: no thread reply, no card.
    expect(cardsIn(h.cards())).toHaveLength(0);
    expect(after!.replies).toHaveLength(0);
    // One post, and the changes coalesced into few edits (never one per event).
    expect(h.slack.calls({ method: "chat.postMessage" })).toHaveLength(1);
    expect(after!.edits.length).toBeGreaterThanOrEqual(1);
    expect(after!.edits.length).toBeLessThanOrEqual(2);
  });

  it("an incident that escalates leaves the digest for its own card, and its line links to it", async () => {
    await h.connect({ events: [...events], thread_updates: true });
    await h.deliver(...triggers(1, 15));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender);
    h.clock.ms += 5_000;
    await h.deliver(event("incident.escalated", 7, 5));
    await h.flush(sender);
    const cards = cardsIn(h.cards());
    expect(cards).toHaveLength(1);
    expect(cards[0]!.metadata?.event_payload).toMatchObject({
      incident_id: idOf(7),
    });
    expect(cards[0]!.replies).toHaveLength(1);
    const [digest] = digestsIn(h.cards());
    expect(JSON.stringify(digest!.blocks)).toMatch(/\|its card>/);
    expect(shown(digest!)).toHaveLength(15);
  });

  it.each(
    ["incident.role.assigned", "incident.conference_bridge.updated"] as const,
  )(
    "an incident someone runs a response on (%s) leaves the digest for its own card",
    async (type) => {
      await h.connect({ events: [...events, type], thread_updates: true });
      await h.deliver(...triggers(1, 15));
      const sender = h.sender({ storm: STORM });
      await h.flush(sender);
      h.clock.ms += 5_000;
      await h.deliver(event(type, 4, 5));
      await h.flush(sender);
      const cards = cardsIn(h.cards());
      expect(cards.map((c) => c.metadata?.event_payload)).toMatchObject([
        { incident_id: idOf(4) },
      ]);
    },
  );

  it("PagerDuty escalating every incident at its timeout keeps them in the digest, each line saying to whom", async () => {
    await h.connect({ events: [...events], thread_updates: true });
    await h.deliver(...triggers(1, 15));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender, 200, 10_000);
    // The escalation policy's timeout, for all of them at once: no person did it (agent null).
    h.clock.ms += 5_000;
    await h.deliver(
      ...Array.from(
        { length: 15 },
        (_, i) =>
          event("incident.escalated", i + 1, 5, { agent: null }, {
            assignees: [FIXTURE_USERS.bob],
          }),
      ),
    );
    await h.flush(sender, 200, 10_000);
    expect(cardsIn(h.cards())).toHaveLength(0);
    const [digest, ...more] = digestsIn(h.cards());
    expect(more).toHaveLength(0);
    expect(shown(digest!)).toHaveLength(15);
    expect(JSON.stringify(digest!.blocks).match(/escalated to Bob/g))
      .toHaveLength(15);
    expect(digest!.replies).toHaveLength(0);
    // A person escalating one still gives it a card of its own.
    h.clock.ms += 5_000;
    await h.deliver(event("incident.escalated", 3, 10));
    await h.flush(sender, 200, 10_000);
    expect(cardsIn(h.cards()).map((c) => c.metadata?.event_payload))
      .toMatchObject([{ incident_id: idOf(3) }]);
  });

  it("an incident with its own card keeps its digest line current when it is resolved", async () => {
    await h.connect({ events: [...events], thread_updates: true });
    await h.deliver(...triggers(1, 15));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender);
    h.clock.ms += 5_000;
    await h.deliver(event("incident.escalated", 7, 5));
    await h.flush(sender);
    h.clock.ms += 5_000;
    await h.deliver(event("incident.resolved", 7, 10));
    await h.flush(sender);
    const [digest] = digestsIn(h.cards());
    expect(shown(digest!).find(([id]) => id === idOf(7))?.[1]).toBe(
      "resolved",
    );
    expect(digest!.text).toContain("14 triggered, 0 acknowledged, 1 resolved");
  });

  it("when the storm is over new incidents get cards again", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    const sender = h.sender({ storm: STORM });
    // Pacing waits only: the end of the storm is not due yet.
    await h.flush(sender, 200, 10_000);
    // Still in the storm: a new incident joins the digest.
    h.clock.ms += 20_000;
    await h.deliver(event("incident.triggered", 13, 20));
    await h.flush(sender, 200, 10_000);
    expect(cardsIn(h.cards())).toHaveLength(0);
    expect(shown(digestsIn(h.cards())[0]!)).toHaveLength(13);
    // A quiet minute later, the next one is a card.
    h.clock.ms += 61_000;
    await h.flush(sender);
    await h.deliver(event("incident.triggered", 14, 90));
    await h.flush(sender);
    expect(cardsIn(h.cards())).toHaveLength(1);
    const digest = digestsIn(h.cards())[0]!;
    expect(shown(digest)).toHaveLength(13);
    expect(JSON.stringify(digest.blocks)).toContain("The storm is over");
  });

  it("says the storm is over after a quiet period by itself, with no new incident in the channel", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender, 200, 10_000);
    expect(JSON.stringify(digestsIn(h.cards())[0]!.blocks)).not.toContain(
      "The storm is over",
    );
    // No event at all: the quiet-period job is due a minute after the last incident joined.
    h.clock.ms += 61_000;
    await h.flush(sender, 200, 10_000);
    const [digest, ...others] = digestsIn(h.cards());
    expect(others).toHaveLength(0);
    expect(JSON.stringify(digest!.blocks)).toContain("The storm is over");
  });

  it("the storm's end is told by its own workspace's sender, not another's", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    await h.flush(h.sender({ storm: STORM }), 200, 10_000);
    h.clock.ms += 61_000;
    const scoped = (teamIds: string[], includeUnassigned: boolean) =>
      h.sender({
        storm: STORM,
        team: () => ({ teamIds, includeUnassigned, blockKey: "T0OTHER" }),
      });
    const over = () =>
      JSON.stringify(digestsIn(h.cards())[0]!.blocks).includes(
        "The storm is over",
      );
    // Another workspace's sender: nothing of its own is due, ever.
    expect((await scoped(["T0OTHER"], false).runOnce()).nextInMs).toBeNull();
    expect(over()).toBe(false);
    await h.flush(scoped([], true), 200, 10_000);
    expect(over()).toBe(true);
  });

  it("a gathering that fails half way leaves nothing half done: the next pass shows the whole storm", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    const db = h.database.db;
    const postgres = !h.database.url.startsWith(":memory:") &&
      /^postgres/.test(h.database.url);
    // A crash between finishing the card jobs and creating the digest's job: the digest job's insert fails.
    if (postgres) {
      await sql`create function fail_digest_job() returns trigger language plpgsql as $$ begin
        if new.kind = 'digest' then raise exception 'crash'; end if; return new; end $$`
        .execute(db);
      await sql`create trigger fail_digest_job before insert on outbox for each row execute function fail_digest_job()`
        .execute(db);
    } else {
      await sql`create trigger fail_digest_job before insert on outbox when new.kind = 'digest'
        begin select raise(abort, 'crash'); end`.execute(db);
    }
    const sender = h.sender({ storm: STORM });
    await h.flush(sender).catch(() => undefined);
    await sql`drop trigger fail_digest_job${
      sql.raw(postgres ? " on outbox" : "")
    }`.execute(db);
    h.clock.ms += 5_000;
    await h.flush(sender);
    const [digest] = digestsIn(h.cards());
    expect(shown(digest!)).toHaveLength(12);
  });

  it("a storm too long for one message pages into more messages, every incident on one of them", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 120));
    const sender = h.sender({ storm: STORM });
    await h.flush(sender);
    const pages = digestsIn(h.cards());
    expect(pages.length).toBeGreaterThan(1);
    const ids = pages.flatMap((p) => shown(p).map(([id]) => id));
    expect(new Set(ids).size).toBe(120);
    expect(ids).toHaveLength(120);
    expect(cardsIn(h.cards())).toHaveLength(0);
    // A change edits the page that shows it, never posts another page.
    h.clock.ms += 5_000;
    await h.deliver(event("incident.resolved", 120, 5));
    await h.flush(sender);
    expect(digestsIn(h.cards())).toHaveLength(pages.length);
    const after = digestsIn(h.cards()).flatMap((p) => shown(p));
    expect(after.find(([id]) => id === idOf(120))?.[1]).toBe("resolved");
  });

  it("stakeholder channels get the digest without buttons", async () => {
    await h.connect({ events: [...events], notification_type: "stakeholder" });
    await h.deliver(...triggers(1, 12));
    await h.flush(h.sender({ storm: STORM }));
    const [digest] = digestsIn(h.cards());
    expect(shown(digest!)).toHaveLength(12);
    expect(JSON.stringify(digest!.blocks)).not.toContain("workflow_button");
  });

  it("after a lost answer to the digest's post (a 500 after Slack posted it), adopts it instead of posting again", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    h.slack.injectFault({
      method: "chat.postMessage",
      kind: "http",
      status: 500,
      applied: true,
      times: 1,
    });
    await h.flush(h.sender({ storm: STORM }));
    expect(digestsIn(h.cards())).toHaveLength(1);
    expect(shown(digestsIn(h.cards())[0]!)).toHaveLength(12);
    expect(h.slack.calls({ method: "conversations.history" }).length)
      .toBeGreaterThanOrEqual(1);
    expect(cardsIn(h.cards())).toHaveLength(0);
  });

  it("two replicas sending the same storm post one digest", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 15));
    const a = h.sender({ storm: STORM });
    const b = h.sender({ storm: STORM });
    for (let i = 0; i < 20; i++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (ra.nextInMs === null && rb.nextInMs === null) break;
      h.clock.ms += Math.max(ra.nextInMs ?? 0, rb.nextInMs ?? 0, 1);
    }
    expect(digestsIn(h.cards())).toHaveLength(1);
    expect(shown(digestsIn(h.cards())[0]!)).toHaveLength(15);
    expect(cardsIn(h.cards())).toHaveLength(0);
  });

  it("after a crash between Slack's answer and the database write, adopts the digest instead of posting again", async () => {
    await h.connect({ events: [...events] });
    await h.deliver(...triggers(1, 12));
    const crashing = h.sender({
      storm: STORM,
      afterDigestPosted: () => {
        throw new Error("process killed");
      },
    });
    await expect(h.flush(crashing)).rejects.toThrow("process killed");
    expect(digestsIn(h.cards())).toHaveLength(1);
    // The restarted process (another instance id) takes over once the dead one's lease has expired.
    h.clock.ms += 60_000;
    await h.deliver(event("incident.resolved", 2, 60));
    await h.flush(h.sender({ storm: STORM }));
    expect(h.slack.calls({ method: "chat.postMessage" })).toHaveLength(1);
    const [digest, ...more] = digestsIn(h.cards());
    expect(more).toHaveLength(0);
    const statuses = new Map(
      shown(digest!).map(([id, status]) => [id, status]),
    );
    expect(statuses.get(idOf(2))).toBe("resolved");
    expect(cardsIn(h.cards())).toHaveLength(0);
  });
});
