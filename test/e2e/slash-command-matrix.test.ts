// `/pd` sub-command × where it is typed × who types it, end to end: the Slack simulator sends the signed slash
// command to the real bridge process, the person reads the ephemeral answer and clicks its workflow_button, and
// the hosted workflow runs in the simulator's runner against PagerDuty as that person (issue 15 "Done when").
// One stack for the whole file; each row states what a person expects to see. The rows run in order (the first
// one registers the workflow links the others click).
//
// Every sub-command runs from {connected channel, unconnected channel, DM with the bridge's bot} × {linked Rui,
// unlinked Nina}, except where a combination means nothing or is the same path:
// - `/pd connect` in a DM: nothing can be connected there, so the answer has no button to click.
// - `/pd oncall`: answered by the bridge itself; there is no click and no PagerDuty link involved.
// - `/pd link` / `/pd unlink`: doing them changes who is linked, so Oscar goes through them in turn: link as
//   unlinked (connect prompt, then linked) in the connected channel, as linked elsewhere; unlink as linked in the
//   connected channel, as unlinked elsewhere. Each place and each state is covered once.
// - ack/resolve/note without a number: outside an incident channel the answer asks which incident (no button,
//   so who asks does not matter); in an incident channel the unlinked person is shown for ack only, the connect
//   prompt being the same workflow step for all three actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowTriggerList } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { ACTIONS_TRIGGER_URL_ENV } from "../../slack-app/bridge/register-workflow-triggers.ts";
import { ENTRY_POINTS } from "../../slack-app/config/entry-points.ts";
import type { WorkflowRun } from "../simulators/slack/run-workflow.ts";
import type { EphemeralMessage } from "../simulators/slack/slack-workspace.ts";
import {
  type SlashCommands,
  startSlashCommands,
} from "../simulators/slack/slash-commands.ts";
import { submitView } from "../slack-app/submit-view.ts";
import { type LinkTriggerDefinition, workflowOf } from "./load-hosted-app.ts";
import {
  BRIDGE_SLACK_APP_ID,
  HOSTED_SLACK_APP_ID,
  SLACK_SIGNING_SECRET,
  type Stack,
  type StackUser,
  workflowButtons,
} from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { waitFor } from "./wait-for.ts";

const ROOT = new URL("../../", import.meta.url);

/** Where `/pd` is typed. */
const PLACES = ["connected", "unconnected", "dm"] as const;
type Place = (typeof PLACES)[number];

/** Who types it: Rui is linked to PagerDuty (and on call for Checkout); Nina never linked. */
const PEOPLE = { linked: "responder", unlinked: "newcomer" } as const;
type Who = keyof typeof PEOPLE;

let s: Stack;
useStack((started) => {
  s = started;
  s.link(PEOPLE.linked);
});
let commands: SlashCommands;
/** Trigger URL → its definition: what a click on a button with that URL starts. */
const triggerByUrl = new Map<string, LinkTriggerDefinition>();
/** Bridge name → the URL of the trigger made for it. */
const triggerUrls = new Map<string, string>();

beforeAll(async () => {
  commands = await startSlashCommands(s.slack);
  commands.register({
    command: "/pd",
    url: `${s.bridge.url}/slack/commands`,
    signingSecret: SLACK_SIGNING_SECRET,
    appId: BRIDGE_SLACK_APP_ID,
  });
  // `slack trigger create` for each entry point, and `slack env add <its urlEnv> <url>`: the Connect workflow
  // then tells the bridge (see the first test). The cards' trigger is the bridge's SLACK_ACTIONS_TRIGGER_URL.
  const actionsUrl = s.bridgeEnv.SLACK_ACTIONS_TRIGGER_URL!;
  triggerByUrl.set(actionsUrl, s.app.triggers.incidentAction);
  s.appEnv[ACTIONS_TRIGGER_URL_ENV] = actionsUrl;
  for (const entry of ENTRY_POINTS) {
    const trigger = (await import(
      /* @vite-ignore */ new URL(entry.triggerFile, ROOT).href
    )).default as LinkTriggerDefinition;
    const { url } = s.slack.registerLinkTrigger({
      trigger,
      workflow: workflowOf(s.app, trigger),
    });
    triggerByUrl.set(url, trigger);
    triggerUrls.set(entry.bridgeName, url);
    if (entry.urlEnv) s.appEnv[entry.urlEnv] = url;
  }
});
afterAll(() => commands.close());

const bridgeBotUser = () =>
  [...s.slack.workspace.tokens.values()].find((t) =>
    t.appId === BRIDGE_SLACK_APP_ID && t.kind === "bot"
  )!.userId;

/** The channel id of a place, for a person (a DM is theirs with the bridge's bot, where `/pd` also works). */
function channelOf(place: Place, user: StackUser): string {
  if (place === "connected") return s.channels.responders;
  if (place === "unconnected") return s.channels.unconnected;
  return s.slack.workspace.openIm(s.users[user], bridgeBotUser()).id;
}

async function pdIn(
  user: StackUser,
  channelId: string,
  text: string,
): Promise<EphemeralMessage> {
  const outcome = await commands.send({
    command: "/pd",
    text,
    userId: s.users[user],
    channelId,
  });
  expect(outcome.error).toBeUndefined();
  const [answer] = await outcome.waitForAnswers(1);
  expect(answer!.user).toBe(s.users[user]);
  return answer!;
}

const pd = (user: StackUser, place: Place, text: string) =>
  pdIn(user, channelOf(place, user), text);

interface Clicked {
  run: WorkflowRun;
  /** The workflow the button started. */
  workflow: string;
  /** The inputs the button filled in (its customizable inputs). */
  fromButton: Record<string, string>;
}

/** Clicks the answer's `index`-th workflow_button: its trigger's workflow with the button's inputs. */
async function click(
  answer: EphemeralMessage,
  user: StackUser,
  index = 0,
  /** What the person fills into the workflow's OpenForm steps, in order. */
  formAnswers?: ReadonlyArray<Record<string, unknown>>,
): Promise<Clicked> {
  const button = workflowButtons(answer)[index];
  if (!button) throw new Error(`no button ${index} in: ${answer.text}`);
  const trigger = triggerByUrl.get(button.workflow.trigger.url);
  if (!trigger) {
    throw new Error(`unknown trigger ${button.workflow.trigger.url}`);
  }
  const fromButton = Object.fromEntries(
    (button.workflow.trigger.customizable_input_parameters ?? []).map((
      p,
    ) => [p.name, p.value]),
  );
  for (const name of Object.keys(fromButton)) {
    // Slack refuses a button that sets an input its trigger does not declare customizable.
    expect(trigger.inputs[name]?.customizable, name).toBe(true);
  }
  const inputs = Object.fromEntries(
    Object.entries(trigger.inputs).flatMap(([name, input]) =>
      input.customizable
        ? (fromButton[name] === undefined ? [] : [[name, fromButton[name]]])
        : [[name, input.value]]
    ),
  );
  const workflow = workflowOf(s.app, trigger);
  const run = await s.slack.runWorkflow({
    workflow,
    inputs,
    userId: s.users[user],
    channelId: answer.channel,
    functions: s.app.functions,
    env: s.appEnv,
    appId: HOSTED_SLACK_APP_ID,
    ...(formAnswers ? { formAnswers } : {}),
  });
  return { run, workflow: workflow.definition.callback_id, fromButton };
}

/** An unlinked person's click: Slack's "connect your PagerDuty account" prompt, nothing run yet. */
function expectConnectPrompt(run: WorkflowRun, user: StackUser) {
  expect(run.status).toBe("waiting");
  expect(run.pendingAuthorization).toEqual({
    providerKey: s.app.pagerDutyProvider.key,
    userId: s.users[user],
  });
  expect(run.openViews()).toEqual([]);
}

/**
 * What the hosted app told the person: an ephemeral message where they clicked, or (where its bot is not a
 * member, as in their DM with the bridge's bot) a direct message from the app.
 */
function toldBy(user: StackUser): string {
  const hostedBot =
    [...s.slack.workspace.tokens.values()].find((t) =>
      t.appId === HOSTED_SLACK_APP_ID && t.kind !== "user"
    )!.userId;
  const im = s.slack.workspace.findIm(s.users[user], hostedBot);
  return [
    ...s.slack.ephemeralMessages({ userId: s.users[user] })
      .filter((m) => m.sender === hostedBot).map((m) => m.text),
    ...(im ? s.slack.transcript(im.id).map((m) => m.text) : []),
  ].join("\n");
}

/** The form the run opened (the newest modal). */
const openView = (run: WorkflowRun) =>
  run.openViews().at(-1)?.view as
    | { callback_id?: string; blocks?: unknown[] }
    | undefined;

interface Element {
  initial_value?: string;
  initial_user?: string;
  initial_option?: { value: string };
}
function formElement(run: WorkflowRun, blockId: string): Element | undefined {
  const blocks = (openView(run)?.blocks ?? []) as {
    block_id?: string;
    element?: Element;
  }[];
  return blocks.find((b) => b.block_id === blockId)?.element;
}

const CASES = PLACES.flatMap((place) =>
  (Object.keys(PEOPLE) as Who[]).map((who) => ({ place, who }))
);

/** What the help's last line says about where it was typed. */
const CONNECTION_LINE: Readonly<Record<Place, string>> = {
  connected: "This channel gets incident cards of service *Checkout*",
  unconnected: "This channel is not connected to PagerDuty",
  dm: "This is a direct message",
};

async function registeredTriggers(): Promise<WorkflowTriggerList> {
  const response = await fetch(`${s.bridge.url}/api/v1/workflow-triggers`, {
    headers: { Authorization: `Bearer ${s.bridgeApiToken}` },
  });
  expect(response.status).toBe(200);
  return await response.json() as WorkflowTriggerList;
}

describe("before and after the hosted app tells the bridge its workflow links", () => {
  it("/pd says the links are missing until an admin runs Connect once; then it has every one", async () => {
    // Only the cards' trigger is known (SLACK_ACTIONS_TRIGGER_URL): no buttons, and a sentence on what to do.
    const help = await pd(PEOPLE.linked, "connected", "help");
    expect(workflowButtons(help)).toEqual([]);
    expect(JSON.stringify(help.blocks)).toContain(
      "has not told this bridge its workflow links yet",
    );
    const trigger = await pd(PEOPLE.linked, "connected", "trigger x");
    expect(trigger.text).toContain("has not registered with this bridge yet");

    const connect = await s.startWorkflow(
      triggerByUrl.get(s.appEnv.CONNECT_TRIGGER_URL!)!,
      { user: PEOPLE.linked, channelId: s.channels.responders },
    );
    expect(connect.status).toBe("waiting");
    // Entry points without an env variable (My notifications) are registered by "Set up pagerslack" only: as it
    // does, through the bridge API.
    const setUpOnly = ENTRY_POINTS.filter((e) => !e.urlEnv);
    expect(setUpOnly.map((e) => e.bridgeName)).toContain("my_notifications");
    const put = await fetch(`${s.bridge.url}/api/v1/workflow-triggers`, {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${s.bridgeApiToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        triggers: setUpOnly.map((e) => ({
          name: e.bridgeName,
          url: triggerUrls.get(e.bridgeName),
        })),
      }),
    });
    expect(put.status).toBe(200);
    const expected = [
      ...ENTRY_POINTS.map((e) => ({
        name: e.bridgeName,
        url: triggerUrls.get(e.bridgeName),
      })),
      { name: "incident_action", url: s.bridgeEnv.SLACK_ACTIONS_TRIGGER_URL },
    ].sort((a, b) => a.name.localeCompare(b.name));
    await waitFor(async () => {
      const { triggers } = await registeredTriggers();
      const got = triggers.map(({ name, url }) => ({ name, url }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return JSON.stringify(got) === JSON.stringify(expected) || undefined;
    }, {
      what: "the Connect workflow to register the trigger URLs",
      describe: () => JSON.stringify(expected),
    });
  });
});

describe("/pd, /pd help and an unknown command: the directory, wherever and whoever", () => {
  it.each(CASES)("$place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    for (const text of ["", "help", "frobnicate now"]) {
      const answer = await pd(user, place, text);
      if (text === "frobnicate now") {
        expect(answer.text).toMatch(
          /^:grey_question: Unknown command "frobnicate"/,
        );
      } else {
        expect(answer.text).toMatch(/^\*pagerslack\* brings PagerDuty here/);
      }
      expect(answer.text).toContain("`/pd trigger [title]`");
      expect(answer.text).toContain(CONNECTION_LINE[place]);
      // One button per registered entry point with a workflow (the incident actions need an incident); a DM
      // offers no "Connect this channel": nothing can be connected to it (as `/pd connect` there says).
      expect(workflowButtons(answer).map((b) => b.text.text)).toEqual([
        "Trigger an incident",
        "Who is on call",
        ...(place === "dm" ? [] : ["Connect this channel"]),
        "Link your account",
        "Unlink your account",
        "My notifications",
        "Invite to PagerDuty",
      ]);
    }
  });

  it("the help's 'Trigger an incident' button opens the form, for the linked person", async () => {
    const { run, workflow } = await click(
      await pd(PEOPLE.linked, "connected", "help"),
      PEOPLE.linked,
    );
    expect(workflow).toBe("trigger_incident_workflow");
    expect(run.status).toBe("waiting");
    expect(formElement(run, "service")?.initial_option?.value).toBe(
      s.demo.services.checkout,
    );
  });
});

describe("/pd trigger [title]: the trigger form, prefilled", () => {
  const TEXT: Readonly<Record<Place, string>> = {
    connected: "on this channel's service: the form is filled in",
    unconnected: "This channel is not connected to a PagerDuty service",
    dm: "This is a direct message",
  };
  it.each(CASES)("$place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const title = `Checkout 502 (${place}, ${who})`;
    const answer = await pd(user, place, `trigger ${title}`);
    expect(answer.text).toContain(TEXT[place]);
    expect(answer.text).toContain(`"${title}"`);
    const { run, workflow, fromButton } = await click(answer, user);
    expect(workflow).toBe("trigger_incident_workflow");
    expect(fromButton).toEqual({ title });
    if (who === "unlinked") return expectConnectPrompt(run, user);
    expect(run.status).toBe("waiting");
    expect(formElement(run, "title")?.initial_value).toBe(title);
    // The channel's service is chosen only where the channel is connected to one.
    expect(formElement(run, "service")?.initial_option?.value).toBe(
      place === "connected" ? s.demo.services.checkout : undefined,
    );
  });

  it("a linked person submits the prefilled form: the incident is opened in PagerDuty as them", async () => {
    const title = "Checkout 502 from /pd";
    const { run } = await click(
      await pd(PEOPLE.linked, "connected", `trigger ${title}`),
      PEOPLE.linked,
    );
    const select = (value: string | undefined) => ({
      type: "static_select",
      selected_option: value ? { value } : null,
    });
    const { run: done } = await submitView(run, {
      values: {
        title: { title: { type: "plain_text_input", value: title } },
        service: { service: select(s.demo.services.checkout) },
        urgency: { urgency: select("high") },
        priority: { priority: select(undefined) },
        description: {
          description: { type: "plain_text_input", value: "" },
        },
        assign_to_me: {
          assign_to_me: { type: "checkboxes", selected_options: [] },
        },
      },
    });
    expect(done.status).toBe("completed");
    const created = s.pd.incidents().find((i) => i.title === title);
    expect(created?.serviceId).toBe(s.demo.services.checkout);
    const post = s.pd.requests().find((r) =>
      r.method === "POST" && r.path === "/incidents" &&
      r.body.includes(title)
    );
    // As the person (their OAuth token), not the bridge's read-only key.
    expect(post?.headers.authorization).toMatch(/^Bearer /);
  });
});

describe("/pd oncall [name]: answered by the bridge, to everyone", () => {
  it.each(CASES)("$place, $who: by name", async ({ place, who }) => {
    const answer = await pd(PEOPLE[who], place, "oncall Checkout");
    expect(answer.text).toContain(":pager: On call for *Checkout*");
    expect(answer.text).toContain(`*Level 1:* <@${s.users.responder}>`);
    expect(workflowButtons(answer)).toEqual([]);
  });

  it("asks Slack for each on-call person's mention once, not on every /pd oncall (Tier 3 budget)", async () => {
    const emails = new Set(
      Object.values(s.demo.users).map((u) => u.email.toLowerCase()),
    );
    const lookups = () =>
      s.slack.calls({ method: "users.lookupByEmail" }).filter((c) =>
        emails.has(String(c.args.email).toLowerCase())
      ).length;
    await pd(PEOPLE.linked, "unconnected", "oncall Checkout");
    const before = lookups();
    for (let i = 0; i < 3; i++) {
      const answer = await pd(PEOPLE.linked, "unconnected", "oncall Checkout");
      expect(answer.text).toContain(`<@${s.users.responder}>`);
    }
    expect(lookups() - before).toBe(0);
  });

  it.each(CASES)("$place, $who: without a name", async ({ place, who }) => {
    const answer = await pd(PEOPLE[who], place, "oncall");
    if (place === "connected") {
      // The channel's own services.
      expect(answer.text).toContain(":pager: On call for *Checkout*");
    } else {
      expect(answer.text).toContain("Name a service or escalation policy");
    }
  });
});

describe("/pd notifications: the My notifications form", () => {
  // Incident DMs follow the linked PagerDuty account that Link records: Rui links once (`/pd link`).
  beforeAll(async () => {
    const { run } = await click(
      await pd(PEOPLE.linked, "connected", "link"),
      PEOPLE.linked,
    );
    expect(run.status).toBe("completed");
  });
  // Off again for the rows after these: every incident assigned to Rui would otherwise also be DMed, one IM
  // post a second, and the rows that wait for a quiet bridge would wait for those.
  afterAll(async () => {
    const response = await fetch(
      `${s.bridge.url}/api/v1/notification-preferences/${
        s.users[PEOPLE.linked]
      }`,
      {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${s.bridgeApiToken}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ incident_dms: "off" }),
      },
    );
    expect(response.status).toBe(200);
  });
  it.each(CASES)("$place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const answer = await pd(user, place, "notifications");
    expect(answer.text).toContain(
      "Choose whether pagerslack DMs you the incidents PagerDuty assigns you",
    );
    // The form needs no PagerDuty token to open; turning DMs on needs the person's link.
    const { run, workflow } = await click(answer, user, 0, [{
      incident_dms: "all",
    }]);
    expect(workflow).toBe("my_notifications_workflow");
    expect(run.status).toBe("completed");
    if (who === "unlinked") {
      expect(toldBy(user)).toContain("not linked to PagerDuty yet");
    } else {
      expect(toldBy(user)).toContain(
        "Incident DMs: *Every incident assigned to me*",
      );
    }
  });
});

describe("/pd connect: the Connect workflow for this channel", () => {
  it.each(CASES)("$place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const answer = await pd(user, place, "connect");
    if (place === "dm") {
      // Nothing can be connected to a DM: no button, a sentence saying where to type it.
      expect(answer.text).toContain("Incident cards go to channels");
      expect(workflowButtons(answer)).toEqual([]);
      return;
    }
    expect(answer.text).toContain("Choose which PagerDuty services or teams");
    const { run, workflow } = await click(answer, user);
    expect(workflow).toBe("connect_channel_workflow");
    if (who === "unlinked") return expectConnectPrompt(run, user);
    expect(run.status).toBe("waiting");
    expect(openView(run)?.callback_id).toBe("connections_list");
    // The list shows this channel's connections (the connected one has Checkout).
    const shown = JSON.stringify(openView(run));
    if (place === "connected") expect(shown).toContain("Checkout");
  });
});

describe("/pd invite @user: the invite form with the invitee chosen", () => {
  it.each(CASES)("$place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const invitee = s.users.newcomer;
    const answer = await pd(user, place, `invite <@${invitee}|nina>`);
    expect(answer.text).toContain(`Invite <@${invitee}> to PagerDuty`);
    const { run, workflow, fromButton } = await click(answer, user);
    expect(workflow).toBe("invite_user_workflow");
    expect(fromButton).toEqual({ invitee });
    if (who === "unlinked") return expectConnectPrompt(run, user);
    expect(run.status).toBe("waiting");
    expect(openView(run)?.callback_id).toBe("invite_user");
    expect(JSON.stringify(openView(run))).toContain(
      `"initial_user":"${invitee}"`,
    );
  });

  it("without a mention the form asks who", async () => {
    const answer = await pd(PEOPLE.linked, "connected", "invite");
    expect(answer.text).toContain("the form asks who");
    const { fromButton } = await click(answer, PEOPLE.linked);
    expect(fromButton).toEqual({});
  });
});

describe("/pd link and /pd unlink", () => {
  // Oscar has a PagerDuty user but has not linked yet: the link a person makes in Slack's connect prompt.
  const oscar = "observer" as const;

  it.each(PLACES)(
    "/pd link, %s: unlinked → Slack's connect prompt, then linked",
    async (place) => {
      const answer = await pd(oscar, place, "link");
      expect(answer.text).toContain("Link your Slack account");
      const { run, workflow } = await click(answer, oscar);
      expect(workflow).toBe("link_account_workflow");
      if (place === "connected") {
        expectConnectPrompt(run, oscar);
        const token = s.pd.seed.userToken({
          userId: s.demo.users.observer.id,
          scopes: s.app.pagerDutyProvider.scopes,
          clientName: "pagerslack",
        }).token;
        const linked = await run.connectExternalAuth({ token });
        expect(linked.status).toBe("completed");
        expect(linked.outputs["0"]).toMatchObject({
          linked: true,
          pagerduty_user_id: s.demo.users.observer.id,
        });
      } else {
        // Linked since: the link is confirmed again, nothing asked.
        expect(run.status).toBe("completed");
        expect(run.outputs["0"]).toMatchObject({ linked: true });
      }
    },
  );

  it.each(PLACES)(
    "/pd unlink, %s: the linked person's token is deleted; unlinked → the connect prompt",
    async (place) => {
      const answer = await pd(oscar, place, "unlink");
      expect(answer.text).toContain("Unlink your PagerDuty account");
      const { run, workflow } = await click(answer, oscar);
      expect(workflow).toBe("unlink_account_workflow");
      if (place === "connected") {
        expect(run.status).toBe("completed");
        expect(run.outputs["0"]).toEqual({ unlinked: true });
        // Unlinked: the next action asks to connect again.
        const { run: after } = await click(
          await pd(oscar, "unconnected", "trigger"),
          oscar,
        );
        expectConnectPrompt(after, oscar);
      } else {
        // Nothing is linked any more: Slack asks to connect before anything runs (the workflow's step takes
        // the END_USER token), so nothing is deleted.
        expectConnectPrompt(run, oscar);
      }
    },
  );
});

/** A fresh Checkout incident (Rui is its level-1 assignee) the bridge has seen. */
async function newIncident(title: string) {
  const incident = s.pd.triggerIncident({
    serviceId: s.demo.services.checkout,
    title,
  });
  await s.waitForCard(s.channels.responders, incident.id);
  return incident;
}

describe("/pd ack|resolve|note N: one click, as that person, in PagerDuty", () => {
  const rui = () => s.demo.users.responder;

  it.each(CASES)("ack, $place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const incident = await newIncident(`ack ${place} ${who}`);
    const answer = await pd(user, place, `ack ${incident.number}`);
    expect(answer.text).toContain(`Acknowledge #${incident.number}`);
    const { run, workflow, fromButton } = await click(answer, user);
    expect(workflow).toBe("incident_action_workflow");
    expect(fromButton).toEqual({
      incident_id: incident.id,
      action: "acknowledge",
    });
    if (who === "unlinked") {
      expectConnectPrompt(run, user);
      expect(s.pd.incident(incident.id)?.status).toBe("triggered");
      return;
    }
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    const after = s.pd.incident(incident.id);
    expect(after?.status).toBe("acknowledged");
    expect(after?.acknowledgements.map((a) => a.userId)).toEqual([rui().id]);
    expect(toldBy(user)).toMatch(
      new RegExp(`You acknowledged <[^|]+\\|#${incident.number}\\b`),
    );
  });

  it.each(CASES)("resolve, $place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const incident = await newIncident(`resolve ${place} ${who}`);
    const note = `fixed (${place})`;
    const answer = await pd(user, place, `resolve #${incident.number} ${note}`);
    expect(answer.text).toContain(`Resolve #${incident.number}`);
    expect(answer.text).toContain(`"${note}"`);
    const { run, fromButton } = await click(answer, user);
    expect(fromButton).toEqual({
      incident_id: incident.id,
      action: "resolve_now",
      note,
    });
    if (who === "unlinked") {
      expectConnectPrompt(run, user);
      expect(s.pd.incident(incident.id)?.status).toBe("triggered");
      return;
    }
    // One click: resolved as the person, the command's text as the resolution note, no form.
    expect(openView(run)).toBeUndefined();
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    const after = s.pd.incident(incident.id);
    expect(after?.status).toBe("resolved");
    expect(after?.lastStatusChangeById).toBe(rui().id);
    expect(s.pd.notes(incident.id).map((n) => n.content)).toContain(note);
  });

  it.each(CASES)("note, $place, $who", async ({ place, who }) => {
    const user = PEOPLE[who];
    const incident = await newIncident(`note ${place} ${who}`);
    const note = `rolled back to v41 (${place})`;
    const answer = await pd(user, place, `note ${incident.number} ${note}`);
    expect(answer.text).toContain(`Add a note to #${incident.number}`);
    expect(answer.text).toContain(`"${note}"`);
    const { run, fromButton } = await click(answer, user);
    expect(fromButton).toEqual({
      incident_id: incident.id,
      action: "note",
      note,
    });
    if (who === "unlinked") {
      expectConnectPrompt(run, user);
      expect(s.pd.notes(incident.id)).toEqual([]);
      return;
    }
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(
      s.pd.notes(incident.id).map((n) => ({ by: n.userId, text: n.content })),
    ).toEqual([{ by: rui().id, text: note }]);
    expect(toldBy(user)).toMatch(
      new RegExp(`:memo: Note added to .*#${incident.number}\\b`),
    );
  });

  it("an incident already resolved is found in PagerDuty by its number; acknowledging it changes nothing", async () => {
    const incident = await newIncident("resolved before the ack");
    s.pd.updateIncident(incident.id, { status: "resolved" }, rui().id);
    await s.waitForQuiet();
    s.pd.clearRequests();
    const answer = await pd(PEOPLE.linked, "dm", `ack ${incident.number}`);
    // Not among the open incidents the bridge follows: asked of PagerDuty by number, with the bridge's key.
    expect(
      s.pd.requests().some((r) =>
        r.method === "GET" && r.path === `/incidents/${incident.number}`
      ),
    ).toBe(true);
    expect(answer.text).toContain(
      `Acknowledge #${incident.number} *resolved before the ack*`,
    );
    const { run } = await click(answer, PEOPLE.linked);
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "already" });
    expect(s.pd.incident(incident.id)?.status).toBe("resolved");
    expect(toldBy(PEOPLE.linked)).toMatch(/already resolved/i);
  });

  it("an unknown number, and a note without text, get a plain answer and no button", async () => {
    const missing = await pd(PEOPLE.linked, "connected", "ack 987654");
    expect(missing.text).toBe(":mag: PagerDuty has no incident #987654.");
    expect(workflowButtons(missing)).toEqual([]);
    const incident = await newIncident("note without text");
    const empty = await pd(PEOPLE.linked, "dm", `note ${incident.number}`);
    expect(empty.text).toContain("What should the note say?");
    expect(workflowButtons(empty)).toEqual([]);
  });
});

describe("/pd ack|resolve|note without a number", () => {
  // Outside an incident channel there is no incident to mean: connected, unconnected and DM alike.
  it.each(PLACES)(
    "%s (not an incident channel): asks which incident",
    async (place) => {
      for (const verb of ["ack", "resolve", "note"]) {
        const answer = await pd(PEOPLE.linked, place, verb);
        expect(answer.text).toContain("Which incident? Give its number");
        expect(workflowButtons(answer)).toEqual([]);
      }
    },
  );

  it("in an incident channel: the channel's incident, as the person who clicks", async () => {
    const incident = await newIncident("incident channel actions");
    const made = await fetch(
      `${s.bridge.url}/api/v1/incidents/${incident.id}/channels`,
      {
        method: "POST",
        headers: {
          Authorization: `Bearer ${s.bridgeApiToken}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          create: { private: false },
          invite_user_ids: [s.users.responder, s.users.newcomer],
        }),
      },
    );
    expect(made.status).toBe(201);
    const { channel_id: channel } = await made.json() as {
      channel_id: string;
    };

    // Unlinked: the connect prompt, PagerDuty untouched.
    const { run: unlinked, fromButton } = await click(
      await pdIn(PEOPLE.unlinked, channel, "ack"),
      PEOPLE.unlinked,
    );
    expect(fromButton).toEqual({
      incident_id: incident.id,
      action: "acknowledge",
    });
    expectConnectPrompt(unlinked, PEOPLE.unlinked);
    expect(s.pd.incident(incident.id)?.status).toBe("triggered");

    const rui = s.demo.users.responder.id;
    const ack = await pdIn(PEOPLE.linked, channel, "ack");
    expect(ack.text).toContain(`#${incident.number}`);
    expect((await click(ack, PEOPLE.linked)).run.status).toBe("completed");
    expect(s.pd.incident(incident.id)?.status).toBe("acknowledged");
    expect(s.pd.incident(incident.id)?.acknowledgements.map((a) => a.userId))
      .toEqual([rui]);

    const note = await pdIn(PEOPLE.linked, channel, "note paging the DBA");
    expect(note.text).toContain(`"paging the DBA"`);
    expect((await click(note, PEOPLE.linked)).run.status).toBe("completed");
    expect(s.pd.notes(incident.id).map((n) => [n.userId, n.content]))
      .toEqual([[rui, "paging the DBA"]]);

    const { run: resolved } = await click(
      await pdIn(PEOPLE.linked, channel, "resolve"),
      PEOPLE.linked,
    );
    expect(resolved.status).toBe("completed");
    expect(s.pd.incident(incident.id)?.status).toBe("resolved");
    expect(s.pd.incident(incident.id)?.lastStatusChangeById).toBe(rui);
  });
});
