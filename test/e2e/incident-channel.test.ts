// Scenario 8: "Incident channel" from a card: the bridge creates the channel, invites the people on the
// incident, posts the card there and keeps it in sync.
import { describe, expect, it } from "vitest";
import { answer, fillMoreAction } from "./fill-more-action.ts";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => {
  s = started;
  s.link("manager");
});

describe("create an incident channel", () => {
  it("creates it, invites the assignees and the requester, and keeps its card in sync", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Database failover",
    });
    const assignees = s.pd.incident(incident.id)!.assignments.map((a) =>
      a.userId
    );
    expect(assignees).toEqual([s.demo.users.responder.id]);
    await s.waitForCard(s.channels.responders, incident.id);

    const run = await s.pressButton({
      user: "manager",
      incidentId: incident.id,
      action: "more",
      channelId: s.channels.responders,
    });
    const done = await fillMoreAction(run, "channel", {
      visibility: answer.radio("public"),
    });
    expect(done.status).toBe("completed");
    expect(done.outputs["0"], s.seenBy("manager").join("\n")).toEqual({
      outcome: "done",
    });

    const existing = new Set(Object.values(s.channels));
    const created = [...s.slack.workspace.channels.values()].filter((c) =>
      !existing.has(c.id) && !c.name.startsWith("D")
    ).filter((c) => c.name.includes(String(incident.number)));
    expect(created).toHaveLength(1);
    const channel = created[0]!;
    expect(channel.isPrivate).toBe(false);
    expect(s.seenBy("manager").at(-1)).toContain(`<#${channel.id}>`);
    // The person who asked and the incident's assignee are in it (soft: the rest is checked either way).
    expect.soft([...channel.members]).toEqual(
      expect.arrayContaining([s.users.manager, s.users.responder]),
    );

    const card = await s.waitForCard(channel.id, incident.id);
    expect(s.cardText(card)).toContain(`#${incident.number} Database failover`);
    expect(workflowButtons(card).map((b) => b.text.text)).toContain(
      "Acknowledge",
    );

    // Kept in sync: Rui acknowledges in PagerDuty, then resolves.
    const rui = s.demo.users.responder;
    s.pd.updateIncident(incident.id, { status: "acknowledged" }, rui.id);
    await s.waitForCard(
      channel.id,
      incident.id,
      (_, text) => text.includes(`Acknowledged by ${rui.name}`),
    );
    s.pd.updateIncident(incident.id, { status: "resolved" }, rui.id);
    const final = await s.waitForCard(
      channel.id,
      incident.id,
      (_, text) => text.includes(`Resolved by ${rui.name}`),
    );
    expect(workflowButtons(final)).toEqual([]);
    await s.waitForQuiet();
    expect(s.cards(channel.id)).toHaveLength(1);
    expect(s.cards(s.channels.responders)).toHaveLength(1);
    expect(s.cardText(s.card(s.channels.responders, incident.id)!)).toContain(
      `Resolved by ${rui.name}`,
    );
  });
});
