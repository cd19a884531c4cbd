import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
  LINK_TRIGGER_URL,
  WEBHOOK_SECRET,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../../test/slack-app/modal-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { startRecordingProxy } from "../../../test/slack-app/start-recording-proxy.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { ConnectChannelWorkflow } from "../../workflows/connect-channel-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";
import { makeIncidentEvent } from "../../../shared/incident/fixtures.ts";
import { signBody } from "../../../bridge/webhooks/verify-signature.ts";
import { waitFor } from "../../../test/e2e/wait-for.ts";
import type {
  ChannelConnections,
  Connection,
} from "../../../shared/bridge-api/bridge-api-schemas.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

async function bridgeConnections(): Promise<Connection[]> {
  const res = await fetch(
    `${h.bridgeUrl}/api/v1/connections?channel_id=${h.channelId}`,
    { headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` } },
  );
  return ((await res.json()) as ChannelConnections).connections;
}

function start(persona: DemoPersona, env: Record<string, string> = {}) {
  h.link(persona);
  return h.run(ConnectChannelWorkflow, {
    userId: h.slackUsers[persona],
    inputs: {
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      interactivity: "{{data.interactivity}}",
    },
    env,
  });
}

const viewText = (run: { openViews(): { view: Record<string, unknown> }[] }) =>
  JSON.stringify(run.openViews().at(-1)?.view.blocks ?? []);

function formValues(answers: {
  source?: string;
  kind?: string;
  events?: string[];
  urgency?: string;
  priorities?: string[];
  thread?: boolean;
  handoffs?: boolean;
}) {
  const { select, multiSelect: many } = elementState;
  return {
    values: {
      source: { source: select(answers.source) },
      notification_type: {
        notification_type: elementState.radio(answers.kind ?? "responder"),
      },
      events: { events: many(answers.events ?? []) },
      urgency: { urgency: select(answers.urgency ?? "any") },
      priorities: { priorities: many(answers.priorities ?? []) },
      thread_updates: {
        thread_updates: elementState.checkboxes(
          answers.thread ? ["thread"] : [],
        ),
      },
      handoffs: {
        handoffs: elementState.checkboxes(answers.handoffs ? ["handoffs"] : []),
      },
    },
  };
}

describe("connect channel", () => {
  it("says the channel is not connected, then adds, edits and removes a connection through the bridge", async () => {
    const run = await start("manager");
    expect(run.status).toBe("waiting");
    expect(viewText(run)).toContain("is not connected to PagerDuty yet");

    await run.clickBlockAction({ actionId: "connection_add" });
    expect(run.openViews().at(-1)?.view.callback_id).toBe("connection_form");
    const { response } = await run.submitView(formValues({
      source: `service:${h.demo.services.checkout}`,
      kind: "stakeholder",
      events: ["incident.triggered", "incident.resolved"],
      urgency: "high",
      priorities: [h.demo.priorities.P1, "no_priority"],
      thread: true,
      handoffs: true,
    }));
    expect(response).toMatchObject({ response_action: "update" });
    const [saved] = await bridgeConnections();
    expect(saved).toMatchObject({
      source_type: "service",
      source_id: h.demo.services.checkout,
      notification_type: "stakeholder",
      events: ["incident.triggered", "incident.resolved"],
      urgency: "high",
      priorities: [h.demo.priorities.P1, "no_priority"],
      thread_updates: true,
      handoffs: true,
    });
    expect(viewText(run)).toContain("Connection saved");
    expect(viewText(run)).toContain("shift handoffs");
    expect(viewText(run)).toContain("*Checkout* (service) · stakeholder");

    await run.clickBlockAction({
      actionId: "connection_edit",
      value: `edit:${saved?.id}`,
    });
    const form = JSON.stringify(run.openViews().at(-1)?.view);
    expect(form).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Checkout"}',
    );
    await run.submitView(formValues({
      source: `team:${h.demo.teams.platform}`,
      events: ["incident.acknowledged"],
    }));
    const edited = await bridgeConnections();
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatchObject({
      id: saved?.id,
      source_type: "team",
      source_id: h.demo.teams.platform,
      notification_type: "responder",
      urgency: null,
      priorities: null,
      thread_updates: false,
    });
    expect(edited[0]?.handoffs).toBeUndefined();

    await run.clickBlockAction({
      actionId: "connection_edit",
      value: `remove:${saved?.id}`,
    });
    expect(await bridgeConnections()).toEqual([]);
    expect(viewText(run)).toContain("Connection removed");
    expect(viewText(run)).toContain("is not connected to PagerDuty yet");
  });

  it("sends the app's trigger URLs to the bridge once per run, not on every button and submission", async () => {
    const bridge = await startRecordingProxy(h.bridgeUrl);
    try {
      const run = await start("manager", { BRIDGE_URL: bridge.url });
      await run.clickBlockAction({ actionId: "connection_add" });
      const { response } = await run.submitView(formValues({
        source: `service:${h.demo.services.checkout}`,
        events: ["incident.triggered"],
      }));
      expect(response).toMatchObject({ response_action: "update" });
      const [saved] = await bridgeConnections();
      await run.clickBlockAction({
        actionId: "connection_edit",
        value: `remove:${saved?.id}`,
      });
      expect(await bridgeConnections()).toEqual([]);
      expect(
        bridge.requests.filter((r) => r === "PUT /api/v1/workflow-triggers"),
      ).toHaveLength(1);
      // Registered before the list was read: the modal opened first, then the URLs, then the form's content.
      expect(bridge.requests[0]).toBe("PUT /api/v1/workflow-triggers");
    } finally {
      await bridge.close();
    }
  });

  it("keeps the form open when no service or update type is chosen", async () => {
    const run = await start("manager");
    await run.clickBlockAction({ actionId: "connection_add" });
    const { response } = await run.submitView(formValues({}));
    expect(response).toEqual({
      response_action: "errors",
      errors: {
        source: "Choose a service or a team.",
        events: "Choose at least one kind of update.",
      },
    });
    expect(await bridgeConnections()).toEqual([]);
  });

  it("keeps the form open and says to invite the bridge's bot when it is not in the private channel", async () => {
    // A public channel the bot is not in is joined by the bridge (bridge-api-route.test.ts); a private one cannot be.
    const outside = h.slack.createChannel({
      name: "no-bridge-bot",
      isPrivate: true,
      members: [h.appBotUserId, h.slackUsers.manager],
    }).id;
    h.link("manager");
    const run = await h.run(ConnectChannelWorkflow, {
      userId: h.slackUsers.manager,
      channelId: outside,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    await run.clickBlockAction({ actionId: "connection_add" });
    const { response } = await run.submitView(formValues({
      source: `service:${h.demo.services.checkout}`,
      events: ["incident.acknowledged"],
    }));
    expect(response).toMatchObject({
      response_action: "errors",
      errors: {
        source: expect.stringMatching(
          /Could not save the connection: .*PagerSlack bot is not in.*\/invite @PagerSlack/,
        ),
      },
    });
    const res = await fetch(
      `${h.bridgeUrl}/api/v1/connections?channel_id=${outside}`,
      { headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` } },
    );
    expect(await res.json()).toEqual({
      connections: [],
      delivery_problem: null,
    });
  });

  it("tells the admin when the bridge's bot was removed from the channel, and saving again delivers what waited", async () => {
    const run = await start("manager");
    await run.clickBlockAction({ actionId: "connection_add" });
    await run.submitView(formValues({
      source: `service:${h.demo.services.checkout}`,
      events: ["incident.acknowledged"],
    }));
    const [saved] = await bridgeConnections();

    // Someone removes the bridge's bot from the channel; then PagerDuty triggers an incident.
    const channel = h.slack.workspace.channels.get(h.channelId)!;
    channel.members.delete(h.bridgeBotUserId);
    const event = makeIncidentEvent("incident.triggered", {
      occurred_at: new Date().toISOString(),
      incident: {
        id: "PPARKED1",
        service: {
          id: h.demo.services.checkout,
          type: "service_reference",
          summary: "Checkout",
        },
      },
    });
    const body = JSON.stringify({ event });
    const delivered = await fetch(`${h.bridgeUrl}/webhooks/pagerduty`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-PagerDuty-Signature": signBody(body, [WEBHOOK_SECRET]),
      },
    });
    expect(delivered.status).toBe(202);
    await waitFor(async () => {
      const res = await fetch(
        `${h.bridgeUrl}/api/v1/connections?channel_id=${h.channelId}`,
        { headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` } },
      );
      expect((await res.json()).delivery_problem).toMatchObject({
        error: "not_in_channel",
        parked_jobs: 1,
      });
      return true;
    });

    const again = await start("manager");
    expect(viewText(again)).toMatch(
      /cards cannot be posted here.*not_in_channel.*1 card or update is waiting.*\/invite @PagerSlack/,
    );

    // The admin invites the bot back and saves the connection again: the card is posted.
    channel.members.add(h.bridgeBotUserId);
    await again.clickBlockAction({
      actionId: "connection_edit",
      value: `edit:${saved?.id}`,
    });
    await again.submitView(formValues({
      source: `service:${h.demo.services.checkout}`,
      events: ["incident.acknowledged"],
    }));
    await waitFor(() =>
      h.slack.transcript(h.channelId).filter((m) =>
        m.metadata?.event_payload?.incident_id === "PPARKED1"
      ).length === 1
    );
    expect(viewText(again)).not.toContain("cannot be posted");
  });

  it("says the bridge is unreachable instead of showing an empty list", async () => {
    const run = await start("manager", { BRIDGE_URL: "http://127.0.0.1:9" });
    // The modal opened at once (loading); it now says why there is no list, and so does the ephemeral.
    expect(modalText(run)).toContain("the pagerslack bridge is unreachable");
    expect(seen(run)).toContain("the pagerslack bridge is unreachable");
  });

  it("says the bridge refused the app's token", async () => {
    const run = await start("manager", { BRIDGE_API_TOKEN: "wrong" });
    expect(seen(run)).toContain("the bridge refused this app's token");
  });

  it("prompts to link when Slack no longer has the user's token", async () => {
    h.link("limitedStakeholder");
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const run = await h.run(ConnectChannelWorkflow, {
      userId: h.slackUsers.limitedStakeholder,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    expect(modalText(run)).toContain(LINK_TRIGGER_URL);
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
  });
});
