import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
} from "../../../test/slack-app/start-app-harness.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import type { WorkflowTriggerList } from "../../../shared/bridge-api/bridge-api-schemas.ts";
import {
  APP_LINK_TRIGGERS,
  workflowCallbackId,
} from "../../triggers/app-link-triggers.ts";
import triggerIncidentTrigger from "../../triggers/trigger-incident-trigger.ts";
import { IncidentActionWorkflow } from "../../workflows/incident-action-workflow.ts";
import { SetUpPagerslackWorkflow } from "../../workflows/set-up-pagerslack-workflow.ts";
import type { ListedTrigger } from "./sync-link-triggers.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

let adminId: string;

/** Runs "Set up pagerslack" as `userId` from the setup trigger (no channel: the report comes as a DM). */
function setUp(
  userId: string,
  options: { bookmarkChannel?: string; env?: Record<string, string> } = {},
) {
  return h.run(SetUpPagerslackWorkflow, {
    userId,
    channelId: undefined,
    inputs: {
      user_id: "{{data.user_id}}",
      interactivity: "{{data.interactivity}}",
    },
    formAnswers: [
      options.bookmarkChannel
        ? { bookmark_channel: options.bookmarkChannel }
        : {},
    ],
    // The harness's LINK_TRIGGER_URL stands for an override; setup's runs use what it registered.
    env: { LINK_TRIGGER_URL: "", ...options.env },
  });
}

function appTriggers(): ListedTrigger[] {
  const answer = h.slack.call("workflows.triggers.list", {}, h.appToken) as {
    triggers: ListedTrigger[];
  };
  return answer.triggers;
}

async function bridgeTriggers(): Promise<Record<string, string>> {
  const res = await fetch(`${h.bridgeUrl}/api/v1/workflow-triggers`, {
    headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` },
  });
  const body = (await res.json()) as WorkflowTriggerList;
  return Object.fromEntries(body.triggers.map((t) => [t.name, t.url]));
}

const lastDm = (userId: string) => h.directMessages(userId).at(-1) ?? "";
const creates = () =>
  h.slack.calls({ method: "workflows.triggers.create" }).length;

describe("Set up pagerslack", () => {
  it("refuses someone who is not a workspace admin, creating nothing", async () => {
    const before = appTriggers().length;
    const observer = h.slackUsers.observer;
    const run = await setUp(observer);
    expect(run.status).toBe("completed");
    expect(lastDm(observer)).toContain(
      "Only a Slack workspace admin or owner can set up pagerslack",
    );
    expect(appTriggers()).toHaveLength(before);
    expect(creates()).toBe(0);
  });

  it("first run: creates every link trigger, registers them with the bridge and posts the help with the links", async () => {
    adminId = h.slack.createUser({ name: "Ada Admin", isAdmin: true }).id;
    const run = await setUp(adminId);
    expect(run.status).toBe("completed");

    const triggers = appTriggers();
    for (const { definition } of APP_LINK_TRIGGERS) {
      const found = triggers.filter((t) =>
        t.workflow.callback_id === workflowCallbackId(definition)
      );
      expect(found, definition.name).toHaveLength(1);
      expect(found[0]?.name).toBe(definition.name);
    }
    // The cards' trigger existed already (`slack trigger create` before setup existed): found, not duplicated.
    expect(creates()).toBe(APP_LINK_TRIGGERS.length - 1);
    const actions = triggers.find((t) =>
      t.workflow.callback_id === "incident_action_workflow"
    );
    expect(actions?.inputs?.incident_id).toMatchObject({ customizable: true });

    // The real bridge process has every URL.
    const registered = await bridgeTriggers();
    for (const { bridgeName, definition } of APP_LINK_TRIGGERS) {
      const trigger = triggers.find((t) =>
        t.workflow.callback_id === workflowCallbackId(definition)
      );
      expect(registered[bridgeName], bridgeName).toBe(trigger?.shortcut_url);
    }

    const report = lastDm(adminId);

    expect(report).toContain("8 created, 0 updated, 1 already there");
    expect(report).toContain("The bridge knows every link");
    // Every link in the help is a trigger Slack knows, starting the workflow its title says.
    const links = [
      ...report.matchAll(
        /<(https:\/\/slack\.com\/shortcuts\/[^|>]+)\|([^>]+)>/g,
      ),
    ];
    // One per entry point of the help (ENTRY_POINTS), My notifications included.
    expect(links.length).toBe(8);
    for (const [, url] of links) {
      expect(triggers.map((t) => t.shortcut_url)).toContain(url);
    }
    expect(report).toContain(
      `<${registered.trigger_incident}|Trigger an incident>`,
    );
    // Nothing to copy into the bridge's configuration: it renders the cards' buttons from the registered link.
    expect(report).not.toContain("SLACK_ACTIONS_TRIGGER_URL");
    expect(report).toContain(
      "Incident cards in this workspace get their Acknowledge / Resolve / More actions buttons",
    );
  });

  it("the cards' buttons then work: a workflow_button to the registered trigger is accepted and acknowledges", async () => {
    const registered = await bridgeTriggers();
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Checkout is down",
    });
    const posted = h.slack.call("chat.postMessage", {
      channel: h.channelId,
      text: "card",
      blocks: [{
        type: "actions",
        elements: [{
          type: "workflow_button",
          text: { type: "plain_text", text: "Acknowledge" },
          action_id: "acknowledge",
          workflow: {
            trigger: {
              url: registered.incident_action,
              customizable_input_parameters: [
                { name: "incident_id", value: incident.id },
                { name: "action", value: "acknowledge" },
              ],
            },
          },
        }],
      }],
    }, h.bridgeSlackToken) as {
      ok: boolean;
      ts: string;
    };
    expect(posted.ok).toBe(true);
    h.link("responder");
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.responder,
      messageTs: posted.ts,
      inputs: {
        incident_id: incident.id,
        action: "acknowledge",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    expect(run.status).toBe("completed");
    expect(h.pd.incident(incident.id)?.status).toBe("acknowledged");
  });

  it("the help workflow links the triggers setup registered, without any *_TRIGGER_URL", async () => {
    const { HelpWorkflow } = await import("../../workflows/help-workflow.ts");
    const registered = await bridgeTriggers();
    const run = await h.run(HelpWorkflow, {
      userId: adminId,
      channelId: undefined,
      inputs: { user_id: "{{data.user_id}}" },
      env: { LINK_TRIGGER_URL: "" },
    });
    expect(run.status).toBe("completed");
    const help = lastDm(adminId);
    expect(help).toContain(
      `<${registered.link_account}|Link your PagerDuty account>`,
    );
    expect(help).not.toContain("Entries without a link");
  });

  it("the link prompt quotes the Link trigger setup registered, without LINK_TRIGGER_URL", async () => {
    const registered = await bridgeTriggers();
    h.link("responder");
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.responder,
      messageTs: h.postCard("card"),
      inputs: {
        incident_id: "PNOPE",
        action: "acknowledge",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
      env: { LINK_TRIGGER_URL: "" },
    });
    h.slack.clearFaults();
    const seen = run.ephemeralMessages().map((m) => m.text).join("\n");
    expect(seen).toContain("not linked to PagerDuty");
    expect(seen).toContain(registered.link_account);
  });

  it("second run: finds its triggers and creates none", async () => {
    const before = creates();
    const urls = appTriggers().map((t) => t.shortcut_url).sort();
    const run = await setUp(adminId);
    expect(run.status).toBe("completed");
    expect(creates()).toBe(before);
    expect(h.slack.calls({ method: "workflows.triggers.update" })).toHaveLength(
      0,
    );
    expect(appTriggers().map((t) => t.shortcut_url).sort()).toEqual(urls);
    expect(lastDm(adminId)).toContain("0 created, 0 updated, 9 already there");
  });

  it("updates a trigger whose definition changed (a new customizable input), keeping its URL", async () => {
    const old = appTriggers().find((t) =>
      t.workflow.callback_id === workflowCallbackId(triggerIncidentTrigger)
    )!;
    // The trigger as an earlier release defined it: no customizable title.
    const { title: _title, ...olderInputs } = triggerIncidentTrigger.inputs!;
    const downgraded = h.slack.call("workflows.triggers.update", {
      trigger_id: old.id,
      type: "shortcut",
      name: triggerIncidentTrigger.name,
      description: triggerIncidentTrigger.description,
      workflow: triggerIncidentTrigger.workflow,
      inputs: olderInputs,
    }, h.appToken) as { ok: boolean };
    expect(downgraded.ok).toBe(true);
    const updatesBefore =
      h.slack.calls({ method: "workflows.triggers.update" }).length;

    const run = await setUp(adminId);
    expect(run.status).toBe("completed");
    expect(h.slack.calls({ method: "workflows.triggers.update" })).toHaveLength(
      updatesBefore + 1,
    );
    const now = appTriggers().find((t) => t.id === old.id);
    expect(now?.shortcut_url).toBe(old.shortcut_url);
    expect(now?.inputs?.title).toMatchObject({ customizable: true });
    expect(lastDm(adminId)).toContain("0 created, 1 updated, 8 already there");
  });

  it("bookmarks the links in the channel the admin picks, once", async () => {
    const run = await setUp(adminId, { bookmarkChannel: h.channelId });
    expect(run.status).toBe("completed");
    expect(lastDm(adminId)).toContain("3 bookmarks added, 0 already there");
    const list = () =>
      (h.slack.call(
        "bookmarks.list",
        { channel_id: h.channelId },
        h.appToken,
      ) as {
        bookmarks: { link: string; title: string }[];
      }).bookmarks;
    const registered = await bridgeTriggers();
    expect(list().map((b) => b.link)).toEqual([
      registered.trigger_incident,
      registered.who_is_on_call,
      registered.help,
    ]);
    await setUp(adminId, { bookmarkChannel: h.channelId });
    expect(lastDm(adminId)).toContain("0 bookmarks added, 3 already there");
    expect(list()).toHaveLength(3);
  });

  it("a bridge refusing the token: says to fix BRIDGE_API_TOKEN, the triggers are still there", async () => {
    const run = await setUp(adminId, {
      env: { BRIDGE_API_TOKEN: "not-the-bridges-token" },
    });
    expect(run.status).toBe("completed");
    const report = lastDm(adminId);
    expect(report).toContain("refused BRIDGE_API_TOKEN");
    expect(report).toContain("9 already there");
    expect(report).not.toContain("not-the-bridges-token");
  });

  it("a bridge that does not answer: says to check BRIDGE_URL; links are still listed", async () => {
    const run = await setUp(adminId, {
      env: { BRIDGE_URL: "http://127.0.0.1:9" },
    });
    expect(run.status).toBe("completed");
    const report = lastDm(adminId);
    expect(report).toContain("did not answer. Check BRIDGE_URL");
    expect(report).toContain("|Trigger an incident>");
  });

  it("a URL that is not a bridge: says BRIDGE_URL is wrong", async () => {
    const run = await setUp(adminId, { env: { BRIDGE_URL: h.slack.url } });
    expect(run.status).toBe("completed");
    expect(lastDm(adminId)).toContain(
      "answers, but not as a pagerslack bridge",
    );
  });
});
