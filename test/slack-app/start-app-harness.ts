import { SLACK_SCOPES_USED } from "../../bridge/slack/slack-methods-used.ts";
import { startBridgeProcess } from "../e2e/start-bridge-process.ts";
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
import type {
  RunWorkflowOptions,
  SlackFunctionModule,
  WorkflowLike,
  WorkflowRun,
} from "../simulators/slack/run-workflow.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import { BOT_SCOPES } from "../../slack-app/manifest/bot-scopes.ts";
import {
  PAGERDUTY_OAUTH_SCOPES,
  PAGERDUTY_PROVIDER_KEY,
} from "../../slack-app/auth/pagerduty-oauth-provider.ts";
import { UserLinksDatastore } from "../../slack-app/datastores/user-links-datastore.ts";
import incidentActionTrigger from "../../slack-app/triggers/incident-action-trigger.ts";
import { IncidentActionWorkflow } from "../../slack-app/workflows/incident-action-workflow.ts";
import connectChannel from "../../slack-app/functions/connect-channel/mod.ts";
import help from "../../slack-app/functions/help/mod.ts";
import incidentAction from "../../slack-app/functions/incident-action/mod.ts";
import inviteUser from "../../slack-app/functions/invite-user/mod.ts";
import linkAccount from "../../slack-app/functions/link-account/mod.ts";
import triggerIncident from "../../slack-app/functions/trigger-incident/mod.ts";
import unlinkAccount from "../../slack-app/functions/unlink-account/mod.ts";
import whoIsOnCall from "../../slack-app/functions/who-is-on-call/mod.ts";
import setUpPagerslack from "../../slack-app/functions/set-up-pagerslack/mod.ts";
import saveNotifications from "../../slack-app/functions/my-notifications/mod.ts";
import { MyNotificationsWorkflow } from "../../slack-app/workflows/my-notifications-workflow.ts";
import setUpPagerslackTrigger from "../../slack-app/triggers/set-up-pagerslack-trigger.ts";
import { SetUpPagerslackWorkflow } from "../../slack-app/workflows/set-up-pagerslack-workflow.ts";
import { ConnectChannelWorkflow } from "../../slack-app/workflows/connect-channel-workflow.ts";
import { HelpWorkflow } from "../../slack-app/workflows/help-workflow.ts";
import { InviteUserWorkflow } from "../../slack-app/workflows/invite-user-workflow.ts";
import { LinkAccountWorkflow } from "../../slack-app/workflows/link-account-workflow.ts";
import { TriggerIncidentWorkflow } from "../../slack-app/workflows/trigger-incident-workflow.ts";
import { UnlinkAccountWorkflow } from "../../slack-app/workflows/unlink-account-workflow.ts";
import { WhoIsOnCallWorkflow } from "../../slack-app/workflows/who-is-on-call-workflow.ts";

export const APP_ID = "A0PAGERSLACK";
export const BRIDGE_API_TOKEN = "bridge-api-token-for-app-tests";
/** The bridge's PagerDuty webhook signing secret, to deliver webhooks as PagerDuty would. */
export const WEBHOOK_SECRET = "whsec-app-tests";
export const LINK_TRIGGER_URL = "https://slack.com/shortcuts/Ft0LINK/abc";

/** Every function of the manifest, by callback_id, as Slack's runtime would load them. */
const FUNCTIONS = {
  incident_action: incidentAction,
  trigger_incident: triggerIncident,
  who_is_on_call: whoIsOnCall,
  connect_channel: connectChannel,
  link_account: linkAccount,
  unlink_account: unlinkAccount,
  invite_user: inviteUser,
  help,
  set_up_pagerslack: setUpPagerslack,
  save_notifications: saveNotifications,
} as unknown as Record<string, SlackFunctionModule>;

/** The manifest's workflows: what `workflows.triggers.create` may name. */
const WORKFLOWS = [
  IncidentActionWorkflow,
  TriggerIncidentWorkflow,
  WhoIsOnCallWorkflow,
  ConnectChannelWorkflow,
  LinkAccountWorkflow,
  UnlinkAccountWorkflow,
  InviteUserWorkflow,
  HelpWorkflow,
  SetUpPagerslackWorkflow,
  MyNotificationsWorkflow,
];

export interface AppHarness {
  pd: PagerDutySimulator;
  demo: DemoAccount;
  slack: SlackSimulator;
  /**
   * The Slack simulator's clock (ms): real time plus whatever tests add with `advance`, so the 3 s interactivity
   * pointers and the 10 s handler budget are tested without sleeping.
   */
  slackClock: { now(): number; advance(ms: number): void };
  /** The PagerDuty simulator's clock: real time plus `advance`, to age OAuth tokens (a day, 30 days). */
  pagerDutyClock: { now(): Date; advance(ms: number): void };
  /** Slack user id of each PagerDuty persona (same name and email). */
  slackUsers: Record<DemoPersona, string>;
  /** A public channel the hosted app's bot is in. */
  channelId: string;
  /** The hosted app's bot user (the sender of its messages). */
  appBotUserId: string;
  /** The bridge's own classic bot user (the sender of incident cards). */
  bridgeBotUserId: string;
  bridgeUrl: string;
  env: Record<string, string>;
  /** The hosted app's bot token (to look at its triggers as the app does). */
  appToken: string;
  /** The bridge's classic bot token (it posts the incident cards). */
  bridgeSlackToken: string;
  /** The URL of the "Set up pagerslack" trigger the admin created by hand. */
  setupTriggerUrl: string;
  /**
   * Puts the persona's PagerDuty token in Slack's external auth store (default: one holding exactly the app's
   * OAuth scopes, PAGERDUTY_OAUTH_SCOPES); returns its external_token_id.
   */
  link(persona: DemoPersona, token?: string): string;
  /**
   * Links the persona as Slack's external auth does: PagerDuty issues an OAuth access token (a day) and a
   * refresh token (30 days) to the app's OAuth client, and Slack stores both, with the expiry unless
   * `slackKnowsExpiry` is false. Slack refreshes through the PagerDuty simulator's `/oauth/token`.
   */
  linkWithOAuth(
    persona: DemoPersona,
    options?: { slackKnowsExpiry?: boolean },
  ): string;
  /** Texts of the app's direct messages to a Slack user (its Messages tab), oldest first. */
  directMessages(userId: string): string[];
  /** A message in the channel standing for an incident card (its ts is what card buttons send). */
  postCard(text: string): string;
  run(
    workflow: WorkflowLike,
    options: Omit<RunWorkflowOptions, "workflow" | "functions" | "env"> & {
      env?: Record<string, string>;
    },
  ): Promise<WorkflowRun>;
  close(): Promise<void>;
}

export async function startAppHarness(): Promise<AppHarness> {
  let pagerDutyClockOffset = 0;
  const pagerDutyClock = {
    now: () => new Date(Date.now() + pagerDutyClockOffset),
    advance: (ms: number) => void (pagerDutyClockOffset += ms),
  };
  const pd = await startPagerDutySimulator({ now: pagerDutyClock.now });
  // The app's OAuth client in PagerDuty, as the README's setup registers it: granted exactly the scopes the
  // provider requests, so every call the functions make is checked against PagerDuty's scope for it.
  const oauthClient = pd.oauth.registerClient({
    name: "pagerslack",
    scopes: [...PAGERDUTY_OAUTH_SCOPES],
  });
  const demo = seedDemoAccount(pd);
  // What `link()` stores by default: a token holding the app's scopes (never expiring; linkWithOAuth ages).
  const appTokens = Object.fromEntries(
    Object.entries(demo.users).map(([persona, user]) => [
      persona,
      pd.seed.userToken({
        userId: user.id,
        token: `app-token-${persona}`,
        scopes: [...PAGERDUTY_OAUTH_SCOPES],
        clientName: oauthClient.name,
      }).token,
    ]),
  ) as Record<DemoPersona, string>;
  let slackClockOffset = 0;
  const slackClock = {
    now: () => Date.now() + slackClockOffset,
    advance: (ms: number) => void (slackClockOffset += ms),
  };
  const slack = await startSlackSimulator({ now: slackClock.now });
  slack.createHostedApp({
    appId: APP_ID,
    datastores: [UserLinksDatastore.definition],
    workflows: WORKFLOWS,
  });
  // `slack trigger create --trigger-def slack-app/triggers/set-up-pagerslack-trigger.ts`, the admin's one trigger.
  const setupTrigger = slack.registerLinkTrigger({
    trigger: setUpPagerslackTrigger,
    workflow: SetUpPagerslackWorkflow,
  });
  // `slack trigger create --trigger-def slack-app/triggers/incident-action-trigger.ts`: Slack takes the bridge's
  // card buttons only for this trigger's URL, filling only the inputs it declares customizable.
  const actionsTrigger = slack.registerLinkTrigger({
    trigger: incidentActionTrigger,
    workflow: IncidentActionWorkflow,
  });
  // `slack external-auth add-secret`: Slack refreshes PagerDuty tokens with the app's client credentials.
  slack.registerOAuth2Provider({
    appId: APP_ID,
    provider_key: PAGERDUTY_PROVIDER_KEY,
    token_url: `${pd.url}/oauth/token`,
    client_id: oauthClient.clientId,
    client_secret: oauthClient.clientSecret,
  });
  const appToken = slack.createToken({
    kind: "hosted_app",
    appId: APP_ID,
    scopes: BOT_SCOPES,
  });
  const bridgeToken = slack.createToken({
    kind: "bot",
    appId: "A0BRIDGE",
    // What an admin grants when installing the bridge's manifest.
    scopes: [...SLACK_SCOPES_USED],
  });
  const slackUsers = Object.fromEntries(
    Object.entries(demo.users).map(([persona, user]) => [
      persona,
      slack.createUser({ name: user.name, email: user.email }).id,
    ]),
  ) as Record<DemoPersona, string>;
  const channel = slack.createChannel({
    name: "incidents",
    members: [
      appToken.userId,
      bridgeToken.userId,
      ...Object.values(slackUsers),
    ],
  });
  // The real bridge as its own Node process (its SQLite driver is a Node addon Deno cannot load; the hosted
  // app's tests run under Deno), configured through its environment variables as an operator would.
  const bridge = await startBridgeProcess({
    HOST: "127.0.0.1",
    PORT: String(await findFreePort()),
    DATABASE_URL: ":memory:",
    PAGERDUTY_WEBHOOK_SECRETS: WEBHOOK_SECRET,
    PAGERDUTY_API_URL: pd.url,
    SLACK_BOT_TOKEN: bridgeToken.token,
    SLACK_API_URL: slack.url,
    SLACK_ACTIONS_TRIGGER_URL: actionsTrigger.url,
    PAGERSLACK_API_TOKENS: BRIDGE_API_TOKEN,
    // The on-call group tests render the Connect views faster than a person clicks: more than the 20 calls a
    // minute of usergroups.list's tier 2 that the bridge budgets. As an operator whom Slack granted more would.
    SLACK_METHOD_BUDGETS: "usergroups.list=600",
    LOG_LEVEL: "warn",
  });
  const bridgeUrl = bridge.url;
  const env = {
    PAGERDUTY_API_URL: pd.url,
    BRIDGE_URL: bridgeUrl,
    BRIDGE_API_TOKEN,
    LINK_TRIGGER_URL,
  };
  return {
    pd,
    demo,
    slack,
    slackClock,
    pagerDutyClock,
    slackUsers,
    channelId: channel.id,
    appBotUserId: appToken.userId,
    bridgeBotUserId: bridgeToken.userId,
    bridgeUrl,
    env,
    appToken: appToken.token,
    bridgeSlackToken: bridgeToken.token,
    setupTriggerUrl: setupTrigger.url,
    link(persona, token = appTokens[persona]) {
      const id = `Et0${persona.toUpperCase()}`;
      slack.seedExternalToken({
        external_token_id: id,
        user_id: slackUsers[persona],
        provider_key: PAGERDUTY_PROVIDER_KEY,
        token,
        appId: APP_ID,
      });
      return id;
    },
    linkWithOAuth(persona, { slackKnowsExpiry = true } = {}) {
      const granted = pd.oauth.authorize({
        clientId: oauthClient.clientId,
        userId: demo.users[persona].id,
        scopes: PAGERDUTY_OAUTH_SCOPES,
      });
      const id = `Et0OAUTH${persona.toUpperCase()}`;
      slack.seedExternalToken({
        external_token_id: id,
        user_id: slackUsers[persona],
        provider_key: PAGERDUTY_PROVIDER_KEY,
        token: granted.access_token,
        refresh_token: granted.refresh_token,
        ...(slackKnowsExpiry
          ? { expires_at: slackClock.now() + granted.expires_in * 1000 }
          : {}),
        appId: APP_ID,
      });
      return id;
    },
    directMessages(userId) {
      const im = slack.imChannelId(appToken.userId, userId);
      return im ? slack.transcript(im).map((m) => m.text) : [];
    },
    postCard(text) {
      const posted = slack.call(
        "chat.postMessage",
        { channel: channel.id, text },
        bridgeToken.token,
      );
      return String(posted.ts);
    },
    run(workflow, options) {
      return slack.runWorkflow({
        channelId: channel.id,
        ...options,
        workflow,
        functions: FUNCTIONS,
        env: { ...env, ...options.env },
      });
    },
    async close() {
      await bridge.stop();
      await slack.close();
      await pd.close();
    },
  };
}
