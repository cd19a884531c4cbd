// Issue 18 items 2–4: a Slack user group kept equal to who is on call, and shift handoffs, against both simulators
// and the real bridge process. The PagerDuty simulator's clock is moved past each shift end (its schedules rotate
// with it); the bridge looks at GET /oncalls every second (ONCALL_POLL_S=1) instead of every minute.
import { describe, expect, it } from "vitest";
import { HANDOFF_METADATA_EVENT_TYPE } from "../../shared/cards/render-handoff.ts";
import {
  type Rotation,
  seedRotation,
} from "../simulators/pagerduty/seed-rotation.ts";
import {
  createUsergroup,
  editUsergroupByHand,
  workspaceUsergroups,
} from "../simulators/slack/usergroups-methods.ts";
import { runBridgeCommand } from "./run-bridge-command.ts";
import type { Stack } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { waitFor } from "./wait-for.ts";

let offsetMs = 0;
const pdNow = () => new Date(Date.now() + offsetMs);
let s: Stack;
let rotation: Rotation;
let group: string;
let channel: string;
useStack((started) => {
  s = started;
  rotation = seedRotation(s.pd, s.demo, new Date(Date.now() - 3600_000));
  group = createUsergroup(s.slack.workspace, {
    handle: "checkout-oncall",
    users: [s.users.owner],
  }).id;
  // The bridge's bot is in the channel (as after /invite @PagerSlack).
  const bot = s.slack.call("auth.test", {}, s.bridgeEnv.SLACK_BOT_TOKEN!)
    .user_id as string;
  channel = s.slack.createChannel({ name: "checkout-oncall", members: [bot] })
    .id;
}, {
  bridgeEnv: { ONCALL_POLL_S: "1" },
  pagerDutyNow: pdNow,
  logLevel: process.env.E2E_LOG ?? "warn",
});

const members = () => workspaceUsergroups(s.slack.workspace).get(group)!.users;
const handoffs = () =>
  s.slack.transcript(channel).filter((m) =>
    m.metadata?.event_type === HANDOFF_METADATA_EVENT_TYPE
  );
const handoffBlocks = () =>
  s.slack.calls({ method: "chat.postMessage" })
    .filter((c) =>
      c.args.channel === channel &&
      String(c.args.metadata).includes(HANDOFF_METADATA_EVENT_TYPE)
    )
    .map((c) => String(c.args.blocks));

async function api(path: string, body: unknown) {
  const response = await fetch(`${s.bridge.url}${path}`, {
    method: "PUT",
    headers: {
      authorization: `Bearer ${s.bridgeApiToken}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Moves PagerDuty's clock to `ms` past the start of turn `k` (the bridge sees the change at its next look). */
const moveTo = (k: number, ms = 1_000) =>
  offsetMs = rotation.turnStart(k).getTime() + ms - Date.now();

describe("on-call user groups and shift handoffs", () => {
  it(
    "follow the schedule, post each handoff once across a restart, and leave a hand-edited group alone",
    async () => {
      // The Connect workflow's two calls: the on-call group, and the channel's handoffs.
      const saved = await api("/api/v1/oncall-groups/checkout", {
        usergroup_id: group,
        source_type: "escalation_policy",
        source_id: rotation.escalationPolicyId,
        escalation_level: 1,
      });
      expect(saved).toMatchObject({ status: 200, body: { state: "pending" } });
      await s.connect("checkout-handoffs", {
        channel_id: channel,
        source_type: "service",
        source_id: rotation.serviceId,
        notification_type: "responder",
        events: [],
        thread_updates: true,
        handoffs: true,
      });
      const rui = s.users.responder;
      const rosa = s.users.responder2;
      // Saving it hands the group to the bridge: its members become who is on call now.
      await waitFor(() => members().join() === rui, {
        what: "the group set to Rui",
      });
      const open = s.pd.triggerIncident({
        serviceId: rotation.serviceId,
        title: "Checkout latency above 2 s",
      });
      await waitFor(() => s.card(channel, open.id), {
        what: "the incident's card",
      });

      // Shift change: Rosa takes over.
      moveTo(1);
      await waitFor(
        () => members().join() === rosa && handoffs().length === 1,
        {
          what: "the group and the handoff after the first shift change",
          describe: () => ({
            members: members(),
            handoffs: handoffs().length,
            logs: s.bridge.logs.slice(-15),
          }),
        },
      );
      // Within a minute of simulated time after the shift end.
      expect(pdNow().getTime() - rotation.turnStart(1).getTime())
        .toBeLessThan(60_000);
      const [first] = handoffBlocks();
      expect(first).toContain("Now on call for *Checkout rotation*");
      expect(first).toContain(`<@${rosa}>`);
      expect(first).toContain("(was Rui Responder)");
      expect(first).not.toContain(`<@${rui}>`);
      expect(first).toContain("Checkout latency above 2 s");

      // A restart in the middle of the next change: the change happens while the bridge is down.
      await s.bridge.stop();
      moveTo(2);
      await s.bridge.restart();
      await waitFor(() => members().join() === rui && handoffs().length === 2, {
        what: "the group and one more handoff after the restart",
        describe: () => ({ members: members(), handoffs: handoffs().length }),
      });
      // A few more looks change nothing.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(handoffs()).toHaveLength(2);

      // Someone edits the group by hand: the bridge does not overwrite it, and doctor says so.
      editUsergroupByHand(
        s.slack.workspace,
        group,
        [s.users.owner],
        s.users.owner,
      );
      moveTo(3);
      await waitFor(() => handoffs().length === 3, {
        what: "the third handoff",
      });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(members()).toEqual([s.users.owner]);
      const doctor = await runBridgeCommand(["doctor"], s.bridgeEnv);
      expect(doctor.stdout).toMatch(
        /on-call user groups: checkout .*edited by hand/s,
      );
      expect(doctor.code).toBe(1);
      // The status page shows the same finding.
      const page = await fetch(`${s.bridge.url}/`, {
        headers: { authorization: `Bearer ${s.bridgeApiToken}` },
      });
      expect(await page.text()).toMatch(
        /on-call user groups: checkout[^<]*<\/[a-z]+>[\s\S]*?edited by hand/,
      );

      // Resume from the Connect workflow: saving the group again lets the bridge set the members.
      await api("/api/v1/oncall-groups/checkout", {
        usergroup_id: group,
        source_type: "escalation_policy",
        source_id: rotation.escalationPolicyId,
        escalation_level: 1,
      });
      await waitFor(() => members().join() === rosa, {
        what: "the resumed group",
      });
    },
    90_000,
  );
});
