// The Connect workflow's on-call user groups against the real bridge and both simulators: what the form offers
// (the bridge's list of Slack user groups, PagerDuty's schedules and policy levels as the linked person), what
// saving stores in the bridge, and what a refusal looks like. The bridge setting the members is test/e2e's
// oncall-group-form.test.ts (it needs the bridge's on-call loop).
import {
  beforeEach,
  describe,
  expect,
  it,
} from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
} from "../../../test/slack-app/start-app-harness.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { modalText } from "../../../test/slack-app/modal-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import {
  createUsergroup,
  workspaceUsergroups,
} from "../../../test/simulators/slack/usergroups-methods.ts";
import { ConnectChannelWorkflow } from "../../workflows/connect-channel-workflow.ts";
import { PAGERDUTY_OAUTH_SCOPES } from "../../auth/pagerduty-oauth-provider.ts";
import type { OncallGroupList } from "../../../shared/bridge-api/bridge-api-schemas.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

async function openOncallGroups(token?: string) {
  h.link("manager", token);
  const run = await h.run(ConnectChannelWorkflow, {
    userId: h.slackUsers.manager,
    inputs,
  });
  await run.clickBlockAction({ actionId: "oncall_groups_open" });
  return run;
}

async function bridgeGroups(): Promise<OncallGroupList["oncall_groups"]> {
  const res = await fetch(`${h.bridgeUrl}/api/v1/oncall-groups`, {
    headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` },
  });
  return ((await res.json()) as OncallGroupList).oncall_groups;
}

// One harness for the file: each test starts with no user groups in Slack and no on-call groups in the bridge.
beforeEach(async () => {
  workspaceUsergroups(h.slack.workspace).clear();
  for (const g of await bridgeGroups()) {
    const res = await fetch(`${h.bridgeUrl}/api/v1/oncall-groups/${g.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` },
    });
    await res.body?.cancel();
  }
});

const submit = (
  run: Awaited<ReturnType<typeof openOncallGroups>>,
  usergroup: string,
  source: string,
) =>
  run.submitView({
    values: {
      oncall_usergroup: { oncall_usergroup: elementState.select(usergroup) },
      oncall_source: { oncall_source: elementState.select(source) },
    },
  });

const formJson = (run: Awaited<ReturnType<typeof openOncallGroups>>) =>
  JSON.stringify(run.openViews().at(-1)?.view);

describe("connect channel: on-call user groups", () => {
  it("offers the workspace's user groups and PagerDuty's schedules and policy levels, and saves a schedule group", async () => {
    const group = createUsergroup(h.slack.workspace, {
      handle: "payments-oncall",
      name: "Payments on call",
    });
    const run = await openOncallGroups();
    expect(modalText(run)).toContain("No on-call user groups yet");
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    const form = formJson(run);
    expect(run.openViews().at(-1)?.view.callback_id).toBe("oncall_group_form");
    expect(form).toContain("@payments-oncall (Payments on call)");
    expect(form).toContain("Payments primary");
    // The demo policies have two levels each: both are offered.
    expect(form).toContain("Checkout escalation · level 1");
    expect(form).toContain("Checkout escalation · level 2");

    const { response } = await submit(
      run,
      group.id,
      `schedule:${h.demo.schedules.payments}`,
    );
    expect(response).toMatchObject({ response_action: "update" });
    expect(modalText(run)).toContain("Saved");
    expect(modalText(run)).toContain(
      "*@payments-oncall* follows schedule *Payments primary*",
    );
    expect(modalText(run)).toContain("Waiting for the bridge's first sync");
    const [saved] = await bridgeGroups();
    expect(saved).toMatchObject({
      team_id: h.slack.workspace.teamId,
      usergroup_id: group.id,
      source_type: "schedule",
      source_id: h.demo.schedules.payments,
      escalation_level: null,
      state: "pending",
    });

    // Edit: the form opens with the group's choices, and saving a policy level changes it in place.
    await run.clickBlockAction({
      actionId: "oncall_group_row",
      value: `edit:${saved!.id}`,
    });
    expect(formJson(run)).toContain(
      `"initial_option":{"text":{"type":"plain_text","text":"Payments primary"}`,
    );
    await submit(
      run,
      group.id,
      `escalation_policy:${h.demo.escalationPolicies.checkout}:2`,
    );
    expect(await bridgeGroups()).toEqual([
      expect.objectContaining({
        id: saved!.id,
        source_type: "escalation_policy",
        source_id: h.demo.escalationPolicies.checkout,
        escalation_level: 2,
      }),
    ]);
    expect(modalText(run)).toContain(
      "escalation policy *Checkout escalation*, level 2",
    );
  });

  it("keeps the form open with the bridge's reason when another on-call group already follows that user group", async () => {
    const group = createUsergroup(h.slack.workspace, { handle: "web-oncall" });
    const run = await openOncallGroups();
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    await submit(run, group.id, `schedule:${h.demo.schedules.payments}`);
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    const { response } = await submit(
      run,
      group.id,
      `schedule:${h.demo.schedules.platform}`,
    );
    expect(response).toMatchObject({
      response_action: "errors",
      errors: {
        oncall_usergroup: expect.stringContaining("already follows"),
      },
    });
    expect(await bridgeGroups()).toHaveLength(1);
  });

  it("asks for both choices before calling the bridge", async () => {
    createUsergroup(h.slack.workspace, { handle: "api-oncall" });
    const run = await openOncallGroups();
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    const { response } = await submit(run, "", "");
    expect(response).toMatchObject({
      response_action: "errors",
      errors: {
        oncall_usergroup: "Choose a user group.",
        oncall_source: "Choose a schedule or an escalation policy level.",
      },
    });
    expect(await bridgeGroups()).toEqual([]);
  });

  it("says there is nothing to tie yet when the workspace has no user groups", async () => {
    const run = await openOncallGroups();
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    expect(run.openViews().at(-1)?.view.callback_id).toBe(
      "oncall_groups_list",
    );
    expect(modalText(run)).toContain("This workspace has no Slack user groups");
  });

  it("offers policy levels only, saying why, when the token may not read schedules", async () => {
    createUsergroup(h.slack.workspace, { handle: "ops-oncall" });
    const token = h.pd.seed.userToken({
      userId: h.demo.users.manager.id,
      token: "token-without-schedules",
      scopes: PAGERDUTY_OAUTH_SCOPES.filter((s) => s !== "schedules.read"),
    }).token;
    const run = await openOncallGroups(token);
    await run.clickBlockAction({ actionId: "oncall_group_add" });
    const form = formJson(run);
    expect(form).not.toContain("Payments primary");
    expect(form).toContain("Checkout escalation · level 1");
    expect(modalText(run)).toContain("`schedules.read`");
  });

  it("goes back to the channel's connections", async () => {
    const run = await openOncallGroups();
    await run.clickBlockAction({ actionId: "oncall_groups_back" });
    expect(run.openViews().at(-1)?.view.callback_id).toBe("connections_list");
  });
});
