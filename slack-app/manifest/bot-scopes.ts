/**
 * Bot scopes, each with the reason it is needed (least privilege). Apart from manifest.ts so tests can read them
 * without evaluating the manifest (which refuses to build without the deploy settings).
 */
export const BOT_SCOPES = [
  "chat:write", // ephemeral feedback (chat.postEphemeral) and the direct-message fallback
  "datastore:read", // user_links: PagerDuty user → Slack mention (who is on call)
  "datastore:write", // user_links: link / unlink
  "users:read", // users.info: the invitee's name (invite); whether setup's runner is an admin
  "users:read.email", // the invitee's email (invite); on-call mentions by email (users.lookupByEmail)
  "triggers:read", // workflows.triggers.list: setup finds the link triggers it made before
  "triggers:write", // workflows.triggers.create / update: setup makes the app's link triggers
  "bookmarks:read", // bookmarks.list: setup does not bookmark a link twice
  "bookmarks:write", // bookmarks.add: setup bookmarks the links in the channel the admin picks
];
