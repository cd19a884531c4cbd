// The pages a person sees while installing the bridge's bot: plain server-rendered HTML, no script, every dynamic
// value escaped. Never given a token, a code or the client secret.
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";

/** Why the bridge asks for each bot scope, shown before the person goes to Slack. */
export const SCOPE_REASONS: Readonly<Record<string, string>> = {
  "chat:write":
    "post and update the incident cards and their thread updates in channels it was invited to",
  "channels:history":
    "read its own recent cards in public channels, to find and repair a card after a restart",
  "groups:history": "the same in private channels it was invited to",
  "channels:manage": "create incident channels and invite responders to them",
  "groups:write": "the same for private incident channels",
  "channels:join":
    "join a public channel when someone connects it, so its cards can be posted there",
  "im:write":
    "send incident cards by direct message to people who turned incident DMs on in the pagerslack app",
  "im:history":
    "read its own direct messages, to find and repair a DM card after a restart",
  "users:read": "look up the people PagerDuty names",
  "users:read.email":
    "match PagerDuty users to Slack users by e-mail address (to mention and invite them)",
  "usergroups:read":
    "list the user groups to choose from in pagerslack's Connect form, and read the members of those you tie to a PagerDuty schedule, to leave a group alone once someone edits it by hand",
  "usergroups:write":
    "keep those user groups equal to who is on call now (e.g. @checkout-oncall)",
  "commands": "answer the /pd slash command",
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · pagerslack</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
code{background:#f4f4f4;padding:0 .2em}.error{border-left:4px solid #c0392b;padding-left:1rem}
.ok{border-left:4px solid #2eb67d;padding-left:1rem}</style></head>
<body><h1>${escape(title)}</h1>
${body}
</body></html>
`;
}

export function installPage(authorizeUrl: string): string {
  const scopes = SLACK_SCOPES_USED.map((s) =>
    `<li><code>${escape(s)}</code>: ${escape(SCOPE_REASONS[s] ?? "")}</li>`
  ).join("\n");
  return page(
    "Add the pagerslack bot to Slack",
    `<p>The pagerslack bridge posts PagerDuty incidents to Slack as cards that stay up to date, and answers
<code>/pd</code>. Installing its bot in your workspace lets it:</p>
<ul>
${scopes}
</ul>
<p>It reads nothing but its own messages and sees only the channels you invite it to.</p>
<p><a href="${
      escape(authorizeUrl)
    }"><img alt="Add to Slack" height="40" width="139" src="https://platform.slack-edge.com/img/add_to_slack.png"
srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>
<p>The link is valid for 10 minutes and in this browser only.</p>`,
  );
}

/**
 * After "Add to Slack". It links to /login and never logs the installer in: anyone allowed to install apps
 * into some workspace (any workspace, once the app is distributed) would otherwise become a bridge admin.
 */
export function installedPage(options: {
  teamName: string;
  botName: string;
  reinstall: boolean;
  missingScopes: readonly string[];
}): string {
  const missing = options.missingScopes.length === 0
    ? ""
    : `<p class="error">Slack did not grant ${
      options.missingScopes.map((s) => `<code>${escape(s)}</code>`).join(", ")
    }: what needs them will fail until you reinstall.</p>`;
  return page(
    `Installed in ${options.teamName}`,
    `<div class="ok"><p>${
      options.reinstall ? "Reinstalled" : "Installed"
    } the pagerslack bot in <strong>${
      escape(options.teamName)
    }</strong>.</p></div>
${missing}
<h2>Next</h2>
<ol>
<li>Invite <strong>@${
      escape(options.botName)
    }</strong> to the channels that should get incident cards: <code>/invite @${
      escape(options.botName)
    }</code> in each channel.</li>
<li>Set up the hosted pagerslack app (its buttons act in PagerDuty as the person who clicks): run its
<em>Set up pagerslack</em> workflow in Slack.</li>
<li>Check the bridge's <a href="/login">status page</a>: log in with one of <code>PAGERSLACK_API_TOKENS</code>.</li>
</ol>`,
  );
}

export function errorPage(title: string, lines: readonly string[]): string {
  return page(
    title,
    `<div class="error">${
      lines.map((l) => `<p>${escape(l)}</p>`).join("\n")
    }</div>
<p><a href="/slack/install">Start the install again</a> · <a href="/">status page</a></p>`,
  );
}

/**
 * An org-wide install on an Enterprise Grid organization (oauth.v2.access: `is_enterprise_install` true, `team`
 * null; api.slack.com/enterprise/apps/reference). The bridge keeps one token per workspace, so it says what works
 * instead: installing in each workspace of the org.
 */
export function orgWidePage(
  org: { enterpriseId: string | null; enterpriseName: string | null },
): string {
  const name = org.enterpriseName ?? org.enterpriseId ?? "your organization";
  const id = org.enterpriseName && org.enterpriseId
    ? ` (<code>${escape(org.enterpriseId)}</code>)`
    : "";
  return page(
    "Org-wide installs are not supported",
    `<div class="error"><p>Slack installed the app on the whole Enterprise Grid organization <strong>${
      escape(name)
    }</strong>${id}. The bridge did not keep that install: nothing was stored.</p>
<p>The bridge keeps one bot token per workspace (its cards, channels, rate limits and <code>/pd</code> answers are
per workspace), and an org-wide install gives one token for the whole organization and puts the app in no
workspace yet.</p></div>
<h2>What works</h2>
<ul>
<li>Install the app in each workspace of the organization, one at a time: open
<a href="/slack/install">Add to Slack</a> and pick the <strong>workspace</strong>, not the organization, on
Slack's page. Each workspace keeps its own token; any number of workspaces, of one organization or several, work
side by side.</li>
<li>An app not opted in to org-wide deployment (the app's settings, <em>Org Level Apps</em>) is always installed
per workspace.</li>
</ul>
<p><a href="/slack/install">Install in a workspace</a> · <a href="/">status page</a></p>`,
  );
}
