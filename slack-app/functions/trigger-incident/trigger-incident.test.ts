import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../../test/slack-app/modal-text.ts";
import { submitView } from "../../../test/slack-app/submit-view.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { TriggerIncidentWorkflow } from "../../workflows/trigger-incident-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

function open(persona: DemoPersona) {
  return h.run(TriggerIncidentWorkflow, {
    userId: h.slackUsers[persona],
    inputs: {
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      interactivity: "{{data.interactivity}}",
    },
  });
}

function form(answers: {
  title?: string;
  service?: string;
  urgency?: string;
  priority?: string;
  description?: string;
  assignToMe?: boolean;
}) {
  const { select, text } = elementState;
  return {
    values: {
      title: {
        title: text(answers.title),
      },
      service: { service: select(answers.service) },
      urgency: { urgency: select(answers.urgency ?? "high") },
      priority: { priority: select(answers.priority) },
      description: {
        description: text(answers.description),
      },
      assign_to_me: {
        assign_to_me: elementState.checkboxes(
          answers.assignToMe ? ["yes"] : [],
        ),
      },
    },
  };
}

describe("trigger incident", () => {
  it("opens a form with PagerDuty's services and priorities", async () => {
    h.link("responder");
    const run = await open("responder");
    expect(run.status).toBe("waiting");
    const blocks = run.openViews()[0]?.view.blocks as {
      block_id: string;
      element: { options?: { value: string }[] };
    }[];
    expect(blocks.map((b) => b.block_id)).toEqual([
      "title",
      "service",
      "urgency",
      "priority",
      "description",
      "assign_to_me",
    ]);
    const services = blocks[1]?.element.options?.map((o) => o.value);
    expect(services).toEqual(
      expect.arrayContaining([h.demo.services.checkout, h.demo.services.api]),
    );
    expect(blocks[3]?.element.options?.map((o) => o.value)).toContain(
      h.demo.priorities.P1,
    );
  });

  it("preselects the service the channel is connected to", async () => {
    const put = await fetch(
      `${h.bridgeUrl}/api/v1/connections/trigger-default`,
      {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${h.env.BRIDGE_API_TOKEN}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          channel_id: h.channelId,
          source_type: "service",
          source_id: h.demo.services.api,
          notification_type: "responder",
          events: ["incident.triggered"],
          urgency: null,
          priorities: null,
          thread_updates: false,
        }),
      },
    );
    expect(put.status).toBe(200);
    h.link("responder");
    const run = await open("responder");
    const service = (run.openViews()[0]?.view.blocks as {
      block_id: string;
      element: { initial_option?: { value: string } };
    }[]).find((b) => b.block_id === "service");
    expect(service?.element.initial_option?.value).toBe(h.demo.services.api);
    await fetch(`${h.bridgeUrl}/api/v1/connections/trigger-default`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${h.env.BRIDGE_API_TOKEN}` },
    });
  });

  it("triggers with every field as the linked user", async () => {
    h.link("responder");
    const run = await open("responder");
    const { run: after } = await submitView(
      run,
      form({
        title: "Card payments failing",
        service: h.demo.services.checkout,
        urgency: "low",
        priority: h.demo.priorities.P2,
        description: "Stripe answers 502",
      }),
    );
    expect(after.status).toBe("completed");
    const id = after.outputs["0"]?.incident_id as string;
    const incident = h.pd.incident(id);
    expect(incident).toMatchObject({
      title: "Card payments failing",
      serviceId: h.demo.services.checkout,
      urgency: "low",
      priorityId: h.demo.priorities.P2,
      status: "triggered",
    });
    expect(JSON.stringify(incident?.details)).toContain("Stripe answers 502");
    expect(seen(after)).toContain(
      `You triggered <`,
    );
    expect(seen(after)).toContain(
      `#${incident?.number} Card payments failing>`,
    );
  });

  it("assigns to the user when asked, which PagerDuty starts acknowledged", async () => {
    h.link("manager");
    const run = await open("manager");
    const { run: after } = await submitView(
      run,
      form({
        title: "Disk filling up",
        service: h.demo.services.api,
        assignToMe: true,
      }),
    );
    const incident = h.pd.incident(after.outputs["0"]?.incident_id as string);
    expect(incident?.assignments.map((a) => a.userId)).toEqual([
      h.demo.users.manager.id,
    ]);
    expect(incident?.status).toBe("acknowledged");
  });

  it("asks PagerDuty who the user is once for an 'Assign to me' trigger: the assignee and the From header share it", async () => {
    h.link("manager");
    const run = await open("manager");
    const before = h.pd.requests().length;
    const { run: after } = await submitView(
      run,
      form({
        title: "Queue backing up",
        service: h.demo.services.api,
        assignToMe: true,
      }),
    );
    expect(after.status).toBe("completed");
    const sent = h.pd.requests().slice(before);
    expect(sent.filter((r) => r.path === "/users/me")).toHaveLength(1);
    expect(
      sent.find((r) => r.method === "POST" && r.path === "/incidents")?.headers
        .from,
    ).toBe(h.demo.users.manager.email);
  });

  it("keeps the form open and names the missing fields", async () => {
    h.link("responder");
    const run = await open("responder");
    const { response, run: after } = await submitView(run, form({}));
    expect(response).toEqual({
      response_action: "errors",
      errors: {
        title: "Give the incident a title.",
        service: "Choose a service.",
      },
    });
    expect(after.status).toBe("waiting");
    expect(after.openViews()).toHaveLength(1);
  });

  it("lets an observer trigger (PagerDuty allows it)", async () => {
    h.link("observer");
    const run = await open("observer");
    const { run: after } = await submitView(
      run,
      form({
        title: "Observer saw smoke",
        service: h.demo.services.checkout,
      }),
    );
    expect(after.outputs["0"]?.incident_id).toBeDefined();
  });

  it("tells a stakeholder their role cannot trigger", async () => {
    h.link("stakeholder");
    const run = await open("stakeholder");
    const before = h.pd.incidents().length;
    const { run: after } = await submitView(
      run,
      form({
        title: "Stakeholder alarm",
        service: h.demo.services.checkout,
      }),
    );
    expect(after.outputs["0"]).toEqual({});
    expect(seen(after)).toContain(
      "PagerDuty does not let your role (Stakeholder) trigger an incident",
    );
    expect(h.pd.incidents()).toHaveLength(before);
  });

  it("prompts to link when Slack no longer has the user's token", async () => {
    h.link("limitedStakeholder");
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const run = await open("limitedStakeholder");
    // The modal opened at once; it now says why there is no form, and so does the ephemeral message.
    expect(run.status).toBe("completed");
    expect(run.openViews()).toHaveLength(1);
    expect(modalText(run)).toContain(LINK_TRIGGER_URL);
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
  });

  it("asks a user who never connected PagerDuty to connect before showing the form", async () => {
    const run = await open("responder2");
    expect(run.status).toBe("waiting");
    expect(run.pendingAuthorization?.providerKey).toBe("pagerduty");
    expect(run.openViews()).toEqual([]);
  });

  it("triggers nothing when the form is closed", async () => {
    h.link("responder");
    const before = h.pd.incidents().length;
    const run = await open("responder");
    await run.closeView();
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({});
    expect(seen(run)).toBe("");
    expect(h.pd.incidents()).toHaveLength(before);
  });
});
