import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import type { AppHarness } from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../../test/slack-app/modal-text.ts";
import { submitView } from "../../../test/slack-app/submit-view.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { startRecordingProxy } from "../../../test/slack-app/start-recording-proxy.ts";
import { IncidentActionWorkflow } from "../../workflows/incident-action-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

function openIncident() {
  return h.pd.triggerIncident({
    serviceId: h.demo.services.checkout,
    title: "Checkout is slow",
  });
}

async function openMore(
  persona: DemoPersona,
  incidentId: string,
  env: Record<string, string> = {},
) {
  h.link(persona);
  const run = await h.run(IncidentActionWorkflow, {
    userId: h.slackUsers[persona],
    messageTs: h.postCard("card"),
    inputs: {
      incident_id: incidentId,
      action: "more",
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      message_ts: "{{data.message_ts}}",
      interactivity: "{{data.interactivity}}",
    },
    env,
  });
  return run;
}

/** Opens More, picks `kind` and submits the form with `values` (block_id = action_id). */
async function more(
  persona: DemoPersona,
  incidentId: string,
  kind: string,
  values: Record<string, Record<string, unknown>>,
  env: Record<string, string> = {},
) {
  const run = await openMore(persona, incidentId, env);
  expect(run.status).toBe("waiting");
  await run.clickBlockAction({ actionId: "more_choose", value: kind });
  expect(run.openViews().at(-1)?.view.callback_id).toBe("more_form");
  const state = Object.fromEntries(
    Object.entries(values).map(([field, v]) => [field, { [field]: v }]),
  );
  return (await submitView(run, { values: state })).run;
}

const { text, select: choice } = elementState;

describe("more actions", () => {
  it("shows the incident's details and the menu of actions", async () => {
    const incident = openIncident();
    const run = await openMore("responder", incident.id);
    const view = run.openViews()[0]?.view;
    const blocks = JSON.stringify(view?.blocks);
    expect(view?.callback_id).toBe("more_actions");
    expect(blocks).toContain(`#${incident.number} Checkout is slow`);
    expect(blocks).toContain("*Status:* triggered");
    expect(blocks).toContain("*Service:* Checkout");
    for (
      const label of [
        "Add a note",
        "Escalate",
        "Reassign",
        "Change priority",
        "Change urgency",
        "Run an incident workflow",
        "Add responders",
        "Post a status update",
        "Incident channel",
      ]
    ) expect(blocks).toContain(label);
  });

  it("adds a note as the user, then asks the bridge to refresh the card", async () => {
    const proxy = await startRecordingProxy(h.bridgeUrl);
    try {
      const incident = openIncident();
      const run = await more("responder", incident.id, "note", {
        text: text("Looking at the DB"),
      }, { BRIDGE_URL: proxy.url });
      expect(run.outputs["0"]).toEqual({ outcome: "done" });
      const notes = h.pd.notes(incident.id);
      expect(notes.map((n) => n.content)).toEqual(["Looking at the DB"]);
      expect(seen(run)).toContain(`Note added to #${incident.number}`);
      expect(proxy.requests).toEqual([
        `POST /api/v1/incidents/${incident.id}/refresh`,
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("escalates to the chosen level, offering the policy's levels", async () => {
    const incident = openIncident();
    const run = await openMore("responder", incident.id);
    await run.clickBlockAction({ actionId: "more_choose", value: "escalate" });
    expect(JSON.stringify(run.openViews().at(-1)?.view.blocks)).toContain(
      "Level 2",
    );
    const { run: after } = await submitView(run, {
      values: { choice: { choice: choice("2") } },
    });
    expect(after.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.escalationLevel).toBe(2);
  });

  it("reassigns, changes priority and urgency", async () => {
    const incident = openIncident();
    await more("responder", incident.id, "reassign", {
      choice: choice(h.demo.users.manager.id),
    });
    expect(h.pd.incident(incident.id)?.assignments.map((a) => a.userId))
      .toEqual([h.demo.users.manager.id]);
    await more("responder", incident.id, "priority", {
      choice: choice(h.demo.priorities.P1),
    });
    expect(h.pd.incident(incident.id)?.priorityId).toBe(h.demo.priorities.P1);
    const run = await more("responder", incident.id, "urgency", {
      choice: choice("low"),
    });
    expect(h.pd.incident(incident.id)?.urgency).toBe("low");
    expect(seen(run)).toContain("urgency is now low");
  });

  it("runs an incident workflow, requests responders and posts a status update", async () => {
    const incident = openIncident();
    h.pd.clearRequests();
    await more("manager", incident.id, "workflow", {
      choice: choice(h.demo.workflows.majorIncident),
    });
    await more("manager", incident.id, "responders", {
      choices: {
        type: "multi_static_select",
        selected_options: [{ value: h.demo.users.responder2.id }],
      },
      text: text("Need payments expertise"),
    });
    const run = await more("manager", incident.id, "status", {
      text: text("Mitigated, monitoring"),
    });
    expect(seen(run)).toContain("Status update posted");
    const writes = h.pd.requests().filter((r) => r.method === "POST").map((
      r,
    ) => `${r.path} ${r.status}`);
    expect(writes).toEqual([
      `/incident_workflows/${h.demo.workflows.majorIncident}/instances 201`,
      `/incidents/${incident.id}/responder_requests 200`,
      `/incidents/${incident.id}/status_updates 200`,
    ]);
  });

  it("creates a private incident channel through the bridge", async () => {
    const incident = openIncident();
    const run = await more("responder", incident.id, "channel", {
      visibility: {
        type: "radio_buttons",
        selected_option: { value: "private" },
      },
    });
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    const created = [...h.slack.workspace.channels.values()].find((c) =>
      c.isPrivate && c.members.has(h.slackUsers.responder)
    );
    expect(created).toBeDefined();
    expect(seen(run)).toContain(`<#${created?.id}> is the incident channel`);
  });

  it("says the bridge is unreachable when setting an incident channel", async () => {
    const incident = openIncident();
    const run = await more("responder", incident.id, "channel", {
      visibility: {
        type: "radio_buttons",
        selected_option: { value: "public" },
      },
    }, { BRIDGE_URL: "http://127.0.0.1:9" });
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("the pagerslack bridge is unreachable");
  });

  it("reports a stakeholder's and an observer's denials", async () => {
    const incident = openIncident();
    const stakeholder = await more("stakeholder", incident.id, "note", {
      text: text("hello"),
    });
    expect(seen(stakeholder)).toContain(
      "PagerDuty does not let your role (Stakeholder) add a note to this incident",
    );
    const observer = await more("observer", incident.id, "urgency", {
      choice: choice("low"),
    });
    expect(seen(observer)).toContain(
      "PagerDuty does not let your role (Observer) change this incident's urgency",
    );
    expect(h.pd.notes(incident.id)).toEqual([]);
    expect(h.pd.incident(incident.id)?.urgency).toBe("high");
  });

  it("says the incident does not exist instead of opening an empty menu", async () => {
    const run = await openMore("responder", "PGONE404");
    // The menu opened at once (loading); it now says why, and so does the ephemeral in the card's thread.
    expect(modalText(run)).toContain("PagerDuty has no such incident");
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("PagerDuty has no such incident");
  });
});

const multi = (...values: string[]) => ({
  type: "multi_static_select",
  selected_options: values.map((value) => ({ value })),
});

function acknowledgedIncident() {
  const incident = openIncident();
  h.pd.updateIncident(
    incident.id,
    { status: "acknowledged" },
    h.demo.users.responder.id,
  );
  return incident;
}

const menuLabels = (run: { openViews(): { view: { blocks?: unknown } }[] }) =>
  JSON.stringify(run.openViews()[0]?.view.blocks);

describe("more actions: snooze", () => {
  it("is offered for acknowledged incidents only", async () => {
    const triggered = openIncident();
    expect(menuLabels(await openMore("responder", triggered.id))).not
      .toContain('"Snooze"');
    const acked = acknowledgedIncident();
    const run = await openMore("responder", acked.id);
    expect(menuLabels(run)).toContain('"Snooze"');
    await run.clickBlockAction({ actionId: "more_choose", value: "snooze" });
    const form = JSON.stringify(run.openViews().at(-1)?.view.blocks);
    for (const choice of ["1 hour", "4 hours", "24 hours", "Custom…"]) {
      expect(form).toContain(choice);
    }
  });

  it("snoozes for a preset or a typed length, as the user, with the From header", async () => {
    const incident = acknowledgedIncident();
    h.pd.clearRequests();
    const run = await more("responder", incident.id, "snooze", {
      choice: choice("14400"),
    });
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(seen(run)).toContain(
      `#${incident.number} Checkout is slow snoozed for 4 hours`,
    );
    const snoozes = h.pd.requests().filter((r) => r.path.endsWith("/snooze"));
    expect(snoozes.map((r) => r.status)).toEqual([201]);
    expect(h.pd.incident(incident.id)?.snoozedUntil).not.toBeNull();

    const custom = await more("responder", incident.id, "snooze", {
      choice: choice("custom"),
      duration: text("90m"),
    });
    expect(seen(custom)).toContain("snoozed for 90 minutes");
  });

  it("refuses a custom length PagerDuty would not take, without calling it", async () => {
    const incident = acknowledgedIncident();
    h.pd.clearRequests();
    const tooLong = await more("responder", incident.id, "snooze", {
      choice: choice("custom"),
      duration: text("8d"),
    });
    expect(tooLong.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(tooLong)).toContain(
      '"8d" is not a snooze length PagerDuty accepts',
    );
    const empty = await more("responder", incident.id, "snooze", {
      choice: choice("custom"),
    });
    expect(seen(empty)).toContain("Type how long to snooze for");
    expect(h.pd.requests().filter((r) => r.path.endsWith("/snooze"))).toEqual(
      [],
    );
    expect(h.pd.incident(incident.id)?.snoozedUntil).toBeNull();
  });

  it("says what PagerDuty refused: a stakeholder's role, a triggered or a resolved incident", async () => {
    const incident = acknowledgedIncident();
    const stakeholder = await more("stakeholder", incident.id, "snooze", {
      choice: choice("3600"),
    });
    expect(seen(stakeholder)).toContain(
      "PagerDuty does not let your role (Stakeholder) snooze this incident",
    );
    expect(h.pd.incident(incident.id)?.snoozedUntil).toBeNull();

    // The form was opened while acknowledged; Maya resolved the incident before the submit.
    const stale = await openMore("responder", incident.id);
    await stale.clickBlockAction({ actionId: "more_choose", value: "snooze" });
    h.pd.updateIncident(
      incident.id,
      { status: "resolved" },
      h.demo.users.manager.id,
    );
    const { run: afterResolve } = await submitView(stale, {
      values: { choice: { choice: choice("3600") } },
    });
    expect(afterResolve.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(afterResolve)).toContain(
      `Incident #${incident.number} is already resolved by Maya Manager`,
    );
  });

  it("explains PagerDuty's 'not acknowledged' refusal", async () => {
    const incident = acknowledgedIncident();
    const run = await openMore("responder", incident.id);
    await run.clickBlockAction({ actionId: "more_choose", value: "snooze" });
    // Reassigning sends the incident back to triggered in PagerDuty.
    h.pd.updateIncident(incident.id, {
      assignments: [{
        assignee: { id: h.demo.users.manager.id, type: "user_reference" },
      }],
    }, h.demo.users.manager.id);
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
    const { run: after } = await submitView(run, {
      values: { choice: { choice: choice("3600") } },
    });
    expect(after.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(after)).toContain(
      "PagerDuty only snoozes acknowledged incidents",
    );
  });
});

describe("more actions: add responders", () => {
  it("offers people, escalation policies and schedules", async () => {
    const incident = openIncident();
    const run = await openMore("manager", incident.id);
    await run.clickBlockAction({
      actionId: "more_choose",
      value: "responders",
    });
    const form = JSON.stringify(run.openViews().at(-1)?.view.blocks);
    expect(form).toContain("Rui Responder");
    expect(form).toContain(
      `escalation_policy:${h.demo.escalationPolicies.checkout}`,
    );
    expect(form).toContain(`schedule:${h.demo.schedules.payments}`);
    expect(form).toContain("Schedules (whoever is on call now)");
  });

  it("asks a schedule's current on-call person and an escalation policy, with the message", async () => {
    const incident = openIncident();
    const run = await more("manager", incident.id, "responders", {
      targets: multi(
        `schedule:${h.demo.schedules.platform}`,
        `escalation_policy:${h.demo.escalationPolicies.platform}`,
      ),
      text: text("Need platform expertise"),
    });
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    const request = h.pd.state.responderRequests.at(-1);
    expect(request?.incidentId).toBe(incident.id);
    expect(request?.requesterId).toBe(h.demo.users.manager.id);
    expect(request?.message).toBe("Need platform expertise");
    expect(request?.targets).toEqual([
      { type: "user", id: h.demo.users.responder2.id },
      { type: "escalation_policy", id: h.demo.escalationPolicies.platform },
    ]);
    expect(seen(run)).toContain(
      `${h.demo.users.responder2.name} (on call for Platform primary)`,
    );
  });

  it("asks to pick someone when nothing was picked, and reports a stakeholder's denial", async () => {
    const incident = openIncident();
    const before = h.pd.state.responderRequests.length;
    const none = await more("manager", incident.id, "responders", {
      text: text("Anyone?"),
    });
    expect(none.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(none)).toContain(
      "Pick at least one person, escalation policy or schedule",
    );
    const stakeholder = await more("stakeholder", incident.id, "responders", {
      choices: multi(h.demo.users.responder2.id),
      text: text("help"),
    });
    expect(seen(stakeholder)).toContain(
      "PagerDuty does not let your role (Stakeholder) add responders to this incident",
    );
    expect(h.pd.state.responderRequests.length).toBe(before);
  });
});
