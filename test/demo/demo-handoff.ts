// The demo's shift change: a rotating schedule on a "Checkout rotation" service, the Slack user group
// @checkout-oncall kept equal to who is on call, and the handoff posted in #checkout-oncall when the shift turns
// (the PagerDuty simulator's clock is moved past the shift end; the bridge looks every second in the demo).
import { seedRotation } from "../simulators/pagerduty/seed-rotation.ts";
import {
  createUsergroup,
  workspaceUsergroups,
} from "../simulators/slack/usergroups-methods.ts";
import type { Stack } from "../e2e/start-stack.ts";
import { waitFor } from "../e2e/wait-for.ts";
import { DEMO_ALERTS, type Say, sendAlert } from "./demo-lifecycle.ts";

/** The bridge environment the demo's stack needs for the handoff. */
export const HANDOFF_BRIDGE_ENV = { ONCALL_POLL_S: "1" } as const;

/** A clock for the PagerDuty simulator that the demo can move forward. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    moveTo: (at: Date) => (offsetMs = at.getTime() - Date.now()),
  };
}

export async function playHandoff(
  s: Stack,
  clock: ReturnType<typeof movableClock>,
  say: Say,
): Promise<string> {
  const step = (text: string) => say(`▶ ${text}`);
  const rotation = seedRotation(
    s.pd,
    s.demo,
    new Date(clock.now().getTime() - 3600_000),
  );
  const group = createUsergroup(s.slack.workspace, {
    handle: "checkout-oncall",
    users: [s.users.owner],
  });
  const bot = s.slack.call("auth.test", {}, s.bridgeEnv.SLACK_BOT_TOKEN!)
    .user_id as string;
  const channel = s.slack.createChannel({
    name: "checkout-oncall",
    members: [bot, s.users.responder, s.users.responder2],
  }).id;
  const members = () =>
    (workspaceUsergroups(s.slack.workspace).get(group.id)?.users ?? [])
      .map((id) => `@${s.slack.workspace.users.get(id)?.name ?? id}`).join(
        ", ",
      );

  step(
    'An admin ties @checkout-oncall to level 1 of "Checkout rotation policy" and turns on handoffs in #checkout-oncall',
  );
  const saved = await fetch(
    `${s.bridge.url}/api/v1/oncall-groups/checkout-oncall`,
    {
      method: "PUT",
      headers: {
        authorization: `Bearer ${s.bridgeApiToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        usergroup_id: group.id,
        source_type: "escalation_policy",
        source_id: rotation.escalationPolicyId,
        escalation_level: 1,
      }),
    },
  );
  if (saved.status !== 200) {
    throw new Error(`on-call group: ${saved.status} ${await saved.text()}`);
  }
  await s.connect("checkout-oncall-handoffs", {
    channel_id: channel,
    source_type: "service",
    source_id: rotation.serviceId,
    notification_type: "responder",
    events: [],
    thread_updates: true,
    handoffs: true,
  });
  await waitFor(() => members() === `@${rotation.first.name}`, {
    what: "the user group set to who is on call",
  });
  say(
    `    @checkout-oncall: ${members()} (was an admin's hand-picked @${
      s.slack.workspace.users.get(s.users.owner)?.name
    })`,
  );
  step(
    'Alertmanager sends "Checkout p99 latency above 2 s" for Checkout rotation: its card shows what Alertmanager said',
  );
  const { key } = s.pd.seed.eventsIntegration({
    serviceId: rotation.serviceId,
  });
  await sendAlert(s, key, DEMO_ALERTS.latency);
  const open = await waitFor(
    () => s.pd.incidents().find((i) => i.serviceId === rotation.serviceId),
    { what: "the incident the alert opened" },
  );
  await waitFor(
    () => {
      const card = s.card(channel, open.id);
      return card && s.cardText(card).includes("p99 latency")
        ? card
        : undefined;
    },
    { what: "the incident's card with the alert's context" },
  );

  step(
    `The shift ends: ${rotation.second.name} takes over (PagerDuty's clock moves 8 hours on)`,
  );
  clock.moveTo(new Date(rotation.turnStart(1).getTime() + 1_000));
  await waitFor(
    () =>
      members() === `@${rotation.second.name}` &&
      s.slack.transcript(channel).some((m) => m.text.startsWith("Now on call")),
    {
      what: "the group and the handoff after the shift change",
      timeoutMs: 20_000,
    },
  );
  say(`    @checkout-oncall: ${members()}`);
  say();
  return channel;
}
