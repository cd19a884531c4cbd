/** The state of one simulated Slack workspace: what the Web API methods read and change. */
import { LinkTriggers, type TriggeredWorkflow } from "./link-triggers.ts";

export type TokenKind = "bot" | "hosted_app" | "user";

export interface SimUser {
  id: string;
  name: string;
  email?: string;
  isAdmin: boolean;
  isBot: boolean;
  /** Deactivated: conversations.open answers `user_disabled`. */
  deleted?: boolean;
}

export interface SimChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  members: Set<string>;
  created: number;
  creator: string;
  /** A direct message (IM) between exactly the two `members`; opened by posting to a user id. */
  isIm?: boolean;
}

export interface SimToken {
  token: string;
  kind: TokenKind;
  /** The bot user for bot and hosted_app tokens, the person for user tokens. */
  userId: string;
  scopes: readonly string[];
  appId: string;
  /** Set on the per-run tokens the workflow runner hands to hosted functions. */
  functionExecutionId?: string;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface MessageRevision {
  ts: string;
  text: string;
  blocks?: unknown[];
}

export interface SimMessage {
  ts: string;
  channel: string;
  user: string;
  botId?: string;
  appId: string;
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  threadTs?: string;
  replyBroadcast: boolean;
  /** Earlier versions, oldest first; the current text/blocks are on the message itself. */
  edits: MessageRevision[];
  edited?: { user: string; ts: string };
  /** ts of replies, oldest first (only on thread parents). */
  replies: string[];
  /** The hosted function run that posted it: its buttons die with that run. */
  functionExecutionId?: string;
}

export interface EphemeralMessage {
  ts: string;
  channel: string;
  /** The one person who sees it. */
  user: string;
  sender: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  /** Set when a hosted function (or a workflow run's built-in step) sent it. */
  functionExecutionId?: string;
}

export interface SimView {
  id: string;
  view: Record<string, unknown>;
  userId: string;
  appId: string;
  rootViewId: string;
  previousViewId?: string;
  hash: string;
  externalId?: string;
  functionExecutionId?: string;
  open: boolean;
  /**
   * The banner Slack shows across the top of a modal whose interactivity handler did not answer in time
   * (see run-workflow.ts, INTERACTION_BUDGET_MS); cleared when the view changes.
   */
  errorBanner?: string;
}

/** A datastore as the manifest declares it (`DefineDatastore(...).definition`). */
export interface DatastoreDefinition {
  name: string;
  primary_key: string;
  attributes: Record<string, unknown> | readonly string[];
}

export interface ExternalTokenSeed {
  external_token_id: string;
  user_id: string;
  provider_key: string;
  token: string;
  /** The hosted app the token was granted to; defaults to the only app declared. */
  appId?: string;
  /** The provider's refresh token; without one the token cannot be refreshed (`no_refresh_token`). */
  refresh_token?: string;
  /**
   * When the access token expires (ms, the Slack simulator's clock), as the provider's `expires_in` told Slack;
   * absent when Slack does not know (it then hands the token over until the provider refuses it).
   */
  expires_at?: number;
  /** Set once the provider refused the refresh token: every later get answers `access_token_exchange_failed`. */
  refresh_failed?: boolean;
}

/** A hosted app's OAuth2 provider as `DefineOAuth2Provider` and `slack external-auth add-secret` set it up. */
export interface OAuth2ProviderSeed {
  appId?: string;
  provider_key: string;
  token_url: string;
  client_id: string;
  client_secret: string;
}

/** One refresh Slack attempted at a provider's token endpoint, for tests to count. */
export interface ExternalTokenRefresh {
  external_token_id: string;
  time: number;
  /** The token endpoint's HTTP status (0: unreachable). */
  status: number;
  ok: boolean;
}

export interface FunctionExecution {
  id: string;
  callbackId: string;
  appId: string;
  token: string;
  status: "running" | "completed" | "failed";
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
  listeners: Array<() => void>;
}

export interface InteractivityPointer {
  pointer: string;
  userId: string;
  appId: string;
  functionExecutionId?: string;
  used: boolean;
  /** When the interaction happened (ms, the workspace clock): the pointer expires 3 s later. */
  issuedAt: number;
}

export interface HostedApp {
  appId: string;
  datastores: Map<string, {
    definition: { name: string; primaryKey: string; attributes: Set<string> };
    items: Map<string, Record<string, unknown>>;
  }>;
  /** The manifest's workflows by callback_id: what `workflows.triggers.create` may name (trigger-methods.ts). */
  workflows: Map<string, TriggeredWorkflow>;
}

/** The simulator's first workspace: the one every control call without a workspace handle acts on. */
export const DEFAULT_TEAM = {
  teamId: "T0SIMTEAM1",
  name: "pagerslack simulator",
  domain: "pagerslack-sim",
} as const;

export interface WorkspaceIdentity {
  teamId: string;
  /** The workspace's name: `auth.test`'s `team`. */
  name: string;
  /** The `<domain>.slack.com` subdomain. */
  domain: string;
  /** The Enterprise Grid organization the workspace belongs to, if any. */
  enterprise?: { id: string; name: string };
}

/**
 * Ids are unique across the whole simulator, as Slack's are across workspaces (a channel id names one channel
 * everywhere): every workspace draws them from one counter.
 */
export class IdSource {
  #counter = 0;
  next(prefix: string): string {
    this.#counter += 1;
    return `${prefix}0SIM${
      this.#counter.toString(36).toUpperCase().padStart(5, "0")
    }`;
  }
}

export class SlackWorkspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly teamName: string;
  /** The Enterprise Grid organization it belongs to; null for a standalone workspace. */
  readonly enterprise: { id: string; name: string } | null;
  readonly users = new Map<string, SimUser>();
  readonly channels = new Map<string, SimChannel>();
  readonly tokens = new Map<string, SimToken>();
  readonly messages = new Map<string, SimMessage[]>();
  readonly ephemeral: EphemeralMessage[] = [];
  readonly views = new Map<string, SimView>();
  readonly apps = new Map<string, HostedApp>();
  readonly externalTokens = new Map<string, ExternalTokenSeed>();
  /** By `${appId}/${provider_key}`. */
  readonly oauth2Providers = new Map<string, Required<OAuth2ProviderSeed>>();
  readonly externalTokenRefreshes: ExternalTokenRefresh[] = [];
  readonly executions = new Map<string, FunctionExecution>();
  readonly pointers = new Map<string, InteractivityPointer>();
  /** Link triggers by URL: a workflow_button must start one of them (link-triggers.ts). */
  readonly linkTriggers = new LinkTriggers();
  /** See SlackSimulatorOptions.refuseWorkflowButtonsFromClassicApps (tests may flip it). */
  refuseWorkflowButtonsFromClassicApps = false;
  readonly #now: () => number;
  #lastTsMicros = 0;
  readonly #ids: IdSource;

  constructor(
    now: () => number,
    identity: WorkspaceIdentity = DEFAULT_TEAM,
    ids: IdSource = new IdSource(),
  ) {
    this.#now = now;
    this.teamId = identity.teamId;
    this.teamName = identity.name;
    this.teamDomain = identity.domain;
    this.enterprise = identity.enterprise ?? null;
    this.#ids = ids;
  }

  now(): number {
    return this.#now();
  }

  /** Slack ids: a prefix letter and upper-case alphanumerics. */
  nextId(prefix: string): string {
    return this.#ids.next(prefix);
  }

  /** Message timestamps are unique and strictly increasing per workspace, like Slack's. */
  nextTs(): string {
    const micros = Math.max(this.#now() * 1000, this.#lastTsMicros + 1);
    this.#lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(micros % 1_000_000).padStart(6, "0");
    return `${seconds}.${fraction}`;
  }

  findMessage(channel: string, ts: string): SimMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  addMessage(message: SimMessage): void {
    const list = this.messages.get(message.channel) ?? [];
    list.push(message);
    this.messages.set(message.channel, list);
  }

  removeMessage(channel: string, ts: string): void {
    const list = this.messages.get(channel);
    if (!list) return;
    const index = list.findIndex((m) => m.ts === ts);
    if (index >= 0) list.splice(index, 1);
  }

  userByEmail(email: string): SimUser | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((u) =>
      u.email?.toLowerCase() === wanted
    );
  }

  channelByName(name: string): SimChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  /** The IM between two users, if either has posted to the other by user id. */
  findIm(userA: string, userB: string): SimChannel | undefined {
    return [...this.channels.values()].find((c) =>
      c.isIm && c.members.has(userA) && c.members.has(userB) &&
      (userA !== userB || c.members.size === 1)
    );
  }

  /** Slack opens the IM on first use: `chat.postMessage` with `channel: "U…"` needs no conversations.open. */
  openIm(from: string, to: string): SimChannel {
    const existing = this.findIm(from, to);
    if (existing) return existing;
    const im: SimChannel = {
      id: this.nextId("D"),
      name: to,
      isPrivate: true,
      isArchived: false,
      members: new Set([from, to]),
      created: Math.floor(this.#now() / 1000),
      creator: from,
      isIm: true,
    };
    this.channels.set(im.id, im);
    return im;
  }

  onlyAppId(): string | undefined {
    return this.apps.size === 1 ? [...this.apps.keys()][0] : undefined;
  }
}
