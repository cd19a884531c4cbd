/**
 * What each simulated method requires and how fast it may be called. Scopes follow the method pages on
 * docs.slack.dev (bot token column); tiers follow Slack's rate-limit page. `scopes` lists alternatives: the call
 * passes when the token holds any one of them; `scopeFor` picks the scope from the channel kind when the page
 * names one scope per conversation type.
 */
export type RateTier = "tier2" | "tier3" | "tier4" | "postMessage" | "special";

export interface MethodSpec {
  /** Scopes of which the token needs one; empty when the method needs none. */
  scopes: readonly string[];
  tier: RateTier;
  /** Only a Slack-hosted app's token may call it; others get this error before any scope check. */
  hostedOnly?: "app_not_hosted" | "not_allowed_token_type";
}

export const METHOD_TABLE: Readonly<Record<string, MethodSpec>> = {
  "auth.test": { scopes: [], tier: "special" },
  // Authenticated by the app's client id and secret, not a token (oauth-apps.ts).
  "oauth.v2.access": { scopes: [], tier: "tier4" },
  "chat.postMessage": {
    scopes: ["chat:write"],
    tier: "postMessage",
  },
  "chat.update": { scopes: ["chat:write"], tier: "tier3" },
  "chat.postEphemeral": { scopes: ["chat:write"], tier: "tier4" },
  "chat.delete": { scopes: ["chat:write"], tier: "tier3" },
  "chat.getPermalink": { scopes: [], tier: "special" },
  // Public vs private is decided per call, see channelScope().
  "conversations.create": { scopes: [], tier: "tier2" },
  "conversations.info": { scopes: [], tier: "tier3" },
  "conversations.invite": { scopes: [], tier: "tier3" },
  "conversations.join": {
    scopes: ["channels:join"],
    tier: "tier3",
  },
  "conversations.history": { scopes: [], tier: "tier3" },
  // im:write for a 1:1 DM, checked by the handler (the page lists one scope per conversation type); tier 3.
  "conversations.open": { scopes: [], tier: "tier3" },
  "conversations.replies": { scopes: [], tier: "tier3" },
  "users.info": { scopes: ["users:read"], tier: "tier4" },
  "users.lookupByEmail": {
    scopes: ["users:read.email"],
    tier: "tier3",
  },
  "views.open": { scopes: [], tier: "tier4" },
  "views.update": { scopes: [], tier: "tier4" },
  "views.push": { scopes: [], tier: "tier4" },
  // Slack publishes no tier for datastores (unpublished): tier 4 like the other hosted-app methods.
  "apps.datastore.get": {
    scopes: ["datastore:read"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.bulkGet": {
    scopes: ["datastore:read"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.query": {
    scopes: ["datastore:read"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.count": {
    scopes: ["datastore:read"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.put": {
    scopes: ["datastore:write"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.update": {
    scopes: ["datastore:write"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.delete": {
    scopes: ["datastore:write"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.bulkPut": {
    scopes: ["datastore:write"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.datastore.bulkDelete": {
    scopes: ["datastore:write"],
    tier: "tier4",
    hostedOnly: "app_not_hosted",
  },
  "apps.auth.external.get": {
    scopes: [],
    tier: "tier4",
    hostedOnly: "not_allowed_token_type",
  },
  "apps.auth.external.delete": {
    scopes: [],
    tier: "tier4",
    hostedOnly: "not_allowed_token_type",
  },
  "functions.completeSuccess": {
    scopes: [],
    tier: "special",
    hostedOnly: "not_allowed_token_type",
  },
  "functions.completeError": {
    scopes: [],
    tier: "special",
    hostedOnly: "not_allowed_token_type",
  },
  // Triggers at run time: triggers:write to create/update/delete, triggers:read to list (Slack's scope pages and
  // the "create a trigger at runtime" guide, whose manifest adds triggers:write). Slack publishes no tier: tier 3.
  "workflows.triggers.create": { scopes: ["triggers:write"], tier: "tier3" },
  "workflows.triggers.update": { scopes: ["triggers:write"], tier: "tier3" },
  "workflows.triggers.delete": { scopes: ["triggers:write"], tier: "tier3" },
  "workflows.triggers.list": { scopes: ["triggers:read"], tier: "tier3" },
  // bookmarks:write / bookmarks:read (docs.slack.dev/reference/methods/bookmarks.add, .list: tier 2).
  "bookmarks.add": { scopes: ["bookmarks:write"], tier: "tier2" },
  "bookmarks.list": { scopes: ["bookmarks:read"], tier: "tier3" },
  // usergroups:read / usergroups:write (docs.slack.dev/reference/methods/usergroups.*: tier 2 each).
  "usergroups.list": { scopes: ["usergroups:read"], tier: "tier2" },
  "usergroups.users.list": { scopes: ["usergroups:read"], tier: "tier2" },
  "usergroups.users.update": { scopes: ["usergroups:write"], tier: "tier2" },
};

/**
 * Scope a conversations.* call needs for a channel of the given kind: IMs take the `im:` scopes (conversations.history
 * needs im:history there, conversations.open im:write, per their method pages).
 */
export const CHANNEL_SCOPES = {
  read: { public: "channels:read", private: "groups:read", im: "im:read" },
  history: {
    public: "channels:history",
    private: "groups:history",
    im: "im:history",
  },
  manage: {
    public: "channels:manage",
    private: "groups:write",
    im: "im:write",
  },
} as const;

/** Per-minute budgets per workspace and method (Slack's tiers); postMessage is per channel per second. */
export const TIER_BUDGETS: Readonly<
  Record<RateTier, { capacity: number; perSecond: number; perChannel: boolean }>
> = {
  tier2: { capacity: 20, perSecond: 20 / 60, perChannel: false },
  tier3: { capacity: 50, perSecond: 50 / 60, perChannel: false },
  tier4: { capacity: 100, perSecond: 100 / 60, perChannel: false },
  // "About one message per second per channel, short bursts tolerated."
  postMessage: { capacity: 3, perSecond: 1, perChannel: true },
  // auth.test, functions.complete*: Slack says "special", generous; modelled like tier 4 but larger.
  special: { capacity: 600, perSecond: 10, perChannel: false },
};
