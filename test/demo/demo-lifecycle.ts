// The demo's story, shared by `npm run demo` (run-demo.ts) and the browser test (demo-page.browser.test.ts): what
// the simulated account holds, then an incident's lifecycle with button presses from three people.
import { ROLE_NAMES } from "../../shared/pagerduty/role-names.ts";
import { answer, fillMoreAction } from "../e2e/fill-more-action.ts";
import type { Stack } from "../e2e/start-stack.ts";
import { submitView } from "../slack-app/submit-view.ts";
import { waitFor } from "../e2e/wait-for.ts";

export type Say = (text?: string) => void;
const stdout: Say = (text = "") => process.stdout.write(`${text}\n`);

/** Where the story stops for a moment: a watcher (the browser test) may check the page before it goes on. */
export type LifecycleMoment =
  | "card-posted"
  | "acknowledged"
  | "priority-changed"
  | "resolved";

export interface LifecycleOptions {
  say?: Say;
  /** Awaited at each moment; the lifecycle waits for it before the next button press. */
  after?: (moment: LifecycleMoment) => Promise<void>;
}

export function describeAccount(s: Stack, say: Say = stdout): void {
  const { state } = s.pd;
  const userName = (id: string) => state.users.get(id)?.name ?? id;
  const target = (t: { type: string; id: string }) =>
    t.type === "schedule"
      ? `schedule "${state.schedules.get(t.id)?.name}" (${
        (state.schedules.get(t.id)?.shifts ?? []).map((x) => userName(x.userId))
          .join(", ")
      })`
      : userName(t.id);
  say("PagerDuty account (simulated):");
  for (const service of state.services.values()) {
    const policy = state.escalationPolicies.get(service.escalationPolicyId);
    say(`  service ${service.name} → escalation policy "${policy?.name}"`);
  }
  for (const policy of state.escalationPolicies.values()) {
    say(`  escalation policy "${policy.name}":`);
    policy.levels.forEach((level, i) =>
      say(
        `    level ${i + 1}: ${
          level.targets.map(target).join(", ")
        }, escalates after ${level.delayMinutes} min`,
      )
    );
  }
  say(
    `  users: ${
      [...state.users.values()].map((u) =>
        `${u.name} (${ROLE_NAMES[u.role] ?? u.role})`
      ).join(", ")
    }`,
  );
  say("Slack workspace (simulated):");
  say(
    `  #inc-checkout: connected to Checkout as a responder channel (buttons, updates in threads)`,
  );
  say(
    `  #checkout-status: connected to Checkout as a stakeholder channel (no buttons, resolutions only)`,
  );
  say(
    `  Rui Responder and Maya Manager linked their PagerDuty accounts; Nina Newcomer has not.`,
  );
  say(
    `  Rui Responder turned on incident DMs in "My notifications" (every incident assigned to him).`,
  );
  say();
}

/** What the hosted app's My notifications saves in the bridge (the workflow itself runs in its own tests). */
async function turnOnIncidentDms(s: Stack, persona: "responder") {
  const response = await fetch(
    `${s.bridge.url}/api/v1/notification-preferences/${s.users[persona]}`,
    {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${s.bridgeApiToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        pagerduty_user_id: s.demo.users[persona].id,
        incident_dms: "all",
      }),
    },
  );
  if (response.status !== 200) {
    throw new Error(`turning on incident DMs: ${response.status}`);
  }
}

/** The IM in which the bridge DMed the person an incident card, once it did. */
export function dmChannelOf(
  s: Stack,
  persona: "responder",
): string | undefined {
  return [...s.slack.workspace.channels.values()].find((c) =>
    c.isIm && c.members.has(s.users[persona]) &&
    s.slack.transcript(c.id).some((m) =>
      m.metadata?.event_type === "pagerduty_incident"
    )
  )?.id;
}

export async function playLifecycle(
  s: Stack,
  { say = stdout, after }: LifecycleOptions = {},
): Promise<void> {
  const step = (text: string) => say(`▶ ${text}`);
  const reached = async (moment: LifecycleMoment) => {
    if (after) await after(moment);
  };
  const channel = s.channels.responders;
  const rui = s.demo.users.responder;
  s.link("responder");
  s.link("manager");
  await turnOnIncidentDms(s, "responder");

  step(
    'PagerDuty: the monitoring integration triggers "Checkout error rate above 5%" on Checkout',
  );
  const incident = s.pd.triggerIncident({
    serviceId: s.demo.services.checkout,
    title: "Checkout error rate above 5%",
    urgency: "high",
  });
  await s.waitForCard(channel, incident.id);
  step("the bridge posts the card in #inc-checkout and #checkout-status");
  await s.waitForCard(s.channels.stakeholders, incident.id);
  await waitFor(() => dmChannelOf(s, "responder"), {
    what: `${rui.name}'s incident DM`,
  });
  step(
    `the bridge DMs ${rui.name} the card too: PagerDuty assigned it to him, and he turned incident DMs on`,
  );
  await reached("card-posted");

  step("Nina Newcomer clicks [Acknowledge] (she never linked PagerDuty)");
  const nina = await s.pressButton({
    user: "newcomer",
    incidentId: incident.id,
    action: "acknowledge",
    channelId: channel,
  });
  if (nina.pendingAuthorization) {
    say(
      "    Slack asks her to connect her PagerDuty account first; nothing runs until she does.",
    );
  }

  step(`${rui.name} clicks [Acknowledge]`);
  await s.pressButton({
    user: "responder",
    incidentId: incident.id,
    action: "acknowledge",
    channelId: channel,
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes(`Acknowledged by ${rui.name}`),
  );
  await reached("acknowledged");

  step(
    'Maya Manager clicks [More actions…] → "Change priority" → P1',
  );
  const more = await s.pressButton({
    user: "manager",
    incidentId: incident.id,
    action: "more",
    channelId: channel,
  });
  await fillMoreAction(more, "priority", {
    choice: answer.choice(s.demo.priorities.P1),
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes("Priority: P1"),
  );
  await reached("priority-changed");

  step(
    `${rui.name} clicks [Resolve] and writes a resolution note`,
  );
  const resolve = await s.pressButton({
    user: "responder",
    incidentId: incident.id,
    action: "resolve",
    channelId: channel,
  });
  await submitView(resolve, {
    values: {
      resolution: {
        resolution_note: {
          type: "plain_text_input",
          value: "Rolled back the 14:02 deploy; error rate back to 0.1%",
        },
      },
    },
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes(`Resolved by ${rui.name}`),
  );
  await s.waitForQuiet();
  await reached("resolved");
  step(
    `PagerDuty now says: #${incident.number} ${
      s.pd.incident(incident.id)?.status
    }, last changed by ${rui.name}`,
  );
  say();
}
