// Scenario 7: "More actions…" from a card — escalate, reassign, change priority, add responders, run an
// incident workflow, post a status update — each done in PagerDuty as the person, each visible on the card or
// in its thread.
import { describe, expect, it } from "vitest";
import type { SimIncident } from "../simulators/pagerduty/simulator-state.ts";
import {
  answer,
  fillMoreAction,
  type MoreActionAnswers,
} from "./fill-more-action.ts";
import type { Stack } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => {
  s = started;
  s.link("manager");
});

async function openIncident(title: string): Promise<SimIncident> {
  const incident = s.pd.triggerIncident({
    serviceId: s.demo.services.checkout,
    title,
  });
  await s.waitForCard(s.channels.responders, incident.id);
  return incident;
}

/** Maya (a PagerDuty manager) clicks More actions…, picks `kind`, fills the form; the card settles. */
async function more(
  incident: SimIncident,
  kind: string,
  answers: MoreActionAnswers,
) {
  const run = await s.pressButton({
    user: "manager",
    incidentId: incident.id,
    action: "more",
    channelId: s.channels.responders,
  });
  const done = await fillMoreAction(run, kind, answers);
  expect(done.status).toBe("completed");
  expect(done.outputs["0"], s.seenBy("manager").at(-1)).toEqual({
    outcome: "done",
  });
  await s.waitForQuiet();
  const card = s.card(s.channels.responders, incident.id)!;
  return {
    card: s.cardText(card),
    thread: card.replies.map((r) => r.text).join("\n"),
    said: s.seenBy("manager").at(-1) ?? "",
  };
}

describe("more actions from the card", () => {
  it("escalates to level 2: the card shows the new assignee", async () => {
    const incident = await openIncident("Escalate me");
    const seen = await more(incident, "escalate", {
      choice: answer.choice("2"),
    });
    expect(s.pd.incident(incident.id)?.escalationLevel).toBe(2);
    expect(seen.said).toContain("escalated to level 2");
    expect(seen.card).toContain(`Assigned to: @${s.users.manager}`);
    expect(seen.thread).toMatch(/escalated/i);
  });

  it("reassigns: the card shows the new assignee", async () => {
    const incident = await openIncident("Reassign me");
    const seen = await more(incident, "reassign", {
      choice: answer.choice(s.demo.users.responder2.id),
    });
    expect(s.pd.incident(incident.id)?.assignments.map((a) => a.userId))
      .toEqual([s.demo.users.responder2.id]);
    // Named, not pinged: Rosa is not on call on the service's policy (cards ping only who is on call now;
    // PagerDuty itself notifies the new assignee).
    expect(seen.card).toContain(
      `Assigned to: ${s.demo.users.responder2.name}`,
    );
    expect(seen.card).not.toContain(`@${s.users.responder2}`);
    expect(seen.thread).toMatch(/reassigned/i);
  });

  it("changes the priority: the card shows it", async () => {
    const incident = await openIncident("Prioritise me");
    const seen = await more(incident, "priority", {
      choice: answer.choice(s.demo.priorities.P1),
    });
    expect(s.pd.incident(incident.id)?.priorityId).toBe(s.demo.priorities.P1);
    expect(seen.card).toContain("Priority: P1");
  });

  it("adds responders: the request is in the thread", async () => {
    const incident = await openIncident("Need help");
    const seen = await more(incident, "responders", {
      choices: answer.choices([s.demo.users.responder2.id]),
      text: answer.text("Please join the bridge call"),
    });
    expect(s.pd.state.responderRequests.map((r) => r.incidentId))
      .toContain(incident.id);
    expect(seen.thread).toContain(s.demo.users.responder2.name);
  });

  it("runs an incident workflow: it shows in the thread", async () => {
    const incident = await openIncident("Major outage");
    const seen = await more(incident, "workflow", {
      choice: answer.choice(s.demo.workflows.majorIncident),
    });
    expect(s.pd.state.workflowInstances.map((w) => w.incidentId))
      .toContain(incident.id);
    expect(seen.said).toContain("Incident workflow started");
    expect(seen.thread).toContain("Major incident");
  });

  it("posts a status update: it is in the thread", async () => {
    const incident = await openIncident("Slow search");
    const seen = await more(incident, "status", {
      text: answer.text("Mitigation deployed, watching error rates"),
    });
    expect(seen.thread).toContain("Mitigation deployed, watching error rates");
  });

  it("snoozes an acknowledged incident for 4 hours: PagerDuty has it snoozed, Maya is told until when", async () => {
    const incident = await openIncident("Noisy disk alert");
    await s.pressButton({
      user: "manager",
      incidentId: incident.id,
      action: "acknowledge",
      channelId: s.channels.responders,
    });
    await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes("Acknowledged by"),
    );
    const seen = await more(incident, "snooze", {
      choice: answer.choice("14400"),
    });
    expect(s.pd.incident(incident.id)?.snoozedUntil).not.toBeNull();
    expect(s.pd.incident(incident.id)?.status).toBe("acknowledged");
    expect(seen.said).toContain("snoozed for 4 hours (until <!date^");
  });

  it("adds responders from a schedule and an escalation policy: they are in the thread", async () => {
    const incident = await openIncident("Platform is down");
    const seen = await more(incident, "responders", {
      targets: answer.choices([
        `schedule:${s.demo.schedules.platform}`,
        `escalation_policy:${s.demo.escalationPolicies.checkout}`,
      ]),
      text: answer.text("Please join the bridge call"),
    });
    expect(s.pd.state.responderRequests.at(-1)?.targets).toEqual([
      { type: "user", id: s.demo.users.responder2.id },
      { type: "escalation_policy", id: s.demo.escalationPolicies.checkout },
    ]);
    expect(seen.said).toContain("on call for Platform primary");
    expect(seen.thread).toContain(s.demo.users.responder2.name);
  });
});
