// Issue 18: an on-call user group made from the Connect workflow, not through the bridge API by hand. A person
// opens Connect, adds a group tying a Slack user group to level 1 of an escalation policy (listed as them through
// PagerDuty; the user groups listed by the bridge's bot), and the real bridge then sets the group's members to
// who is on call; a hand edit shows as drift in the same form, and Resume hands the group back.
import { describe, expect, it } from "vitest";
import {
  type Rotation,
  seedRotation,
} from "../simulators/pagerduty/seed-rotation.ts";
import {
  createUsergroup,
  editUsergroupByHand,
  workspaceUsergroups,
} from "../simulators/slack/usergroups-methods.ts";
import { elementState } from "../slack-app/element-state.ts";
import { modalText } from "../slack-app/modal-text.ts";
import type { Stack } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { waitFor } from "./wait-for.ts";

let offsetMs = 0;
const pdNow = () => new Date(Date.now() + offsetMs);
let s: Stack;
let rotation: Rotation;
let group: string;
useStack((started) => {
  s = started;
  rotation = seedRotation(s.pd, s.demo, new Date(Date.now() - 3600_000));
  group = createUsergroup(s.slack.workspace, {
    handle: "checkout-oncall",
    name: "Checkout on call",
    users: [s.users.owner],
  }).id;
}, {
  bridgeEnv: { ONCALL_POLL_S: "1" },
  pagerDutyNow: pdNow,
  logLevel: "warn",
});

const members = () => workspaceUsergroups(s.slack.workspace).get(group)!.users;

describe("on-call user groups from the Connect workflow", () => {
  it("adds a group in the form, the bridge sets its members, a hand edit shows as drift, Resume hands it back", async () => {
    s.link("manager");
    const run = await s.startWorkflow(s.app.triggers.connectChannel, {
      user: "manager",
      channelId: s.channels.responders,
    });
    expect(run.status).toBe("waiting");
    /** Back to the channel's connections and into the on-call groups again: the list as the bridge has it now. */
    const reopen = async () => {
      await run.clickBlockAction({ actionId: "oncall_groups_back" });
      await run.clickBlockAction({ actionId: "oncall_groups_open" });
    };
    await run.clickBlockAction({ actionId: "oncall_groups_open" });
    expect(modalText(run)).toContain("No on-call user groups yet");

    await run.clickBlockAction({ actionId: "oncall_group_add" });
    const form = JSON.stringify(run.openViews().at(-1)?.view);
    expect(form).toContain("@checkout-oncall (Checkout on call)");
    expect(form).toContain("Checkout rotation schedule");
    expect(form).toContain("Checkout rotation policy · level 1");

    const { response } = await run.submitView({
      values: {
        oncall_usergroup: { oncall_usergroup: elementState.select(group) },
        oncall_source: {
          oncall_source: elementState.select(
            `escalation_policy:${rotation.escalationPolicyId}:1`,
          ),
        },
      },
    });
    expect(response).toMatchObject({ response_action: "update" });
    expect(modalText(run)).toContain("*@checkout-oncall* follows");
    expect(modalText(run)).toContain("Checkout rotation policy");

    // The bridge's next look replaces the owner with who is on call now.
    await waitFor(() => members().join() === s.users.responder, {
      what: "the bridge to set the group to the on-call responder",
      describe: () => ({ members: members(), logs: s.bridge.logs.slice(-10) }),
    });
    await waitFor(async () => {
      await reopen();
      return modalText(run).includes("In sync") || undefined;
    }, { what: "the list to show the group in sync" });
    expect(modalText(run)).toContain(`<@${s.users.responder}>`);

    // Someone edits the group by hand, then the shift changes (the bridge reads the members when a change is
    // due): the bridge leaves the group alone and the form says so, with Resume.
    editUsergroupByHand(
      s.slack.workspace,
      group,
      [s.users.owner],
      s.users.owner,
    );
    offsetMs = rotation.turnStart(1).getTime() + 1_000 - Date.now();
    await waitFor(async () => {
      await reopen();
      return modalText(run).includes("Edited by hand") || undefined;
    }, { what: "the list to show the drift" });
    expect(members()).toEqual([s.users.owner]);
    const listed = JSON.stringify(run.openViews().at(-1)?.view);
    const resume = /"value":"(resume:[^"]+)"/.exec(listed)?.[1];
    expect(resume).toBeDefined();

    await run.clickBlockAction({ actionId: "oncall_group_row", value: resume });
    expect(modalText(run)).toContain("Resumed");
    await waitFor(() => members().join() === s.users.responder2, {
      what: "the bridge to set the members again after Resume",
    });

    // Removing it leaves the members as they are.
    await run.clickBlockAction({
      actionId: "oncall_group_row",
      value: resume!.replace("resume:", "remove:"),
    });
    expect(modalText(run)).toContain("Removed");
    expect(modalText(run)).toContain("No on-call user groups yet");
    expect(members()).toEqual([s.users.responder2]);
  });
});
