import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";
import {
  createUsergroup,
  editUsergroupByHand,
  workspaceUsergroups,
} from "./usergroups-methods.ts";

let sim: SlackSimulator;
let w: SeededWorkspace;
let group: string;
beforeEach(async () => {
  sim = await startSlackSimulator();
  w = seedWorkspace(sim);
  group = createUsergroup(sim.workspace, {
    handle: "checkout-oncall",
    users: [w.alice],
  }).id;
});
afterEach(async () => {
  expect(sim.undocumentedErrors()).toEqual([]);
  await sim.close();
});

const call = async (method: string, args: Record<string, unknown>) =>
  (await callSlack(sim.url, method, args, w.bridgeToken)).body;

describe("usergroups.*", () => {
  it("replaces the whole member list and lists it back", async () => {
    const updated = await call("usergroups.users.update", {
      usergroup: group,
      users: `${w.bob},${w.carol}`,
    });
    expect(updated).toMatchObject({
      ok: true,
      usergroup: { id: group, users: [w.bob, w.carol], user_count: 2 },
    });
    expect(await call("usergroups.users.list", { usergroup: group }))
      .toEqual({ ok: true, users: [w.bob, w.carol] });
    const listed = await call("usergroups.list", { include_users: true });
    expect(listed.usergroups).toEqual([
      expect.objectContaining({
        handle: "checkout-oncall",
        users: [w.bob, w.carol],
      }),
    ]);
    // Without include_users the list carries only the count.
    const bare = await call("usergroups.list", {});
    expect((bare.usergroups as Record<string, unknown>[])[0]?.users)
      .toBeUndefined();
  });

  it("refuses to empty a group, and refuses bots and unknown users", async () => {
    expect(
      await call("usergroups.users.update", { usergroup: group, users: "" }),
    ).toMatchObject({ ok: false, error: "no_users_provided" });
    expect(
      await call("usergroups.users.update", {
        usergroup: group,
        users: w.bridgeBotUser,
      }),
    ).toMatchObject({ ok: false, error: "invalid_users" });
    expect(
      await call("usergroups.users.update", {
        usergroup: group,
        users: "U0NOBODY",
      }),
    ).toMatchObject({ ok: false, error: "invalid_users" });
    expect(workspaceUsergroups(sim.workspace).get(group)?.users)
      .toEqual([w.alice]);
  });

  it("needs usergroups:read and usergroups:write", async () => {
    const { body } = await callSlack(
      sim.url,
      "usergroups.users.update",
      { usergroup: group, users: w.bob },
      w.hostedToken,
    );
    expect(body).toMatchObject({ ok: false, error: "missing_scope" });
  });

  it("shows a person's edit in the UI to the next list", async () => {
    editUsergroupByHand(sim.workspace, group, [w.carol], w.alice);
    expect(await call("usergroups.users.list", { usergroup: group }))
      .toEqual({ ok: true, users: [w.carol] });
  });
});
