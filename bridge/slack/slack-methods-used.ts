// Every Slack method the bridge calls, with the scope it needs (per channel kind for conversations.*). The
// manifest's bot scopes are exactly what this table needs: least privilege is checked by a test.
export const SLACK_METHODS_USED = {
  "chat.postMessage": { scopes: ["chat:write"] },
  "chat.update": { scopes: ["chat:write"] },
  // doctor --probe-buttons and smoke delete their test messages.
  "chat.delete": { scopes: ["chat:write"] },
  "chat.getPermalink": { scopes: [] },
  // im:history: a DM card is looked for again in its IM after a crash, like a channel card in its channel.
  "conversations.history": {
    scopes: ["channels:history", "groups:history", "im:history"],
  },
  "conversations.replies": { scopes: ["channels:history", "groups:history"] },
  // Incident DMs: the IM with the assignee (docs.slack.dev/reference/methods/conversations.open; im:write).
  "conversations.open": { scopes: ["im:write"] },
  "conversations.create": { scopes: ["channels:manage", "groups:write"] },
  "conversations.invite": { scopes: ["channels:manage", "groups:write"] },
  // Saving a connection of a public channel the bot is not in joins it (private channels need an /invite).
  "conversations.join": { scopes: ["channels:join"] },
  // Slack grants users:read.email only together with users:read.
  "users.lookupByEmail": { scopes: ["users:read.email", "users:read"] },
  // On-call user groups (bridge/oncall/): read the members before changing them (a hand edit is never
  // overwritten), then set them to who is on call.
  "usergroups.users.list": { scopes: ["usergroups:read"] },
  // The Connect workflow's choice of user groups (GET /api/v1/usergroups).
  "usergroups.list": { scopes: ["usergroups:read"] },
  "usergroups.users.update": { scopes: ["usergroups:write"] },
  // The token check at start-up and in doctor.
  "auth.test": { scopes: [] },
} as const satisfies Record<string, { scopes: readonly string[] }>;

/** Scopes for what is not a Web API method: `commands` lets the app declare the `/pd` slash command. */
export const FEATURE_SCOPES = ["commands"] as const;

/** The bot scopes those methods and features need: exactly the manifest's (checked by a test). */
export const SLACK_SCOPES_USED: readonly string[] = [
  ...new Set([
    ...Object.values(SLACK_METHODS_USED).flatMap((m) => [...m.scopes]),
    ...FEATURE_SCOPES,
  ]),
];
