// The demo's story, shared by `npm run demo` (run-demo.ts) and the browser test (demo-page.browser.test.ts): what
// the simulated account holds, then an incident's lifecycle with button presses from three people.
import { ROLE_NAMES } from "../../shared/pagerduty/role-names.ts";
import { answer, fillMoreAction } from "../e2e/fill-more-action.ts";
import type { Stack } from "../e2e/start-stack.ts";
import { submitView } from "../slack-app/submit-view.ts";
import { waitFor } from "../e2e/wait-for.ts";
import { renderChannel } from "./render-channel.ts";

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
    const grouping = service.alertGrouping
      ? `, groups alerts for ${service.alertGrouping.timeoutMinutes} min (time-based alert grouping)`
      : "";
    say(
      `  service ${service.name} → escalation policy "${policy?.name}"${grouping}`,
    );
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

/**
 * The demo's monitoring tool: what Prometheus Alertmanager (say) sends PagerDuty's Events API v2 for Checkout,
 * with the context a responder needs at 3 am (where, how bad, the runbook and the dashboard).
 */
export const DEMO_ALERTS = {
  errorRate: {
    event_action: "trigger",
    dedup_key: "checkout-api/http-5xx-rate",
    client: "Prometheus Alertmanager",
    client_url: "https://alertmanager.example.com",
    payload: {
      summary: "Checkout error rate above 5%",
      source: "checkout-api.prod.example.com",
      severity: "critical",
      component: "checkout-api",
      group: "prod-eu-west-1",
      class: "http_5xx_rate",
      custom_details: {
        "error rate": "7.3% (threshold 5%)",
        window: "5 min",
        region: "eu-west-1",
        "last deploy": "checkout-api v2.14.0 at 14:02",
      },
    },
    links: [
      {
        href: "https://wiki.example.com/runbooks/checkout-5xx",
        text: "Runbook: checkout 5xx",
      },
      {
        href: "https://grafana.example.com/d/checkout-api",
        text: "Checkout API dashboard",
      },
    ],
  },
  latency: {
    event_action: "trigger",
    dedup_key: "checkout-api/p99-latency",
    client: "Prometheus Alertmanager",
    payload: {
      summary: "Checkout p99 latency above 2 s",
      source: "checkout-api.prod.example.com",
      severity: "error",
      component: "checkout-api",
      custom_details: { "p99 latency": "2.8 s (threshold 2 s)" },
    },
  },
} as const;

/** Sends an event to PagerDuty's Events API v2 with a service's integration key. */
export async function sendAlert(
  s: Stack,
  routingKey: string,
  event: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${s.pd.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...event, routing_key: routingKey }),
  });
  if (response.status !== 202) {
    throw new Error(
      `Events API refused the alert: ${response.status} ${await response
        .text()}`,
    );
  }
}

/** The demo account's setting the story needs: Checkout groups its alerts into one incident. */
export function prepareAccount(s: Stack): void {
  s.pd.seed.alertGrouping(s.demo.services.checkout, {
    type: "time",
    timeoutMinutes: 10,
  });
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
  prepareAccount(s);
  s.link("responder");
  s.link("manager");
  await turnOnIncidentDms(s, "responder");

  step(
    'Alertmanager sends "Checkout error rate above 5%" (critical, runbook and dashboard links) to PagerDuty\'s Events API; PagerDuty opens an incident on Checkout',
  );
  await sendAlert(s, s.demo.routingKeys.checkout, DEMO_ALERTS.errorRate);
  const incident = await waitFor(
    () =>
      s.pd.incidents().find((i) =>
        i.incidentKey === DEMO_ALERTS.errorRate.dedup_key
      ),
    { what: "the incident the alert opened" },
  );
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes("Runbook: checkout 5xx"),
  );
  step(
    "the bridge posts the card in #inc-checkout and #checkout-status, with what Alertmanager said (fetched from the alert once)",
  );
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

  step(
    'Alertmanager sends "Checkout p99 latency above 2 s": PagerDuty groups it into the same incident (no webhook says so)',
  );
  await sendAlert(s, s.demo.routingKeys.checkout, DEMO_ALERTS.latency);
  await waitFor(
    () =>
      s.pd.state.alerts.filter((a) => a.incidentId === incident.id).length ===
        2 || undefined,
    { what: "the second alert grouped into the incident" },
  );

  step(
    `${rui.name} clicks [Acknowledge]; the card's next edit also counts the incident's alerts`,
  );
  await s.pressButton({
    user: "responder",
    incidentId: incident.id,
    action: "acknowledge",
    channelId: channel,
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) =>
      text.includes(`Acknowledged by ${rui.name}`) &&
      text.includes("2 alerts (2 triggered)"),
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
  say(
    "    the card in #inc-checkout while the incident is open (what Alertmanager said is under the summary):",
  );
  say(
    renderChannel(s.slack, channel, { ephemeral: false }).replace(
      /^/gm,
      "    ",
    ),
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
