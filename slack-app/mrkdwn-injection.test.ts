// Hostile PagerDuty data through the hosted app's messages: what Slack would parse must hold no link,
// mention or special command but the app's own.
import { describe, expect, it } from "../test/slack-app/bdd.ts";
import {
  foreignControls,
  HOSTILE_TEXT,
  HOSTILE_URL,
  HOSTILE_URL_ENCODED,
  SCRIPT_URL,
} from "../test/mrkdwn/hostile-input.ts";
import { listMrkdwnControls } from "../test/mrkdwn/list-mrkdwn-controls.ts";
import { describeBridgeFailure } from "./bridge/bridge-client.ts";
import { describeConnection } from "./functions/connect-channel/connection-views.ts";
import { helpText } from "./functions/help/help-text.ts";
import { incidentDetails } from "./functions/incident-action/incident-details.ts";
import { moreMenuView } from "./functions/incident-action/more-view.ts";
import { describeAlready } from "./incidents/change-incident-status.ts";
import { linkPrompt } from "./messages/link-prompt.ts";
import {
  formatOnCall,
  onCallSubject,
} from "../shared/oncall/format-on-call.ts";
import { explainPagerDutyError } from "./pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "./pagerduty/pagerduty-api-error.ts";
import type { PagerDutyIncident } from "../shared/pagerduty/pagerduty-resources.ts";
import { ephemeralText } from "../test/slack-app/ephemeral-text.ts";
import { elementState } from "../test/slack-app/element-state.ts";
import { submitView } from "../test/slack-app/submit-view.ts";
import { useAppHarness } from "../test/slack-app/use-app-harness.ts";
import type { AppHarness } from "../test/slack-app/start-app-harness.ts";
import { TriggerIncidentWorkflow } from "./workflows/trigger-incident-workflow.ts";
import { WhoIsOnCallWorkflow } from "./workflows/who-is-on-call-workflow.ts";

const ref = (id: string, type: string) => ({
  id,
  type,
  summary: `${type} ${HOSTILE_TEXT}`,
  html_url: HOSTILE_URL,
});
const incident: PagerDutyIncident = {
  id: "PHOSTILE",
  incident_number: 7,
  created_at: "2026-01-01T00:00:00Z",
  title: HOSTILE_TEXT,
  status: "acknowledged",
  urgency: "high",
  html_url: HOSTILE_URL,
  service: ref("PSVC666", "service_reference"),
  escalation_policy: ref("PPOL666", "escalation_policy_reference"),
  priority: ref("PPRI666", "priority_reference"),
  assignments: [{ assignee: ref("PUSR666", "user_reference") }],
};
const own = { linkPrefixes: ["https://x.pagerduty.com/"] };

/** Slack's reading of one mrkdwn string: none of the hostile sequences survive. */
function expectOnlyOwn(text: string, ownControls = own) {
  expect(foreignControls({ text }, ownControls)).toEqual([]);
}

describe("hosted-app messages built from hostile PagerDuty data", () => {
  it("incident details: one PagerDuty link with its URL encoded, names as text", () => {
    const text = incidentDetails(incident);
    expectOnlyOwn(text);
    expect(listMrkdwnControls(text)).toEqual([{
      kind: "link",
      url: HOSTILE_URL_ENCODED,
      label: `#7 ${
        HOSTILE_TEXT.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
          .replaceAll(">", "&gt;")
      }`,
    }]);
    expect(incidentDetails({ ...incident, html_url: SCRIPT_URL })).not
      .toContain("javascript:");
  });

  it("the More menu's incident line", () => {
    expect(foreignControls(moreMenuView(incident), own)).toEqual([]);
  });

  it("who is on call: names escaped, mapped people still mentioned", () => {
    const text = formatOnCall(
      onCallSubject({
        kind: "service",
        name: HOSTILE_TEXT,
        policyName: HOSTILE_TEXT,
      }),
      [{
        level: 1,
        users: [
          { id: "PMAPPED", name: HOSTILE_TEXT, email: undefined, end: null },
          { id: "PUNMAPD", name: HOSTILE_TEXT, email: undefined, end: null },
          { id: "PBADMAP", name: "Mallory", email: undefined, end: null },
        ],
      }],
      new Map([["PMAPPED", "U0MAPPED1"], ["PBADMAP", "U1|<!here>"]]),
    );
    expect(foreignControls({ text }, { users: ["U0MAPPED1"] })).toEqual([]);
    expect(listMrkdwnControls(text)).toEqual([
      { kind: "user", id: "U0MAPPED1" },
    ]);
    expectOnlyOwn(
      formatOnCall(
        onCallSubject({ kind: "escalation_policy", name: HOSTILE_TEXT }),
        [],
        new Map(),
      ),
    );
  });

  it("already acknowledged by someone with a hostile name", () => {
    expectOnlyOwn(describeAlready({
      ok: false,
      reason: "already",
      state: "acknowledged",
      by: HOSTILE_TEXT,
      incident,
    }));
  });

  it("PagerDuty's and the bridge's error messages", async () => {
    for (const [status, code] of [[400, 1006], [400, undefined]] as const) {
      expectOnlyOwn(
        await explainPagerDutyError(
          new PagerDutyApiError(status, code, HOSTILE_TEXT, {
            method: "PUT",
            path: "/incidents/P1",
            errors: [HOSTILE_TEXT],
          }),
          { attempted: "escalate this incident", linkTriggerUrl: undefined },
        ),
      );
    }
    expectOnlyOwn(
      describeBridgeFailure(
        { kind: "invalid", field: "x", message: HOSTILE_TEXT },
        "save the connection",
      ),
    );
  });

  it("connection descriptions name hostile services as text", () => {
    expectOnlyOwn(describeConnection(
      {
        id: "c1",
        channel_id: "C0CHANNEL",
        source_type: "service",
        source_id: "PSVC666",
        notification_type: "responder",
        events: ["incident.triggered"],
        urgency: null,
        priorities: null,
        thread_updates: true,
      },
      { services: [{ id: "PSVC666", name: HOSTILE_TEXT }], teams: [] },
    ));
  });

  it("links configured trigger URLs only when they are web links, with | encoded", () => {
    const prompt = linkPrompt("https://slack.com/shortcuts/Ft01/a|<!channel>");
    expect(listMrkdwnControls(prompt)).toEqual([{
      kind: "link",
      url: "https://slack.com/shortcuts/Ft01/a%7C%3C!channel%3E",
      label: "Link your PagerDuty account",
    }]);
    expect(listMrkdwnControls(linkPrompt(SCRIPT_URL))).toEqual([]);
    const help = helpText({
      TRIGGER_INCIDENT_TRIGGER_URL:
        "https://slack.com/shortcuts/Ft02/t|<!here>",
      ONCALL_TRIGGER_URL: SCRIPT_URL,
    });
    expect(foreignControls({ text: help }, {
      linkPrefixes: ["https://slack.com/shortcuts/"],
    })).toEqual([]);
    expect(help).toContain("ONCALL_TRIGGER_URL");
  });
});

describe("hosted-app flows over a PagerDuty account with hostile names", () => {
  let h: AppHarness;
  useAppHarness((started) => (h = started));

  let seeded: { id: string } | undefined;
  /** A service whose every name is hostile, on call: Eve (hostile name, no Slack user) and Rui (linked). */
  function hostileService() {
    if (seeded) return seeded;
    const { seed } = h.pd;
    const eve = seed.user({
      name: `Eve ${HOSTILE_TEXT}`,
      email: "eve.hostile@example.com",
    });
    const schedule = seed.schedule({
      name: HOSTILE_TEXT,
      userIds: [eve.id, h.demo.users.responder.id],
    });
    const policy = seed.escalationPolicy({
      name: `policy ${HOSTILE_TEXT}`,
      levels: [{ targets: [{ type: "schedule", id: schedule.id }] }],
    });
    seeded = seed.service({
      name: `service ${HOSTILE_TEXT}`,
      escalationPolicyId: policy.id,
    });
    return seeded;
  }

  it("who is on call shows the hostile names as text and still mentions linked people", async () => {
    const service = hostileService();
    h.link("manager");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    const { run: after } = await submitView(run, {
      values: {
        subject: {
          subject_select: elementState.select(`service:${service.id}`),
        },
      },
    });
    const messages = after.ephemeralMessages();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(foreignControls(message, {
        users: [h.slackUsers.responder],
      })).toEqual([]);
    }
    expect(ephemeralText(after)).toContain(`<@${h.slackUsers.responder}>`);
    expect(ephemeralText(after)).toContain("service Disk full &lt;!here&gt;");
  });

  it("the trigger confirmation links the new incident and names the service as text", async () => {
    const service = hostileService();
    h.link("responder");
    const run = await h.run(TriggerIncidentWorkflow, {
      userId: h.slackUsers.responder,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    const { select, text, checkboxes } = elementState;
    const { run: after } = await submitView(run, {
      values: {
        title: { title: text(HOSTILE_TEXT) },
        service: { service: select(service.id) },
        urgency: { urgency: select("high") },
        priority: { priority: select(undefined) },
        description: { description: text(HOSTILE_TEXT) },
        assign_to_me: { assign_to_me: checkboxes([]) },
      },
    });
    expect(after.status).toBe("completed");
    const created = h.pd.renderIncident(
      after.outputs["0"]?.incident_id as string,
    );
    const origin = new URL(String(created.html_url)).origin;
    const [message] = after.ephemeralMessages();
    expect(message?.text).toMatch(/^:rotating_light: You triggered </);
    expect(foreignControls(message, { linkPrefixes: [`${origin}/`] }))
      .toEqual([]);
    expect(listMrkdwnControls(message?.text ?? "")).toHaveLength(1);
  });
});
