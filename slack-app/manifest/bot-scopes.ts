/**
 * Bot scopes, each with the reason it is needed (least privilege). Apart from manifest.ts so tests can read them
 * without evaluating the manifest (which refuses to build without the deploy settings).
 */
export const BOT_SCOPES = [
  "chat:write", // ephemeral feedback (chat.postEphemeral) and the direct-message fallback
  "datastore:read", // user_links: PagerDuty user → Slack mention (who is on call)
  "datastore:write", // user_links: link / unlink
  "users:read", // users.info: the invitee's name (invite)
  "users:read.email", // the invitee's email (invite); on-call mentions by email (users.lookupByEmail)
];
