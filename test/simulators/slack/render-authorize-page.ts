/** The simulated consent screen of `/oauth/v2/authorize`, or the error page Slack shows instead of redirecting. */
import type { AuthorizeRequest, OAuthAppSeed } from "./oauth-apps.ts";
import type { SlackWorkspace } from "./slack-workspace.ts";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export type AuthorizePageInput =
  | { error: string }
  | {
    request: AuthorizeRequest;
    app: OAuthAppSeed;
    scopes: readonly string[];
    workspace: SlackWorkspace;
  };

export function renderAuthorizePage(input: AuthorizePageInput): string {
  if ("error" in input) {
    return `<!doctype html><title>Slack: error</title><h1>Something went wrong</h1><p>OAuth error: <code>${
      escape(input.error)
    }</code></p>`;
  }
  const hidden = Object.entries(input.request)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) =>
      `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`
    ).join("");
  const people = [...input.workspace.users.values()].filter((u) => !u.isBot);
  const options = people.map((u) =>
    `<option value="${escape(u.id)}">${escape(u.name)}</option>`
  ).join("");
  return `<!doctype html><title>Slack: install ${
    escape(input.app.botName ?? input.app.appId)
  }</title>
<h1>${
    escape(input.app.botName ?? input.app.appId)
  } is requesting permission to access the ${
    escape(input.workspace.teamDomain)
  } Slack workspace</h1>
<ul>${
    input.scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join("")
  }</ul>
<form method="post" action="/oauth/v2/authorize">${hidden}
<label>Signed in as <select name="user">${options}</select></label>
<button name="decision" value="deny">Cancel</button>
<button name="decision" value="allow">Allow</button>
</form>`;
}
