// Issue 16's "Done when": the README's Deploying list, followed step by step against the simulators with two Slack
// workspaces. The bridge process is started with the variables README step 4's `docker run` names (no bot token:
// "Add to Slack", and no webhook secret: it makes its own PagerDuty subscription); both workspaces install the
// bridge's bot through the browser flow; each deploys the hosted app and runs its "Set up pagerslack" link, which
// creates that workspace's triggers and registers them with the bridge; an admin in each connects a channel to the
// same PagerDuty service. One incident then gets one card in each workspace, posted with that workspace's token,
// whose buttons start that workspace's own hosted workflow and act as the person who clicks there. Bad installs
// and an uninstall in the middle of the incident lose nothing for the other workspace.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KNOWN_VARIABLES } from "../../bridge/config/config-schema.ts";
import { openDatabase } from "../../bridge/db/open-database.ts";
import { createInstallationStore } from "../../bridge/install/installation-store.ts";
import { createSecretBox } from "../../bridge/secrets/secret-box.ts";
import { PD_ENTRIES } from "../../bridge/slash/pd-entries.ts";
import type { Block } from "../../shared/cards/block-kit.ts";
import { CARD_METADATA_EVENT_TYPE } from "../../shared/cards/render-card.ts";
import { renderCardText } from "../../shared/cards/render-card-text.ts";
import { readDeployConfig } from "../../scripts/read-deploy-config.ts";
import { findFreePort } from "../find-free-port.ts";
import {
  type DemoAccount,
  type DemoPersona,
  seedDemoAccount,
} from "../simulators/pagerduty/seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../simulators/pagerduty/start-pagerduty-simulator.ts";
import type { TranscriptMessage } from "../simulators/slack/render-transcript.ts";
import type { WorkflowRun } from "../simulators/slack/run-workflow.ts";
import {
  type SlackSimulator,
  type SlackWorkspaceControl,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import { elementState } from "../slack-app/element-state.ts";
import { submitView } from "../slack-app/submit-view.ts";
import {
  addToSlack,
  answerConsent,
  followRedirect,
  openInstallPage,
} from "./add-to-slack-browser.ts";
import {
  type HostedApp,
  type LinkTriggerDefinition,
  loadHostedApp,
  workflowOf,
} from "./load-hosted-app.ts";
import {
  bridgePaths,
  configFileKeys,
  dockerRunVariables,
  linkedFiles,
  npmScripts,
  readmeDeploySteps,
  slashCommands,
} from "./readme-deploy-steps.ts";
import {
  type BridgeProcess,
  startBridgeProcess,
} from "./start-bridge-process.ts";
import { buttonInput, triggerInputs, workflowButtons } from "./start-stack.ts";
import { waitFor } from "./wait-for.ts";

const ROOT = new URL("../../", import.meta.url);
const STEPS = readmeDeploySteps();
const step = (n: number) => {
  const found = STEPS.find((s) => s.number === n);
  if (!found) throw new Error(`README's Deploying list has no step ${n}`);
  return found.text;
};

/** What each test below follows: a word its README step must still contain (a reordered list fails here). */
const FOLLOWS: Record<number, string> = {
  1: "App Registration",
  2: "API Access Keys",
  3: "slack-app-manifest.json",
  4: "docker run",
  5: "/slack/install",
  6: "npm run deploy:slack-app",
  7: "Set up",
  8: "Connect this channel",
};

// Step 3: the bridge's Slack app, as api.slack.com makes it from bridge/slack-app-manifest.json.
const CLIENT_ID = "1111.2222";
const CLIENT_SECRET = "e2e-eight-steps-client-secret";
const SIGNING_SECRET = "e2e-eight-steps-signing-secret";
const BRIDGE_APP_ID = "A0PSBRIDGE";
// Step 4's generated values.
const ENCRYPTION_KEY = "e2e-eight-steps-encryption-key-0123456789";
const API_TOKEN = "e2e-eight-steps-api-token";

interface Workspace {
  n: 1 | 2;
  control: SlackWorkspaceControl;
  teamId: string;
  /** Each workspace deploys its own hosted app (`slack deploy` makes one app per workspace). */
  appId: string;
  channel: string;
  admin: { persona: DemoPersona; slackId: string };
  responder: { persona: DemoPersona; slackId: string };
  setupTriggerUrl?: string;
}

let app: HostedApp;
let pd: PagerDutySimulator;
let demo: DemoAccount;
let slack: SlackSimulator;
let bridge: BridgeProcess;
let dir: string;
let databaseUrl: string;
const ws: Workspace[] = [];
let appEnv: Record<string, string>;
let incidentId: string;

const bridgeManifest = JSON.parse(
  readFileSync(new URL("bridge/slack-app-manifest.json", ROOT), "utf8"),
) as {
  oauth_config: { scopes: { bot: string[] } };
  features: { bot_user: { display_name: string } };
};

const api = async (path: string) => {
  const res = await fetch(`${bridge.url}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${API_TOKEN}` },
  });
  return { status: res.status, body: await res.json() as unknown };
};

const installations = async () => {
  const database = openDatabase(databaseUrl);
  try {
    return (await createInstallationStore(
      database.db,
      createSecretBox(ENCRYPTION_KEY),
    ).list()).map((i) => i.teamId).sort();
  } finally {
    await database.close();
  }
};

/** The bridge bot's token in a workspace: what oauth.v2.access issued it. */
const bridgeToken = (w: Workspace) =>
  [...w.control.workspace.tokens.values()].find((t) =>
    t.kind === "bot" && t.appId === BRIDGE_APP_ID
  )?.token;

const cardIn = (w: Workspace, id = incidentId) =>
  w.control.transcript(w.channel).find((m) =>
    m.metadata?.event_type === CARD_METADATA_EVENT_TYPE &&
    (m.metadata.event_payload as { incident_id?: string }).incident_id === id
  );

const textOf = (card: TranscriptMessage) =>
  renderCardText((card.blocks ?? []) as Block[]);

const waitForCard = (
  w: Workspace,
  predicate: (text: string) => boolean = () => true,
) =>
  waitFor(() => {
    const card = cardIn(w);
    return card && predicate(textOf(card)) ? card : undefined;
  }, {
    what: `the card in workspace ${w.n}`,
    timeoutMs: 30_000,
    describe: () =>
      w.control.renderTranscript(w.channel) + bridge.logs.join("\n"),
  });

/** A PagerDuty token for the person, as Slack's connect prompt leaves one (PagerDuty OAuth with the app's scopes). */
const pagerDutyToken = (persona: DemoPersona) =>
  pd.seed.userToken({
    userId: demo.users[persona].id,
    scopes: app.pagerDutyProvider.scopes,
    clientName: "pagerslack",
  }).token;

/** A link trigger of the workspace's hosted app started by `slackId`; Slack's connect prompt answered if asked. */
async function startLink(
  w: Workspace,
  trigger: LinkTriggerDefinition,
  person: { persona: DemoPersona; slackId: string },
  options: {
    channelId?: string;
    messageTs?: string;
    actionId?: string;
    fromButton?: Record<string, string>;
    formAnswers?: Record<string, unknown>[];
  } = {},
): Promise<WorkflowRun> {
  const run = await w.control.runWorkflow({
    workflow: workflowOf(app, trigger),
    inputs: triggerInputs(trigger, options.fromButton),
    userId: person.slackId,
    functions: app.functions,
    env: appEnv,
    appId: w.appId,
    ...(options.channelId ? { channelId: options.channelId } : {}),
    ...(options.messageTs ? { messageTs: options.messageTs } : {}),
    ...(options.actionId ? { actionId: options.actionId } : {}),
    ...(options.formAnswers ? { formAnswers: options.formAnswers } : {}),
  });
  // The first run of a PagerDuty-backed link: Slack asks the person to connect PagerDuty (external auth).
  return run.pendingAuthorization
    ? await run.connectExternalAuth({ token: pagerDutyToken(person.persona) })
    : run;
}

/** A click on the card's button: it must be there and start this workspace's incident-actions link. */
async function press(
  w: Workspace,
  action: string,
  person: { persona: DemoPersona; slackId: string },
): Promise<WorkflowRun> {
  const card = cardIn(w);
  const button = card &&
    workflowButtons(card).find((b) => buttonInput(b, "action") === action);
  if (!card || !button) {
    throw new Error(`no ${action} button on the card in workspace ${w.n}`);
  }
  const trigger = w.control.workspace.linkTriggers.find(
    button.workflow.trigger.url,
  );
  expect(trigger?.appId).toBe(w.appId);
  return await startLink(w, app.triggers.incidentAction, person, {
    channelId: w.channel,
    messageTs: card.ts,
    ...(button.action_id ? { actionId: button.action_id } : {}),
    fromButton: Object.fromEntries(
      (button.workflow.trigger.customizable_input_parameters ?? []).map((
        p,
      ) => [p.name, p.value]),
    ),
  });
}

beforeAll(async () => {
  app = await loadHostedApp();
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 2_000, backoffMs: [50, 150, 300, 600, 1_000] },
  });
  demo = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  dir = mkdtempSync(join(tmpdir(), "pagerslack-eight-steps-"));
  databaseUrl = `sqlite:${join(dir, "pagerslack.db")}`;
  const second = slack.addWorkspace({ teamId: "T0SECOND", name: "Second Co" });
  const people = [
    { admin: "owner", responder: "responder" },
    { admin: "manager", responder: "responder2" },
  ] as const;
  for (const [i, control] of [slack, second].entries()) {
    const slackUser = (persona: DemoPersona, isAdmin = false) => ({
      persona,
      slackId: control.createUser({
        name: demo.users[persona].name,
        email: demo.users[persona].email,
        isAdmin,
      }).id,
    });
    const admin = slackUser(people[i]!.admin, true);
    const responder = slackUser(people[i]!.responder);
    ws.push({
      n: (i + 1) as 1 | 2,
      control,
      teamId: control.teamId,
      appId: `A0PSHOSTED${i + 1}`,
      admin,
      responder,
      // A public channel the bridge's bot is not in (it does not exist before step 5).
      channel: control.createChannel({
        name: "inc-checkout",
        members: [admin.slackId, responder.slackId],
      }).id,
    });
  }
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  await slack?.close();
  await pd?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the README's Deploying list", () => {
  it("has at most 8 steps, numbered in order, each still what the test below follows", () => {
    expect(STEPS.length).toBeGreaterThan(0);
    expect(STEPS.length).toBeLessThanOrEqual(8);
    expect(STEPS.map((s) => s.number)).toEqual(
      STEPS.map((_, i) => i + 1),
    );
    for (const [n, word] of Object.entries(FOLLOWS)) {
      expect(step(Number(n)).replace(/\s+/g, " "), `README step ${n}`)
        .toContain(word);
    }
  });

  it("names only commands, files, variables and /pd sub-commands that exist", () => {
    const scripts = (JSON.parse(
      readFileSync(new URL("package.json", ROOT), "utf8"),
    ) as { scripts: Record<string, string> }).scripts;
    for (const s of STEPS) {
      for (const script of npmScripts(s.text)) {
        expect(scripts[script], `step ${s.number}: npm run ${script}`)
          .toBeDefined();
      }
      for (const file of linkedFiles(s.text)) {
        expect(existsSync(new URL(file, ROOT)), `step ${s.number}: ${file}`)
          .toBe(true);
      }
      for (const name of dockerRunVariables(s.text)) {
        expect(KNOWN_VARIABLES, `step ${s.number}: -e ${name}`).toContain(name);
      }
      if (/docker run /.test(s.text)) {
        expect(existsSync(new URL("Dockerfile", ROOT))).toBe(true);
      }
      for (const sub of slashCommands(s.text)) {
        expect(
          PD_ENTRIES.some((e) => e.usage.startsWith(`/pd ${sub}`)),
          `step ${s.number}: /pd ${sub}`,
        ).toBe(true);
      }
    }
    // Step 6's file holds exactly what deploy:slack-app reads.
    const keys = configFileKeys(step(6));
    const read = readDeployConfig({
      env: Object.fromEntries(
        keys.map((k) => [
          k,
          k === "BRIDGE_URL"
            ? "https://b.example.com"
            : k === "PAGERDUTY_REGION"
            ? "eu"
            : "x",
        ]),
      ),
    });
    expect(read).toMatchObject({ ok: true });
  });
});

describe("installing in eight steps, in two workspaces", () => {
  it("steps 1 and 2 (PagerDuty): the OAuth app and a full-access key", () => {
    // The OAuth app registered in PagerDuty, granted the scopes the hosted app asks for (slack-app/README.md).
    pd.oauth.registerClient({
      name: "pagerslack",
      scopes: [...app.pagerDutyProvider.scopes],
    });
    // seedDemoAccount's account key is a full-access one (its read-only twin is demo.readOnlyApiKey).
    expect(demo.apiKey).not.toBe(demo.readOnlyApiKey);
  });

  it("step 3 (Slack): the bridge's app from its manifest", async () => {
    const port = await findFreePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    slack.registerOAuthApp({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      appId: BRIDGE_APP_ID,
      signingSecret: SIGNING_SECRET,
      // The manifest's example host replaced by the bridge's (here: its loopback address).
      redirectUrls: [`${publicUrl}/slack/oauth_redirect`],
      scopes: bridgeManifest.oauth_config.scopes.bot,
      eventsUrl: `${publicUrl}/slack/events`,
      botName: bridgeManifest.features.bot_user.display_name,
    });
    appEnv = { BRIDGE_URL: publicUrl, BRIDGE_API_TOKEN: API_TOKEN };
  });

  it(
    "step 4: the bridge starts from the docker run's variables alone and makes its own PagerDuty subscription",
    async () => {
      const publicUrl = appEnv.BRIDGE_URL!;
      const values: Record<string, string> = {
        BRIDGE_PUBLIC_URL: publicUrl,
        SLACK_CLIENT_ID: CLIENT_ID,
        SLACK_CLIENT_SECRET: CLIENT_SECRET,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PAGERDUTY_API_TOKEN: demo.apiKey,
        PAGERSLACK_ENCRYPTION_KEY: ENCRYPTION_KEY,
        PAGERSLACK_API_TOKENS: API_TOKEN,
      };
      const named = dockerRunVariables(step(4));
      for (const old of ["SLACK_BOT_TOKEN", "PAGERDUTY_WEBHOOK_SECRETS"]) {
        expect(named).not.toContain(old);
      }
      const env = Object.fromEntries(named.map((name) => {
        const value = values[name];
        if (value === undefined) {
          throw new Error(`README step 4 sets ${name}: say here what it is`);
        }
        return [name, value];
      }));
      bridge = await startBridgeProcess({
        ...env,
        // What the container sets or what points it at the simulators instead of Slack and PagerDuty.
        PORT: new URL(publicUrl).port,
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        SLACK_API_URL: slack.url,
        PAGERDUTY_API_URL: pd.url,
        LOG_LEVEL: "info",
      });
      const subscription = await waitFor(
        () =>
          [...pd.state.webhookSubscriptions.values()].find((s) =>
            s.url === `${publicUrl}/webhooks/pagerduty`
          ),
        { what: "the bridge's own webhook subscription", timeoutMs: 15_000 },
      );
      expect(subscription.filter).toMatchObject({ type: "account_reference" });
      appEnv = { ...appEnv, PAGERDUTY_API_URL: pd.url };
    },
    60_000,
  );

  it(
    "step 5: Add to Slack in both workspaces; a forged or reused state, a refusal and a code used twice store nothing",
    async () => {
      expect(bridgePaths(step(5))).toEqual(["/slack/install"]);
      const [one, two] = ws as [Workspace, Workspace];
      const first = await addToSlack(bridge.url, {
        userId: one.admin.slackId,
      });
      expect(first.status, first.html).toBe(200);
      expect(first.html).toContain(
        `Installed in ${one.control.workspace.teamDomain}`,
      );
      expect(await installations()).toEqual([one.teamId]);

      // Workspace 2's admin, before getting it right. A state the bridge never issued:
      const forged = await openInstallPage(bridge.url);
      const forgedBack = new URL(
        await answerConsent(forged.authorizeUrl, {
          decision: "allow",
          userId: two.admin.slackId,
          teamId: two.teamId,
        }),
      );
      forgedBack.searchParams.set("state", "made.up.state");
      const a = await followRedirect(forgedBack.toString(), forged.cookie);
      expect(a.status).toBe(400);
      expect(a.html).toContain("not issued by this bridge");
      // Cancel on Slack's page:
      const denied = await openInstallPage(bridge.url);
      const b = await followRedirect(
        await answerConsent(denied.authorizeUrl, {
          decision: "deny",
          userId: two.admin.slackId,
          teamId: two.teamId,
        }),
        denied.cookie,
      );
      expect(b.status).toBe(403);
      expect(b.html).toContain("Install cancelled");
      // A code someone else exchanged first (a prefetching proxy):
      const raced = await openInstallPage(bridge.url);
      const racedBack = await answerConsent(raced.authorizeUrl, {
        decision: "allow",
        userId: two.admin.slackId,
        teamId: two.teamId,
      });
      const exchanged = await fetch(`${slack.url}oauth.v2.access`, {
        method: "POST",
        body: new URLSearchParams({
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          code: new URL(racedBack).searchParams.get("code")!,
          redirect_uri: `${appEnv.BRIDGE_URL}/slack/oauth_redirect`,
        }),
      });
      expect((await exchanged.json() as { ok: boolean }).ok).toBe(true);
      const c = await followRedirect(racedBack, raced.cookie);
      expect(c.status).toBe(400);
      expect(c.html).toContain("invalid_code");
      expect(await installations()).toEqual([one.teamId]);

      // Then through properly; the same redirect followed again is refused and changes nothing.
      const page = await openInstallPage(bridge.url);
      const back = await answerConsent(page.authorizeUrl, {
        decision: "allow",
        userId: two.admin.slackId,
        teamId: two.teamId,
      });
      const done = await followRedirect(back, page.cookie);
      expect(done.status, done.html).toBe(200);
      expect(done.html).toContain("Installed in second-co");
      const again = await followRedirect(back, page.cookie);
      expect(again.status).toBe(400);
      expect(again.html).toContain("already used");
      expect(await installations()).toEqual([one.teamId, two.teamId].sort());
      expect(bridgeToken(one)).toBeDefined();
      expect(bridgeToken(two)).toBeDefined();
      expect(bridgeToken(one)).not.toBe(bridgeToken(two));
    },
    60_000,
  );

  it("step 6: deploy:slack-app in each workspace leaves the hosted app and its one Set up link", () => {
    expect(npmScripts(step(6))).toEqual(["deploy:slack-app"]);
    for (const w of ws) {
      // `slack deploy` (scripts/deploy-slack-app.test.ts runs the script against a fake CLI): the app, its
      // workflows and datastores, its bot; then `slack trigger create` of the setup trigger.
      w.control.createHostedApp({
        appId: w.appId,
        datastores: app.datastores,
        workflows: Object.values(app.workflows),
      });
      const bot = w.control.createToken({
        kind: "hosted_app",
        appId: w.appId,
        scopes: app.botScopes,
        botName: "pagerslack",
      });
      w.control.workspace.channels.get(w.channel)!.members.add(bot.userId);
      w.setupTriggerUrl = w.control.registerLinkTrigger({
        trigger: app.triggers.setUpPagerslack,
        workflow: workflowOf(app, app.triggers.setUpPagerslack),
        appId: w.appId,
      }).url;
    }
  });

  it(
    "step 7: the Set up link creates each workspace's links and registers them with the bridge, per workspace",
    async () => {
      for (const w of ws) {
        const trigger = w.control.workspace.linkTriggers.find(
          w.setupTriggerUrl!,
        );
        expect(trigger?.workflowCallbackId).toBe("set_up_pagerslack_workflow");
        const run = await startLink(w, app.triggers.setUpPagerslack, w.admin, {
          channelId: w.channel,
          formAnswers: [{}],
        });
        expect(run.status, run.error).toBe("completed");
        const report = w.control.ephemeralMessages({ userId: w.admin.slackId })
          .map((m) => m.text).join("\n");
        expect(report).toContain("9 created, 0 updated, 0 already there");
        expect(report).toContain("The bridge knows every link");
        expect(report).not.toContain("SLACK_ACTIONS_TRIGGER_URL");
        const registered = await api(`/workflow-triggers?team_id=${w.teamId}`);
        expect(registered.status).toBe(200);
        const triggers = (registered.body as {
          triggers: { name: string; url: string }[];
        }).triggers;
        expect(triggers.map((t) => t.name).sort()).toEqual([
          "connect_channel",
          "help",
          "incident_action",
          "invite_user",
          "link_account",
          "my_notifications",
          "trigger_incident",
          "unlink_account",
          "who_is_on_call",
        ]);
        // Every registered link is a trigger of this workspace's app, none of the other workspace's.
        const other = ws.find((o) => o !== w)!;
        for (const t of triggers) {
          expect(w.control.workspace.linkTriggers.find(t.url)?.appId).toBe(
            w.appId,
          );
          expect(other.control.workspace.linkTriggers.find(t.url))
            .toBeUndefined();
        }
      }
    },
    60_000,
  );

  it(
    "step 8: an admin in each workspace connects a channel to the same service; the bridge's bot joins it",
    async () => {
      for (const w of ws) {
        const run = await startLink(w, app.triggers.connectChannel, w.admin, {
          channelId: w.channel,
        });
        expect(run.status, run.error).toBe("waiting");
        await run.clickBlockAction({ actionId: "connection_add" });
        // Save: the modal goes back to the channel's list of connections (the function keeps running until closed).
        const { response } = await run.submitView({
          values: {
            source: {
              source: elementState.select(`service:${demo.services.checkout}`),
            },
            notification_type: {
              notification_type: elementState.radio("responder"),
            },
            events: {
              events: elementState.multiSelect([
                "incident.acknowledged",
                "incident.resolved",
              ]),
            },
            urgency: { urgency: elementState.select("any") },
            priorities: { priorities: elementState.multiSelect([]) },
            thread_updates: {
              thread_updates: elementState.checkboxes(["thread"]),
            },
          },
        });
        expect(response).toMatchObject({ response_action: "update" });
        await run.closeView({ clear: true });
        const saved = await api(`/connections?channel_id=${w.channel}`);
        expect(saved.body).toMatchObject({
          connections: [{
            team_id: w.teamId,
            source_id: demo.services.checkout,
            notification_type: "responder",
          }],
        });
        const botUser = [...w.control.workspace.tokens.values()].find((t) =>
          t.token === bridgeToken(w)
        )!.userId;
        expect(
          w.control.workspace.channels.get(w.channel)!.members.has(botUser),
        )
          .toBe(true);
      }
    },
    60_000,
  );

  it(
    "an incident gets one card in each workspace, posted with that workspace's token, with that workspace's buttons",
    async () => {
      incidentId = pd.triggerIncident({
        serviceId: demo.services.checkout,
        title: "Checkout is down in both workspaces",
      }).id;
      for (const w of ws) {
        const card = await waitForCard(w);
        expect(
          w.control.transcript(w.channel).filter((m) =>
            m.metadata?.event_type === CARD_METADATA_EVENT_TYPE
          ),
        ).toHaveLength(1);
        const posts = slack.calls({ method: "chat.postMessage" }).filter((c) =>
          c.args.channel === w.channel &&
          (c.result as { ok?: boolean }).ok === true
        );
        expect(posts.length).toBeGreaterThan(0);
        for (const post of posts) {
          expect(post.token).toBe(bridgeToken(w));
          expect(post.teamId).toBe(w.teamId);
        }
        const registered = (await api(`/workflow-triggers?team_id=${w.teamId}`))
          .body as { triggers: { name: string; url: string }[] };
        const actions = registered.triggers.find((t) =>
          t.name === "incident_action"
        )!.url;
        const buttons = workflowButtons(card);
        expect(buttons.map((b) => b.text.text)).toEqual([
          "Acknowledge",
          "Resolve",
          "More actions…",
        ]);
        for (const button of buttons) {
          expect(button.workflow.trigger.url).toBe(actions);
        }
      }
    },
    60_000,
  );

  it(
    "Acknowledge in workspace 1 acts as the person who clicked there (Slack asks them to connect PagerDuty first); both cards follow",
    async () => {
      const [one] = ws as [Workspace, Workspace];
      const run = await press(one, "acknowledge", one.responder);
      expect(run.status, run.error).toBe("completed");
      const incident = pd.incident(incidentId)!;
      expect(incident.status).toBe("acknowledged");
      expect(incident.acknowledgements.map((a) => a.userId)).toEqual([
        demo.users[one.responder.persona].id,
      ]);
      const name = demo.users[one.responder.persona].name;
      for (const w of ws) {
        await waitForCard(
          w,
          (text) => text.includes(`Acknowledged by ${name}`),
        );
      }
    },
    60_000,
  );

  it(
    "workspace 1 removes the app mid-incident: a log line, and workspace 2's card keeps following; its Resolve acts as its own clicker",
    async () => {
      const [one, two] = ws as [Workspace, Workspace];
      const tokenOne = bridgeToken(one)!;
      const uninstalledAt = Date.now();
      const deliveries = await slack.uninstallApp(CLIENT_ID, {
        workspace: one.control.workspace,
      });
      expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
      await waitFor(
        () =>
          bridge.logs.some((l) =>
            l.includes(`Slack workspace ${one.teamId} removed the app`)
          ),
        { what: "the uninstall log line" },
      );
      expect(await installations()).toEqual([two.teamId]);
      const cardOneBefore = cardIn(one)!;

      const resolve = await press(two, "resolve", two.responder);
      expect(resolve.openViews().at(-1)?.view.callback_id).toBe(
        "resolve_incident",
      );
      const { run: resolved } = await submitView(resolve, {
        values: {
          resolution: {
            resolution_note: {
              type: "plain_text_input",
              value: "Rolled back the deploy",
            },
          },
        },
      });
      expect(resolved.status, resolved.error).toBe("completed");
      const incident = pd.incident(incidentId)!;
      expect(incident.status).toBe("resolved");
      expect(incident.lastStatusChangeById).toBe(
        demo.users[two.responder.persona].id,
      );
      await waitForCard(two, (text) => text.includes("Resolved"));
      // Workspace 1's card stays as it was: its token is gone, and nothing was sent with it after the uninstall.
      expect(cardIn(one)!.edits).toEqual(cardOneBefore.edits);
      const revokedCalls = slack.calls().filter((c) =>
        c.token === tokenOne && (c.result as { ok?: boolean }).ok === true &&
        c.time >= uninstalledAt
      );
      expect(revokedCalls).toEqual([]);
      const logs = bridge.logs.join("\n");
      for (const secret of [tokenOne, bridgeToken(two)!, CLIENT_SECRET]) {
        expect(logs).not.toContain(secret);
      }
    },
    60_000,
  );

  it(
    "step 7 again: the incident-actions link deleted by hand, Set up makes a new one and the open card's buttons follow",
    async () => {
      const [, two] = ws as [Workspace, Workspace];
      incidentId = pd.triggerIncident({
        serviceId: demo.services.checkout,
        title: "Second Co: search is slow",
      }).id;
      const card = await waitForCard(two);
      const oldUrl = workflowButtons(card)[0]!.workflow.trigger.url;
      // An admin deletes the trigger (`slack trigger delete`): the card's buttons now start nothing.
      const old = two.control.workspace.linkTriggers.find(oldUrl)!;
      two.control.workspace.linkTriggers.remove(old.id);
      const run = await startLink(
        two,
        app.triggers.setUpPagerslack,
        two.admin,
        {
          channelId: two.channel,
          formAnswers: [{}],
        },
      );
      expect(run.status, run.error).toBe("completed");
      const registered = (await api(`/workflow-triggers?team_id=${two.teamId}`))
        .body as { triggers: { name: string; url: string }[] };
      const newUrl =
        registered.triggers.find((t) => t.name === "incident_action")!.url;
      expect(newUrl).not.toBe(oldUrl);
      expect(two.control.workspace.linkTriggers.find(newUrl)?.appId).toBe(
        two.appId,
      );
      await waitFor(() => {
        const now = cardIn(two);
        return now && workflowButtons(now).length > 0 &&
          workflowButtons(now).every((b) => b.workflow.trigger.url === newUrl);
      }, {
        what: "the open card's buttons to start the new incident-actions link",
        timeoutMs: 20_000,
        describe: () => JSON.stringify(cardIn(two)?.blocks),
      });
      const ack = await press(two, "acknowledge", two.responder);
      expect(ack.status, ack.error).toBe("completed");
      expect(pd.incident(incidentId)?.acknowledgements.map((a) => a.userId))
        .toEqual([demo.users[two.responder.persona].id]);
    },
    60_000,
  );
});
