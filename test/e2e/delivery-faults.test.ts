// Scenario 9: webhook delivery as it really goes wrong — duplicates, delays that reorder incidents, and the
// bridge crashing mid-stream while PagerDuty keeps sending (and retrying). In the end every card equals
// PagerDuty's final state, and there is exactly one card per incident and channel.
import { describe, expect, it } from "vitest";
import type { SimIncident } from "../simulators/pagerduty/simulator-state.ts";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack(async (started) => {
  s = started;
  // Thread replies only for acknowledge and resolve: every post is paced at one per second per channel, and
  // the card edits (not paced like posts) are what this scenario is about.
  await s.connect("checkout-responders", {
    channel_id: s.channels.responders,
    source_type: "service",
    source_id: s.demo.services.checkout,
    notification_type: "responder",
    events: ["incident.acknowledged", "incident.resolved"],
    thread_updates: true,
  });
  await s.connect("checkout-stakeholders", {
    channel_id: s.channels.stakeholders,
    source_type: "service",
    source_id: s.demo.services.checkout,
    notification_type: "stakeholder",
    events: ["incident.resolved"],
    thread_updates: true,
  });
}, {
  webhooks: {
    faults: { duplicateRate: 0.5, delayMs: 10, jitterMs: 60 },
    seed: 9,
  },
  connect: false,
});

const STATUS_LABEL = {
  triggered: "Triggered",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
} as const;

/** What the card must say for PagerDuty's current state of the incident. */
function expectCardMatches(channelId: string, id: string) {
  const incident = s.pd.incident(id)!;
  const cards = s.cards(channelId).filter((c) =>
    (c.metadata?.event_payload as { incident_id?: string }).incident_id === id
  );
  expect(cards, `cards of #${incident.number} in ${channelId}`).toHaveLength(
    1,
  );
  const card = cards[0]!;
  const text = s.cardText(card);
  const where = `#${incident.number} in ${channelId}:\n${text}`;
  expect((card.metadata?.event_payload as { status: string }).status, where)
    .toBe(incident.status);
  expect(text, where).toContain(`#${incident.number} ${incident.title}`);
  expect(text, where).toContain(STATUS_LABEL[incident.status]);
  const priority = (s.pd.state.priorities ?? []).find((p) =>
    p.id === incident.priorityId
  );
  if (incident.status !== "resolved") {
    expect(text, where).toContain(`Priority: ${priority?.name ?? "—"}`);
  } else if (priority) {
    // The compact resolved card names the priority in its small print.
    expect(text, where).toContain(` · ${priority.name}`);
  }
  if (incident.status !== "resolved") {
    for (const { userId } of incident.assignments) {
      const user = s.pd.state.users.get(userId)!;
      const slackUser = [...s.slack.workspace.users.values()].find((u) =>
        u.email === user.email
      );
      // Each assignee is named: a mention when on call now and not the one who acted, else their name.
      expect(
        text.includes(`@${slackUser?.id}`) || text.includes(user.name),
        where,
      ).toBe(true);
    }
  }
  const buttons = workflowButtons(card).map((b) => b.text.text);
  if (channelId === s.channels.stakeholders || incident.status === "resolved") {
    expect(buttons, where).toEqual([]);
  } else {
    expect(buttons, where).toContain("Resolve");
  }
  // A duplicate webhook never becomes a second thread message.
  const replies = card.replies.map((r) => r.text);
  expect(replies, where).toEqual([...new Set(replies)]);
}

describe("webhook delivery faults", () => {
  // Every Slack post is paced at one per second per channel: this one sends about ten.
  it(
    "duplicates, delays and a bridge crash mid-stream still end in PagerDuty's final state",
    {
      timeout: 60_000,
    },
    async () => {
      const { users, priorities, services } = s.demo;
      const open = (title: string): SimIncident =>
        s.pd.triggerIncident({ serviceId: services.checkout, title });
      const a = open("Orders API 500s");
      const b = open("Payment provider timeouts");
      const c = open("Slow product search");
      s.pd.updateIncident(a.id, { status: "acknowledged" }, users.responder.id);
      s.pd.updateIncident(b.id, {
        priority: { id: priorities.P1, type: "priority_reference" },
      }, users.manager.id);

      // Crash while those are still being delivered; PagerDuty keeps going.
      await s.bridge.stop({ signal: "SIGKILL" });
      s.pd.updateIncident(b.id, { escalation_level: 2 }, null);
      s.pd.updateIncident(c.id, {
        assignments: [{
          assignee: { id: users.responder2.id, type: "user_reference" },
        }],
      }, users.manager.id);
      s.pd.updateIncident(a.id, { status: "resolved" }, users.responder.id);
      const d = open("Cart totals wrong");
      await s.bridge.start();
      s.pd.updateIncident(
        c.id,
        { status: "acknowledged" },
        users.responder2.id,
      );
      s.pd.updateIncident(d.id, { status: "resolved" }, null);

      await s.waitForQuiet({ timeoutMs: 30_000 });

      const deliveries = s.pd.webhooks.deliveries();
      // The faults really happened: duplicates were sent, and deliveries failed while the bridge was down.
      expect(deliveries.some((x) => x.duplicate)).toBe(true);
      expect(deliveries.some((x) => x.attempts.some((t) => t.status === null)))
        .toBe(true);
      expect(deliveries.filter((x) => x.outcome !== "delivered")).toEqual([]);

      for (const incident of [a, b, c, d]) {
        expectCardMatches(s.channels.responders, incident.id);
        expectCardMatches(s.channels.stakeholders, incident.id);
      }
      expect(s.cards(s.channels.responders)).toHaveLength(4);
      expect(s.cards(s.channels.stakeholders)).toHaveLength(4);
      expect(s.slack.transcript(s.channels.unconnected)).toEqual([]);
    },
  );
});
