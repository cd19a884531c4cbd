import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FIXTURE_PRIORITIES,
  FIXTURE_TEAM,
} from "../../shared/incident/fixtures.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { BEHIND_NOTICE, RECOVERED_NOTICE } from "./post-lag-notice.ts";
import { sharedCardRenderer } from "./shared-card-renderer.ts";
import {
  ACTIONS_TRIGGER_URL,
  describeOnEachDatabase,
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ALL_EVENTS: Connection["events"] = [
  "incident.acknowledged",
  "incident.unacknowledged",
  "incident.resolved",
  "incident.reopened",
  "incident.escalated",
  "incident.reassigned",
  "incident.delegated",
  "incident.priority_updated",
  "incident.annotated",
  "incident.status_update_published",
  "incident.responder.added",
];

const workflowButtons = (blocks: unknown[] | undefined) =>
  JSON.stringify(blocks ?? []).match(/"workflow_button"/g)?.length ?? 0;

describeOnEachDatabase(dialects, "outbox sender", (h) => {
  const { cards, outboxRows: status } = h;

  it("posts one card on trigger and edits it in place through every status", async () => {
    await h.connect({ events: ALL_EVENTS, thread_updates: true });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    expect(cards()).toHaveLength(1);
    const card = cards()[0]!;
    expect(card.metadata).toMatchObject({
      event_type: "pagerduty_incident",
      event_payload: { incident_id: "PINC001" },
    });
    expect(card.text).toContain("#");
    expect(JSON.stringify(card.blocks)).toContain(ACTIONS_TRIGGER_URL);
    expect(workflowButtons(card.blocks)).toBeGreaterThanOrEqual(2);

    h.clock.ms += 10_000;
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
    );
    await h.flush();
    h.clock.ms += 10_000;
    await h.deliver(
      makeIncidentEvent("incident.resolved", { occurred_at: at(20) }),
    );
    await h.flush();

    const [after] = cards();
    expect(cards()).toHaveLength(1);
    expect(after!.edits).toHaveLength(2);
    expect(JSON.stringify(after!.edits[0])).toMatch(/[Tt]riggered/);
    expect(JSON.stringify(after!.blocks)).toMatch(/[Rr]esolved/);
    expect(after!.metadata?.event_payload).toMatchObject({
      status: "resolved",
    });
    expect(workflowButtons(after!.blocks)).toBe(0);
    // acknowledged and resolved were listed: one quiet reply each in the card's thread.
    expect(after!.replies).toHaveLength(2);
    expect(after!.replies.every((r) => !r.replyBroadcast)).toBe(true);
    expect(h.metrics.webhookToCardLag.count()).toBeGreaterThanOrEqual(3);
  });

  it.each(
    [
      "incident.acknowledged",
      "incident.unacknowledged",
      "incident.resolved",
      "incident.reopened",
      "incident.escalated",
      "incident.reassigned",
      "incident.delegated",
      "incident.priority_updated",
    ] as const,
  )(
    "%s edits the card to PagerDuty's state and replies in the thread",
    async (type) => {
      await h.connect({ events: ALL_EVENTS, thread_updates: true });
      const before =
        type === "incident.reopened" || type === "incident.unacknowledged"
          ? [makeIncidentEvent(
            type === "incident.reopened"
              ? "incident.resolved"
              : "incident.acknowledged",
            { occurred_at: at(5) },
          )]
          : [];
      await h.deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        ...before,
      );
      await h.flush();
      const edits = cards()[0]!.edits.length;
      const event = makeIncidentEvent(type, {
        occurred_at: at(10),
        agent: {
          id: "PBOB002",
          type: "user_reference",
          summary: "Bob Brown",
        },
        incident: type === "incident.priority_updated"
          ? { priority: FIXTURE_PRIORITIES.P1 }
          : {},
      });
      h.clock.ms += 10_000;
      await h.deliver(event);
      await h.flush();
      const [card] = cards();
      expect(cards()).toHaveLength(1);
      expect(card!.edits.length).toBe(edits + 1);
      expect(card!.metadata?.event_payload).toMatchObject({
        status: event.data.status,
      });
      const reply = card!.replies.at(-1)!;
      expect(reply.replyBroadcast).toBe(false);
      expect(reply.text + JSON.stringify(reply.blocks ?? [])).toContain(
        "Bob Brown",
      );
      // The person who acted is named, never @-mentioned.
      expect(reply.text + JSON.stringify(reply.blocks ?? [])).not.toMatch(
        /<@/,
      );
    },
  );

  it("fits Block Kit's limits whatever the incident's text (the simulator rejects invalid blocks)", async () => {
    await h.connect({});
    await h.deliver(makeIncidentEvent("incident.triggered", {
      occurred_at: at(0),
      incident: { title: "Disk full ".repeat(2000) },
    }));
    await h.flush();
    expect(await status()).toMatchObject([{ status: "done" }]);
    expect(cards()[0]!.text).toContain("…");
  });

  it("puts notes in the card's thread, or in the channel with a link when thread_updates is off", async () => {
    await h.connect({ events: ["incident.annotated"], thread_updates: true });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.deliver(
      makeIncidentEvent("incident.annotated", {
        occurred_at: at(5),
        note: { content: "Rolled back the deploy" },
      }),
    );
    await h.flush();
    expect(cards()).toHaveLength(1);
    expect(cards()[0]!.replies.map((r) => r.text).join()).toContain(
      "Rolled back the deploy",
    );

    await h.database.db.updateTable("connections").set({ thread_updates: 0 })
      .execute();
    await h.database.db.updateTable("cards").set({ thread_updates: 0 })
      .execute();
    await h.deliver(makeIncidentEvent("incident.annotated", {
      id: "note-2",
      occurred_at: at(9),
      note: { content: "Second note" },
    }));
    await h.flush();
    const top = cards();
    expect(top).toHaveLength(2);
    const update = top[1]!;
    expect(update.text + JSON.stringify(update.blocks ?? [])).toContain(
      "Second note",
    );
    expect(update.text + JSON.stringify(update.blocks ?? [])).toContain(
      "/archives/",
    );
    expect(update.metadata?.event_type).not.toBe("pagerduty_incident");
  });

  it("coalesces pending edits: a burst renders once, with the latest state", async () => {
    await h.connect({});
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(1) }),
      makeIncidentEvent("incident.resolved", { occurred_at: at(2) }),
    );
    await h.flush();
    expect(h.slack.calls({ method: "chat.postMessage" })).toHaveLength(1);
    expect(h.slack.calls({ method: "chat.update" })).toHaveLength(0);
    expect(cards()[0]!.metadata?.event_payload).toMatchObject({
      status: "resolved",
    });
  });

  it("applies duplicates once and never regresses on a late older event", async () => {
    await h.connect({ events: ["incident.acknowledged"] });
    const triggered = makeIncidentEvent("incident.triggered", {
      occurred_at: at(0),
    });
    await h.deliver(
      makeIncidentEvent("incident.resolved", { occurred_at: at(20) }),
      triggered,
      triggered,
    );
    await h.flush();
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
    );
    await h.flush();
    expect(cards()).toHaveLength(1);
    expect(JSON.stringify(cards()[0]!.blocks)).toMatch(/[Rr]esolved/);
    expect(cards()[0]!.metadata?.event_payload).toMatchObject({
      status: "resolved",
    });
    expect(
      h.slack.calls({ method: "chat.postMessage" }).filter((c) =>
        !c.args.thread_ts
      ),
    ).toHaveLength(1);
  });

  it("responder cards carry workflow buttons, stakeholder cards none", async () => {
    const stakeholders =
      h.slack.createChannel({ name: "execs", members: [h.botUserId] }).id;
    await h.connect({ notification_type: "responder" });
    await h.connect({
      notification_type: "stakeholder",
      channel_id: stakeholders,
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    expect(workflowButtons(cards()[0]!.blocks)).toBeGreaterThan(0);
    expect(h.slack.transcript(stakeholders)).toHaveLength(1);
    expect(workflowButtons(h.slack.transcript(stakeholders)[0]!.blocks)).toBe(
      0,
    );
  });

  it.each([
    ["urgency", { urgency: "low" as const }, {}, false],
    ["urgency", { urgency: "high" as const }, {}, true],
    ["priorities", { priorities: [FIXTURE_PRIORITIES.P1.id] }, {
      priority: FIXTURE_PRIORITIES.P1,
    }, true],
    ["priorities", { priorities: [FIXTURE_PRIORITIES.P2.id] }, {
      priority: FIXTURE_PRIORITIES.P1,
    }, false],
    [
      "team",
      { source_type: "team" as const, source_id: FIXTURE_TEAM.id },
      {},
      true,
    ],
    [
      "team",
      { source_type: "team" as const, source_id: "PNOTEAM" },
      {},
      false,
    ],
  ])(
    "connection filter %s %j → card: %s",
    async (_n, connection, incident, expected) => {
      await h.connect(connection);
      await h.deliver(
        makeIncidentEvent("incident.triggered", {
          occurred_at: at(0),
          incident,
        }),
      );
      await h.flush();
      expect(cards()).toHaveLength(expected ? 1 : 0);
    },
  );

  it("retries 5xx with backoff, then posts once", async () => {
    await h.connect({});
    h.slack.injectFault({
      method: "chat.postMessage",
      kind: "http",
      status: 503,
      times: 2,
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    const calls = h.slack.calls({ method: "chat.postMessage" });
    expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
    expect(calls[2]!.time).toBeGreaterThan(calls[1]!.time);
    // A 5xx may have posted: before retrying, the sender looked for the card.
    expect(h.slack.calls({ method: "conversations.history" }).length)
      .toBeGreaterThan(0);
    expect(cards()).toHaveLength(1);
  });

  it("keeps retrying a transient failure, backing off to the cap, until Slack answers", async () => {
    await h.connect({});
    // Far more failures than any retry budget: an outage of about five minutes at the harness's 8 s cap.
    h.slack.injectFault({
      method: "chat.postMessage",
      kind: "http",
      status: 500,
      times: 40,
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    const calls = h.slack.calls({ method: "chat.postMessage" });
    expect(calls.filter((c) => c.status === 500)).toHaveLength(40);
    const gaps = calls.slice(1).map((c, i) => c.time - calls[i]!.time);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(8000 + 1000);
    const card = cards().filter((m) =>
      m.metadata?.event_type === "pagerduty_incident"
    );
    expect(card).toHaveLength(1);
    expect(await status()).toMatchObject([{ kind: "card", status: "done" }]);
    // Over a minute behind: the notice was tried meanwhile. Whether Slack took it before the card caught up
    // depends on which call met the last failure; either way the channel is not left saying "behind".
    expect(
      calls.some((c) => c.status === 500 && c.args.text === BEHIND_NOTICE),
    )
      .toBe(true);
    const notices = cards().filter((m) => !m.metadata).map((m) => m.text);
    expect([[], [BEHIND_NOTICE, RECOVERED_NOTICE]]).toContainEqual(notices);
  });

  it("heals after a five-minute Slack outage: every card converges to PagerDuty's state, none is lost", async () => {
    await h.connect({});
    const incident = (n: number) => ({
      id: `PINC40${n}`,
      number: 400 + n,
    });
    for (let n = 0; n < 10; n++) {
      await h.deliver(makeIncidentEvent("incident.triggered", {
        id: `T${n}`,
        occurred_at: at(n),
        incident: incident(n),
      }));
    }
    await h.flush();
    expect(cards()).toHaveLength(10);

    // Slack answers 503 to everything for 300 s; meanwhile all ten are resolved and five more triggered.
    const methods = [
      "chat.postMessage",
      "chat.update",
      "conversations.history",
      "conversations.replies",
      "chat.getPermalink",
    ];
    for (const method of methods) {
      h.slack.injectFault({ method, kind: "http", status: 503, times: 1e6 });
    }
    for (let n = 0; n < 10; n++) {
      await h.deliver(makeIncidentEvent("incident.resolved", {
        id: `R${n}`,
        occurred_at: at(100 + n),
        incident: incident(n),
      }));
    }
    for (let n = 10; n < 15; n++) {
      await h.deliver(makeIncidentEvent("incident.triggered", {
        id: `T${n}`,
        occurred_at: at(100 + n),
        incident: incident(n),
      }));
    }
    // Backoff capped at a minute (the bridge's own cap is five).
    const sender = h.sender({ retry: { baseMs: 1000, maxMs: 60_000 } });
    const outageEnds = h.clock.ms + 300_000;
    while (h.clock.ms < outageEnds) {
      const { nextInMs } = await sender.runOnce();
      h.clock.ms += Math.max(nextInMs ?? 1000, 1);
    }
    expect(h.slack.calls().filter((c) => c.status === 503).length)
      .toBeGreaterThan(10);
    expect((await status()).some((j) => j.status === "failed")).toBe(false);

    h.slack.clearFaults();
    await h.flush(sender);
    const posted = cards().filter((m) =>
      m.metadata?.event_type === "pagerduty_incident"
    );
    const byIncident = new Map(
      posted.map((m) => [m.metadata?.event_payload?.incident_id, m]),
    );
    expect(posted).toHaveLength(15);
    expect(byIncident.size).toBe(15);
    for (let n = 0; n < 15; n++) {
      expect(
        byIncident.get(`PINC40${n}`)?.metadata?.event_payload?.status,
        `PINC40${n}`,
      ).toBe(n < 10 ? "resolved" : "triggered");
    }
    expect((await status()).every((j) => j.status === "done")).toBe(true);
  });

  it("sets aside a card it cannot render, and every other card still goes out", async () => {
    await h.connect({});
    const real = sharedCardRenderer(ACTIONS_TRIGGER_URL);
    const sender = h.sender({
      renderer: {
        ...real,
        card: (snapshot, options) => {
          // As a snapshot stored before its data was checked could make it.
          if (snapshot.id === "PINCBAD") throw new TypeError("bad snapshot");
          return real.card(snapshot, options);
        },
      },
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", {
        id: "T-bad",
        occurred_at: at(0),
        incident: { id: "PINCBAD", number: 1 },
      }),
      makeIncidentEvent("incident.triggered", {
        id: "T-good",
        occurred_at: at(1),
        incident: { id: "PINCGOOD", number: 2 },
      }),
    );
    await h.flush(sender);
    expect(cards().map((m) => m.metadata?.event_payload?.incident_id))
      .toEqual(["PINCGOOD"]);
    expect(await status()).toMatchObject([
      { status: "failed", last_error: "unrenderable: bad snapshot" },
      { status: "done" },
    ]);
    expect(h.metrics.permanentErrors.get({ error: "unrenderable" })).toBe(1);
  });

  // invalid_blocks may be about the buttons: the same card without them is tried once (buttons-refused.ts).
  it.each([["invalid_blocks", 2], ["msg_blocks_too_long", 1]] as const)(
    "records the permanent error %s once, with a metric, and does not retry (posts tried: %i)",
    async (error, posts) => {
      await h.connect({});
      h.slack.injectFault({
        method: "chat.postMessage",
        kind: "error",
        error,
        times: 10,
      });
      await h.deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      );
      await h.flush();
      expect(h.slack.calls({ method: "chat.postMessage" })).toHaveLength(
        posts,
      );
      expect(await status()).toMatchObject([{
        kind: "card",
        status: "failed",
        last_error: error,
      }]);
      expect(h.metrics.permanentErrors.get({ error })).toBe(1);
    },
  );
});

describe.each(dialects.filter((d) => d.dialect === "postgres"))(
  "two replicas on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let h: Harness;
      beforeAll(async () => {
        h = await startHarness(dialect);
      });
      afterAll(() => h.close());

      it("post every card exactly once", async () => {
        await h.connect({});
        const second =
          h.slack.createChannel({ name: "second", members: [h.botUserId] }).id;
        await h.connect({ channel_id: second });
        for (let i = 0; i < 8; i++) {
          await h.deliver(makeIncidentEvent("incident.triggered", {
            id: `T${i}`,
            occurred_at: at(i),
            incident: { id: `PINC20${i}`, number: 200 + i },
          }));
        }
        const a = h.sender();
        const b = h.sender();
        for (let round = 0; round < 100; round++) {
          const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
          if (ra.nextInMs === null && rb.nextInMs === null) break;
          h.clock.ms += 1000;
        }
        for (const channel of [h.channel, second]) {
          const ids = h.slack.transcript(channel).map((m) =>
            m.metadata?.event_payload?.incident_id
          );
          expect(ids).toHaveLength(8);
          expect(new Set(ids).size).toBe(8);
        }
      });
    });
  },
);
