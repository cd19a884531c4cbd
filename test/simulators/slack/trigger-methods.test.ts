import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

/** Shaped like slack-app's incident action workflow (the simulator does not import the app). */
const WORKFLOW = {
  definition: {
    callback_id: "incident_action_workflow",
    title: "Incident action",
    input_parameters: {
      properties: {
        incident_id: { type: "string" },
        action: { type: "string" },
        user_id: { type: "slack#/types/user_id" },
      },
      required: ["user_id"],
    },
  },
};
const DEFINITION = {
  type: "shortcut",
  name: "PagerDuty: incident action",
  description: "Card buttons",
  workflow: "#/workflows/incident_action_workflow",
  inputs: {
    incident_id: { customizable: true },
    action: { customizable: true },
    user_id: { value: "{{data.user_id}}" },
  },
};

const card = (channel: string, url: string) => ({
  channel,
  text: "#42 Database down",
  blocks: [{
    type: "actions",
    elements: [{
      type: "workflow_button",
      text: { type: "plain_text", text: "Acknowledge" },
      action_id: "acknowledge",
      workflow: {
        trigger: {
          url,
          customizable_input_parameters: [
            { name: "incident_id", value: "PABC123" },
            { name: "action", value: "acknowledge" },
          ],
        },
      },
    }],
  }],
});

let sim: SlackSimulator;
let w: SeededWorkspace;
beforeEach(async () => {
  sim = await startSlackSimulator();
  w = seedWorkspace(sim);
  sim.createHostedApp({ appId: w.hostedAppId, workflows: [WORKFLOW] });
});
afterEach(async () => {
  expect(sim.undocumentedErrors()).toEqual([]);
  await sim.close();
});

const call = async (
  method: string,
  args: Record<string, unknown>,
  token = w.hostedToken,
) => (await callSlack(sim.url, method, args, token)).body;

describe("workflows.triggers.*", () => {
  it("create answers the trigger with a shortcut_url that workflow_buttons may then start", async () => {
    const created = await call("workflows.triggers.create", DEFINITION);
    expect(created.ok).toBe(true);
    const trigger = created.trigger as { id: string; shortcut_url: string };
    expect(trigger.id).toMatch(/^Ft/);
    expect(trigger.shortcut_url).toMatch(
      /^https:\/\/slack\.com\/shortcuts\/Ft[0-9A-Z]+\/[0-9a-z]+$/,
    );
    const posted = await call(
      "chat.postMessage",
      card(w.incidents, trigger.shortcut_url),
      w.bridgeToken,
    );
    expect(posted.ok).toBe(true);
  });

  it("refuses mappings the workflow does not declare, a required input left unmapped, and a foreign workflow", async () => {
    expect(
      await call("workflows.triggers.create", {
        ...DEFINITION,
        inputs: { ...DEFINITION.inputs, ticket: { customizable: true } },
      }),
    ).toMatchObject({ ok: false, error: "invalid_trigger_inputs" });
    const { user_id: _, ...withoutUser } = DEFINITION.inputs;
    expect(
      await call("workflows.triggers.create", {
        ...DEFINITION,
        inputs: withoutUser,
      }),
    ).toMatchObject({ ok: false, error: "invalid_trigger_inputs" });
    expect(
      await call("workflows.triggers.create", {
        ...DEFINITION,
        workflow: "#/workflows/someone_elses",
      }),
    ).toMatchObject({ ok: false, error: "invalid_workflow_id" });
    expect(
      await call("workflows.triggers.create", { ...DEFINITION, type: "event" }),
    ).toMatchObject({ ok: false, error: "invalid_trigger_type" });
  });

  it("needs triggers:write to create and triggers:read to list", async () => {
    const token = sim.createToken({
      kind: "hosted_app",
      appId: w.hostedAppId,
      scopes: ["chat:write"],
    }).token;
    expect(await call("workflows.triggers.create", DEFINITION, token))
      .toMatchObject({ ok: false, error: "missing_scope" });
    expect(await call("workflows.triggers.list", {}, token))
      .toMatchObject({ ok: false, error: "missing_scope" });
  });

  it("list shows the app's triggers with their inputs; update keeps id and URL; delete ends the buttons", async () => {
    const created = (await call("workflows.triggers.create", {
      ...DEFINITION,
      inputs: { user_id: { value: "{{data.user_id}}" } },
    })).trigger as { id: string; shortcut_url: string };
    const listed = await call("workflows.triggers.list", {});
    expect(listed.triggers).toEqual([
      expect.objectContaining({
        id: created.id,
        name: DEFINITION.name,
        workflow: expect.objectContaining({
          callback_id: "incident_action_workflow",
          app_id: w.hostedAppId,
        }),
        inputs: {
          user_id: { value: "{{data.user_id}}", locked: false, hidden: false },
        },
        shortcut_url: created.shortcut_url,
      }),
    ]);
    // Without customizable inputs the card's button is refused…
    expect(
      await call(
        "chat.postMessage",
        card(w.incidents, created.shortcut_url),
        w.bridgeToken,
      ),
    ).toMatchObject({ ok: false, error: "invalid_blocks" });
    // …and after the update (same URL) accepted.
    const updated = await call("workflows.triggers.update", {
      ...DEFINITION,
      trigger_id: created.id,
    });
    expect(updated.trigger).toMatchObject({
      id: created.id,
      shortcut_url: created.shortcut_url,
    });
    expect(
      (await call(
        "chat.postMessage",
        card(w.incidents, created.shortcut_url),
        w.bridgeToken,
      )).ok,
    ).toBe(true);
    expect(await call("workflows.triggers.delete", { trigger_id: created.id }))
      .toEqual({ ok: true });
    expect((await call("workflows.triggers.list", {})).triggers).toEqual([]);
    expect(
      await call(
        "chat.postMessage",
        card(w.incidents, created.shortcut_url),
        w.bridgeToken,
      ),
    ).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(await call("workflows.triggers.delete", { trigger_id: created.id }))
      .toMatchObject({ ok: false, error: "trigger_not_found" });
  });
});

describe("workflows.triggers.* in several workspaces", () => {
  // A Slack-hosted app is deployed to one workspace (`slack deploy` per workspace makes one app each, with its
  // own app id); its triggers live in that workspace and a message elsewhere cannot start them.
  it("keeps each workspace's app install and triggers to itself", async () => {
    const b = sim.addWorkspace({ teamId: "T0SECOND", name: "Second Co" });
    b.createHostedApp({ appId: "A0HOSTEDB", workflows: [WORKFLOW] });
    const hostedB = b.createToken({
      kind: "hosted_app",
      appId: "A0HOSTEDB",
      scopes: ["triggers:read", "triggers:write", "chat:write"],
    });
    const botB = b.createToken({
      kind: "bot",
      appId: "A0BRIDGE",
      scopes: ["chat:write"],
    });
    const channelB = b.createChannel({
      name: "incidents",
      members: [botB.userId],
    }).id;
    const inA = await call("workflows.triggers.create", DEFINITION);
    const inB = await call(
      "workflows.triggers.create",
      DEFINITION,
      hostedB.token,
    );
    const urlA = (inA.trigger as { shortcut_url: string }).shortcut_url;
    const urlB = (inB.trigger as { shortcut_url: string }).shortcut_url;
    expect(urlA).not.toBe(urlB);
    const listedB = await call("workflows.triggers.list", {}, hostedB.token);
    expect(
      (listedB.triggers as { shortcut_url: string }[]).map((t) =>
        t.shortcut_url
      ),
    ).toEqual([urlB]);
    // B's app is not installed in A: A's workspace knows no such app.
    const hostedBInA = sim.createToken({
      kind: "hosted_app",
      appId: "A0HOSTEDB",
      scopes: ["triggers:write"],
    });
    expect(
      await call("workflows.triggers.create", DEFINITION, hostedBInA.token),
    )
      .toMatchObject({ ok: false, error: "invalid_workflow_app_id" });
    // A card in B may start B's trigger, not A's.
    expect(await call("chat.postMessage", card(channelB, urlB), botB.token))
      .toMatchObject({ ok: true });
    expect(await call("chat.postMessage", card(channelB, urlA), botB.token))
      .toMatchObject({ ok: false, error: "invalid_blocks" });
  });
});

describe("bookmarks.add / bookmarks.list", () => {
  it("adds link bookmarks in a channel the app is in, and lists them", async () => {
    const added = await call("bookmarks.add", {
      channel_id: w.incidents,
      title: "pagerslack help",
      type: "link",
      link: "https://slack.com/shortcuts/Ft01/abc",
    });
    expect(added).toMatchObject({
      ok: true,
      bookmark: { channel_id: w.incidents, title: "pagerslack help" },
    });
    const listed = await call("bookmarks.list", { channel_id: w.incidents });
    expect(listed.bookmarks).toEqual([
      expect.objectContaining({ link: "https://slack.com/shortcuts/Ft01/abc" }),
    ]);
    expect(
      await call("bookmarks.add", {
        channel_id: w.incidents,
        title: "x",
        type: "message",
        link: "https://x.org",
      }),
    ).toMatchObject({ ok: false, error: "invalid_bookmark_type" });
  });
});
