// The whole product on loopback, with nothing faked between the components: the PagerDuty simulator delivers
// signed V3 webhooks to the real bridge entry point (a child process on SQLite in a temporary folder, configured
// by environment variables only), the bridge posts cards to the Slack simulator, and people "click" the cards'
// workflow buttons, which run the hosted app's workflows in the Slack simulator's runner against both.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupSubscription } from "../../bridge/commands/setup-subscription.ts";
import { createPagerDutyClient } from "../../bridge/pagerduty/pagerduty-client.ts";
import { INCIDENT_EVENT_TYPES } from "../../shared/pagerduty/event-types.ts";
import type { Block } from "../../shared/cards/block-kit.ts";
import { CARD_METADATA_EVENT_TYPE } from "../../shared/cards/render-card.ts";
import { renderCardText } from "../../shared/cards/render-card-text.ts";
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
import type {
  RunWorkflowOptions,
  WorkflowRun,
} from "../simulators/slack/run-workflow.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import {
  type HostedApp,
  type LinkTriggerDefinition,
  loadHostedApp,
  workflowOf,
} from "./load-hosted-app.ts";
import { findFreePort } from "../find-free-port.ts";
import {
  type BridgeProcess,
  startBridgeProcess,
} from "./start-bridge-process.ts";
import { waitFor, type WaitOptions } from "./wait-for.ts";

const ROOT = new URL("../../", import.meta.url);

/**
 * The link-account trigger's URL, as `slack trigger create` would print it (the app only links to it in text;
 * the incident-actions trigger, which cards' buttons start, is registered in the simulator: see build()).
 */
const LINK_TRIGGER_URL = "https://slack.com/shortcuts/Ft0PSLINK/e2e";

const HOSTED_APP_ID = "A0PAGERSLACK";
const BRIDGE_APP_ID = "A0PSBRIDGE";
const BRIDGE_API_TOKEN = "pagerslack-e2e-api-token";
/** The bridge app's signing secret: the `/pd` slash command (test/e2e/slash-command.test.ts) is signed with it. */
export const SLACK_SIGNING_SECRET = "e2e-signing-secret";
export const BRIDGE_SLACK_APP_ID = BRIDGE_APP_ID;
export const HOSTED_SLACK_APP_ID = HOSTED_APP_ID;

/** A Slack user for each PagerDuty persona (same name and email), plus someone who never linked PagerDuty. */
export type StackUser = DemoPersona | "newcomer";

export interface StackChannels {
  /** Connected to Checkout as a responder channel (buttons), updates in the card's thread. */
  responders: string;
  /** Connected to Checkout as a stakeholder channel (no buttons): resolved updates only. */
  stakeholders: string;
  /** Not connected; the bridge's bot is a member, so a stray post would land here. */
  unconnected: string;
}

export interface PressButtonOptions {
  /** A persona (its Slack user) or a Slack user id. */
  user: StackUser | string;
  incidentId: string;
  /** The button's `action` input: "acknowledge", "resolve", "more". */
  action: string;
  channelId: string;
  /** The card's ts; found from the incident's card in `channelId` when omitted. */
  messageTs?: string;
  /**
   * The card as the person's Slack client still shows it (a copy taken earlier): the click uses its buttons
   * even if the bridge has edited the card since, as happens when someone clicks a moment after a change.
   */
  seenCard?: TranscriptMessage;
}

export interface StartStackOptions {
  /** PagerDuty webhook delivery tuning and faults (see the simulator's README). */
  webhooks?: Parameters<typeof startPagerDutySimulator>[0] extends infer O
    ? O extends { webhooks?: infer W } ? W : never
    : never;
  /** Skip the default connections (a test connects its own). */
  connect?: boolean;
  /** Bridge log level (default "warn": failures are printed with the logs). */
  logLevel?: string;
  /** The Slack simulator's rate limits (default "off"; "realistic": Slack's tiers and 1 post/s per channel). */
  slackRateLimits?: "off" | "realistic";
  /** More bridge environment variables (e.g. STORM_DIGEST_QUIET_S). */
  bridgeEnv?: Record<string, string>;
  /** The PagerDuty simulator's clock (on-call schedules turn with it); default the real clock. */
  pagerDutyNow?: () => Date;
}

export interface Stack {
  pd: PagerDutySimulator;
  demo: DemoAccount;
  slack: SlackSimulator;
  app: HostedApp;
  bridge: BridgeProcess;
  /** The webhook subscription `bridge/cli.ts setup` created. */
  subscriptionId: string;
  /** The bridge's environment (for its operator commands). */
  bridgeEnv: Record<string, string>;
  webhookSecret: string;
  /** Slack user id of each person. */
  users: Record<StackUser, string>;
  channels: StackChannels;
  /** The functions' `env` (what `slack env add` sets). */
  appEnv: Record<string, string>;
  bridgeApiToken: string;
  /** Gives the person's Slack account a PagerDuty OAuth token in Slack's external auth (what linking leaves). */
  link(user: DemoPersona): void;
  /** PUT /api/v1/connections/{id} on the bridge, as the Connect workflow does. */
  connect(id: string, connection: ConnectionInput): Promise<void>;
  /** Clicks a card's workflow button: runs the incident-actions workflow with the button's inputs. */
  pressButton(options: PressButtonOptions): Promise<WorkflowRun>;
  /** Runs a link trigger's workflow from a channel (bookmark or shortcut), as `user`. */
  startWorkflow(
    trigger: LinkTriggerDefinition,
    options: { user: StackUser | string; channelId?: string },
  ): Promise<WorkflowRun>;
  /** Cards in a channel (messages carrying the card metadata), oldest first. */
  cards(channelId: string): TranscriptMessage[];
  card(channelId: string, incidentId: string): TranscriptMessage | undefined;
  /** Waits until the incident's card in the channel satisfies `predicate` (and returns it). */
  waitForCard(
    channelId: string,
    incidentId: string,
    predicate?: (card: TranscriptMessage, text: string) => boolean,
    options?: WaitOptions,
  ): Promise<TranscriptMessage>;
  /** Waits until every webhook was delivered and the bridge has nothing left to send. */
  waitForQuiet(options?: WaitOptions): Promise<void>;
  /** The card as a person reads it (the Slack simulator's transcript rendering of its blocks). */
  cardText(card: TranscriptMessage): string;
  /** Ephemeral messages a person saw (newest last). */
  seenBy(user: StackUser | string): string[];
  close(): Promise<void>;
}

export interface ConnectionInput {
  channel_id: string;
  source_type: "service" | "team";
  source_id: string;
  notification_type: "responder" | "stakeholder";
  events: readonly string[];
  urgency?: "high" | "low" | null;
  priorities?: string[] | null;
  thread_updates: boolean;
  /** Shift handoffs of the service's escalation policy. */
  handoffs?: boolean;
}

/** A click on a button the card does not show (or shows pointing elsewhere): Slack would not run anything. */
export class ButtonNotFoundError extends Error {
  override name = "ButtonNotFoundError";
}

export interface WorkflowButtonElement {
  type: "workflow_button";
  action_id?: string;
  text: { text: string };
  workflow: {
    trigger: {
      url: string;
      customizable_input_parameters?: { name: string; value: string }[];
    };
  };
}

/** Every workflow button of a message. */
export function workflowButtons(
  message: { blocks?: unknown[] },
): WorkflowButtonElement[] {
  return (message.blocks ?? []).flatMap((block) => {
    const b = block as { type?: string; elements?: unknown[] };
    if (b.type !== "actions") return [];
    return (b.elements ?? []).filter((e): e is WorkflowButtonElement =>
      (e as { type?: string }).type === "workflow_button"
    );
  });
}

/**
 * What a link trigger hands its workflow: `slack trigger create` (or `workflows.triggers.create`) stores the
 * definition as JSON (context data becomes `{{data.*}}` templates); customizable inputs come from the clicked
 * button, and a button setting any other input is refused.
 */
export function triggerInputs(
  trigger: LinkTriggerDefinition,
  fromButton: Record<string, string> = {},
): Record<string, unknown> {
  const stored = JSON.parse(JSON.stringify(trigger)) as LinkTriggerDefinition;
  for (const name of Object.keys(fromButton)) {
    if (!stored.inputs[name]?.customizable) {
      throw new ButtonNotFoundError(
        `the button sets input "${name}", which trigger "${trigger.name}" does not declare customizable: Slack refuses the click`,
      );
    }
  }
  return Object.fromEntries(
    Object.entries(stored.inputs).flatMap(([name, input]) => {
      if (input.customizable) {
        const value = fromButton[name];
        return value === undefined ? [] : [[name, value]];
      }
      return [[name, input.value]];
    }),
  );
}

/** The button's value for one of its trigger's customizable inputs. */
export function buttonInput(button: WorkflowButtonElement, name: string) {
  return button.workflow.trigger.customizable_input_parameters?.find((p) =>
    p.name === name
  )?.value;
}

async function api(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: unknown },
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: init.method,
    headers: { "Content-Type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function startStack(
  options: StartStackOptions = {},
): Promise<Stack> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn();
  };
  try {
    return await build(options, cleanups, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function build(
  options: StartStackOptions,
  cleanups: (() => Promise<void> | void)[],
  cleanup: () => Promise<void>,
): Promise<Stack> {
  const app = await loadHostedApp();

  // PagerDuty: the believable demo account. Retries are quick so a bridge restart is bridged in seconds.
  const pd = await startPagerDutySimulator({
    ...(options.pagerDutyNow ? { now: options.pagerDutyNow } : {}),
    webhooks: {
      timeoutMs: 2_000,
      backoffMs: [50, 150, 300, 600, 1_000, 2_000, 4_000],
      ...options.webhooks,
    },
  });
  cleanups.push(() => pd.close());
  const demo = seedDemoAccount(pd);

  // Slack: one person per PagerDuty persona (matching emails let the bridge mention them), both apps.
  const slack = await startSlackSimulator({
    rateLimits: options.slackRateLimits ?? "off",
  });
  cleanups.push(() => slack.close());
  slack.createHostedApp({ appId: HOSTED_APP_ID, datastores: app.datastores });
  // `slack trigger create --trigger-def slack-app/triggers/incident-action-trigger.ts`: Slack takes the cards'
  // workflow_buttons only for this trigger's URL and the inputs it declares customizable.
  const actionsTriggerUrl = slack.registerLinkTrigger({
    trigger: app.triggers.incidentAction,
    workflow: workflowOf(app, app.triggers.incidentAction),
  }).url;
  const hostedBot = slack.createToken({
    kind: "hosted_app",
    appId: HOSTED_APP_ID,
    scopes: app.botScopes,
    botName: "pagerslack",
  });
  const bridgeManifest = JSON.parse(
    readFileSync(new URL("bridge/slack-app-manifest.json", ROOT), "utf8"),
  ) as {
    oauth_config: { scopes: { bot: string[] } };
    features: { bot_user: { display_name: string } };
  };
  const bridgeBot = slack.createToken({
    kind: "bot",
    appId: BRIDGE_APP_ID,
    scopes: bridgeManifest.oauth_config.scopes.bot,
    botName: bridgeManifest.features.bot_user.display_name,
  });
  const users = Object.fromEntries(
    Object.entries(demo.users).map(([persona, user]) => [
      persona,
      slack.createUser({ name: user.name, email: user.email }).id,
    ]),
  ) as Record<StackUser, string>;
  users.newcomer = slack.createUser({
    name: "Nina Newcomer",
    email: "nina@example.com",
  }).id;
  const bots = [bridgeBot.userId, hostedBot.userId];
  const channels: StackChannels = {
    responders: slack.createChannel({
      name: "inc-checkout",
      members: [
        ...bots,
        users.responder,
        users.responder2,
        users.manager,
        users.observer,
        users.newcomer,
      ],
    }).id,
    stakeholders: slack.createChannel({
      name: "checkout-status",
      members: [...bots, users.stakeholder, users.manager, users.owner],
    }).id,
    unconnected: slack.createChannel({
      name: "random",
      members: [...bots, ...Object.values(users)],
    }).id,
  };

  // Setup, in an operator's order: pick the bridge's address, create the webhook subscription pointing at it
  // with the code of the bridge's `setup` command (PagerDuty shows the signing secret only in that response; the
  // CLI itself is exercised in trigger-posts-cards.test.ts), then start the bridge with that secret.
  const port = await findFreePort();
  const bridgeUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), "pagerslack-e2e-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const setup = await setupSubscription({
    pagerDuty: createPagerDutyClient({ apiUrl: pd.url, token: demo.apiKey }),
    url: `${bridgeUrl}/webhooks/pagerduty`,
    filter: { type: "account_reference" },
  });
  if (setup.kind !== "created") {
    throw new Error(`a subscription for ${bridgeUrl} already existed`);
  }
  const { id: subscriptionId, secret: webhookSecret } = setup;

  // The bridge's whole configuration: environment variables only.
  const bridgeEnv: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `sqlite:${join(dir, "pagerslack.db")}`,
    PAGERDUTY_WEBHOOK_SECRETS: webhookSecret,
    PAGERDUTY_API_TOKEN: demo.apiKey,
    PAGERDUTY_API_URL: pd.url,
    SLACK_BOT_TOKEN: bridgeBot.token,
    SLACK_API_URL: slack.url,
    SLACK_ACTIONS_TRIGGER_URL: actionsTriggerUrl,
    SLACK_SIGNING_SECRET: SLACK_SIGNING_SECRET,
    PAGERSLACK_API_TOKENS: BRIDGE_API_TOKEN,
    LOG_LEVEL: options.logLevel ?? "warn",
    ...options.bridgeEnv,
  };
  const bridge = await startBridgeProcess(bridgeEnv);
  cleanups.push(async () => {
    await bridge.stop();
  });

  const appEnv = {
    PAGERDUTY_API_URL: pd.url,
    BRIDGE_URL: bridge.url,
    BRIDGE_API_TOKEN,
    LINK_TRIGGER_URL,
  };

  const slackUserOf = (user: StackUser | string) =>
    (users as Record<string, string>)[user] ?? user;

  const link = (persona: DemoPersona) => {
    const slackUser = users[persona];
    const token = pd.seed.userToken({
      userId: demo.users[persona].id,
      scopes: app.pagerDutyProvider.scopes,
      clientName: "pagerslack",
    }).token;
    const id = `Et0${persona.toUpperCase()}`;
    slack.seedExternalToken({
      external_token_id: id,
      user_id: slackUser,
      provider_key: app.pagerDutyProvider.key,
      token,
      appId: HOSTED_APP_ID,
    });
  };

  const run = (
    trigger: LinkTriggerDefinition,
    inputs: Record<string, unknown>,
    rest: Omit<RunWorkflowOptions, "workflow" | "inputs" | "functions">,
  ) =>
    slack.runWorkflow({
      ...rest,
      // Steps asking for `{credential_source: "END_USER"}` get the clicker's external token id from the
      // runner, or the run waits on Slack's "connect your account" prompt (`pendingAuthorization`).
      workflow: workflowOf(app, trigger),
      inputs,
      functions: app.functions,
      env: appEnv,
      appId: HOSTED_APP_ID,
    });

  const cards = (channelId: string) =>
    slack.transcript(channelId).filter((m) =>
      m.metadata?.event_type === CARD_METADATA_EVENT_TYPE
    );
  const card = (channelId: string, incidentId: string) =>
    cards(channelId).find((m) =>
      (m.metadata?.event_payload as { incident_id?: string } | undefined)
        ?.incident_id === incidentId
    );
  const cardText = (message: TranscriptMessage) =>
    message.blocks && message.blocks.length > 0
      ? renderCardText(message.blocks as Block[])
      : message.text;

  const stack: Stack = {
    pd,
    demo,
    slack,
    app,
    bridge,
    subscriptionId,
    bridgeEnv,
    webhookSecret,
    users,
    channels,
    appEnv,
    bridgeApiToken: BRIDGE_API_TOKEN,
    link,
    async connect(id, connection) {
      const response = await api(`${bridge.url}/api/v1/connections/${id}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` },
        body: {
          urgency: null,
          priorities: null,
          ...connection,
          events: [...connection.events],
        },
      });
      if (response.status !== 200) {
        throw new Error(
          `connecting ${connection.channel_id}: ${response.status} ${
            JSON.stringify(response.body)
          }`,
        );
      }
    },
    async pressButton(
      { user, incidentId, action, channelId, messageTs, seenCard },
    ) {
      const message = seenCard ??
        (messageTs
          ? slack.transcript(channelId).find((m) => m.ts === messageTs)
          : card(channelId, incidentId));
      if (!message) {
        throw new ButtonNotFoundError(
          `no card for ${incidentId} in ${channelId}${
            messageTs ? ` at ${messageTs}` : ""
          }`,
        );
      }
      const buttons = workflowButtons(message);
      const button = buttons.find((b) =>
        buttonInput(b, "action") === action &&
        buttonInput(b, "incident_id") === incidentId
      );
      if (!button) {
        throw new ButtonNotFoundError(
          `the card shows no "${action}" button for ${incidentId} (buttons: ${
            buttons.map((b) => b.text.text).join(", ") || "none"
          })`,
        );
      }
      const trigger = app.triggers.incidentAction;
      if (button.workflow.trigger.url !== actionsTriggerUrl) {
        throw new ButtonNotFoundError(
          `the button points at ${button.workflow.trigger.url}, not the incident-actions trigger`,
        );
      }
      const fromButton = Object.fromEntries(
        (button.workflow.trigger.customizable_input_parameters ?? []).map((
          p,
        ) => [p.name, p.value]),
      );
      return await run(trigger, triggerInputs(trigger, fromButton), {
        userId: slackUserOf(user),
        channelId,
        messageTs: message.ts,
        ...(button.action_id ? { actionId: button.action_id } : {}),
      });
    },
    startWorkflow(trigger, { user, channelId }) {
      return run(trigger, triggerInputs(trigger), {
        userId: slackUserOf(user),
        ...(channelId ? { channelId } : {}),
      });
    },
    cards,
    card,
    cardText,
    waitForCard(channelId, incidentId, predicate = () => true, options = {}) {
      return waitFor(() => {
        const found = card(channelId, incidentId);
        return found && predicate(found, cardText(found)) ? found : undefined;
      }, {
        what: `the card of ${incidentId} in ${channelId}`,
        describe: () => slack.renderTranscript(channelId),
        ...options,
      });
    },
    async waitForQuiet(options = {}) {
      await pd.webhooks.waitForIdle();
      await waitFor(async () => {
        const response = await fetch(`${bridge.url}/metrics`);
        const text = await response.text();
        const gauge = (name: string) =>
          Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
        return gauge("pagerslack_inbox_depth") === 0 &&
          gauge("pagerslack_outbox_depth") === 0;
      }, { what: "the bridge's inbox and outbox to drain", ...options });
    },
    seenBy(user) {
      return slack.ephemeralMessages({ userId: slackUserOf(user) }).map((m) =>
        m.text
      );
    },
    close: cleanup,
  };

  if (options.connect !== false) {
    await stack.connect("checkout-responders", {
      channel_id: channels.responders,
      source_type: "service",
      source_id: demo.services.checkout,
      notification_type: "responder",
      events: INCIDENT_EVENT_TYPES,
      thread_updates: true,
    });
    await stack.connect("checkout-stakeholders", {
      channel_id: channels.stakeholders,
      source_type: "service",
      source_id: demo.services.checkout,
      notification_type: "stakeholder",
      events: ["incident.resolved"],
      thread_updates: true,
    });
  }
  return stack;
}
