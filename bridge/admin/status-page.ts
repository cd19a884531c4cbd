// The admin's status page and login form: plain server-rendered HTML, every value escaped, no script and no
// external asset (the Content-Security-Policy in admin-route.ts forbids both), readable without JavaScript.
import type { DoctorCheck } from "../commands/run-doctor.ts";
import type { StatusData } from "./collect-status.ts";
import {
  renderWorkspaceSection,
  workspaceSectionId,
} from "./render-workspace-section.ts";
import { code, escapeHtml, findingRow, okText, table } from "./status-html.ts";

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1c1d;background:#f8f8f8}
header{background:#1d1c1d;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline}
header h1{font-size:18px;margin:0}
main{padding:8px 24px 40px;max-width:1200px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:8px 16px}
h2{font-size:16px;margin:8px 0}
h3{font-size:14px;margin:12px 0 4px;color:#444}
table.facts th{width:180px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{font-weight:600;color:#555}
.ok{color:#007a5a}.fail{color:#c4001a;font-weight:600}.muted{color:#777}
code{font-size:13px}
form.login{max-width:360px;margin:80px auto;background:#fff;border:1px solid #ddd;border-radius:6px;padding:24px}
form.login input{width:100%;box-sizing:border-box;padding:8px;margin:8px 0 16px;font:inherit}
form.login button,form.logout button{padding:6px 16px;font:inherit}
form.logout{margin-left:auto}
p.error{color:#c4001a}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

export interface StatusPageInput {
  data: StatusData;
  findings: { checks: DoctorCheck[]; checkedAt: number };
  version: string;
  startedAt: Date;
  now: Date;
}

export function renderStatusPage(
  { data, findings, version, startedAt, now }: StatusPageInput,
): string {
  const failing = findings.checks.filter((c) => !c.ok).length;
  const health = data.readiness.ready
    ? okText(true, "ready")
    : okText(false, `not ready: ${data.readiness.reason}`);
  const keys = new Set(data.workspaces.map((w) => w.key));
  // Findings about a workspace go to its section; the rest (database, PagerDuty, secrets, sessions) are the
  // bridge's, shown first.
  const accountWide = findings.checks.filter((c) =>
    c.workspace === undefined || !keys.has(c.workspace)
  );
  const findingsOf = (key: string): DoctorCheck[] =>
    findings.checks.filter((c) => c.workspace === key);
  const body = `
<header><h1>pagerslack bridge</h1><span>version ${escapeHtml(version)}</span>
<span>${health}</span><span class="muted">up since ${
    escapeHtml(startedAt.toISOString())
  }</span>
<form class="logout" method="post" action="/logout"><button type="submit">Log out</button></form></header>
<main>
<section id="doctor"><h2>Doctor: ${
    failing === 0
      ? okText(true, "all checks pass")
      : okText(false, `${failing} check${failing === 1 ? "" : "s"} failing`)
  }</h2>
<h3>The bridge and PagerDuty</h3>
${table(["", "check", "finding"], accountWide.map(findingRow), "no checks ran")}
<p class="muted">checked ${
    escapeHtml(new Date(findings.checkedAt).toISOString())
  }; results are kept for a short while. Each workspace's findings are in its section below.</p></section>

<section id="workspaces"><h2>Workspaces</h2>
${
    table(
      ["workspace", "team id", "how", "installed", "token", "problems"],
      data.workspaces.map((w) => [
        `<a href="#${escapeHtml(workspaceSectionId(w))}">${
          escapeHtml(w.teamName)
        }</a>`,
        w.teamId ? code(w.teamId) : "",
        escapeHtml(
          w.source === "installed"
            ? "Add to Slack"
            : w.source === "bot_token"
            ? "SLACK_BOT_TOKEN"
            : "not installed",
        ),
        escapeHtml(w.installedAt ?? ""),
        okText(w.token.ok, w.token.ok ? "ok" : "problem"),
        w.problems.length === 0
          ? okText(true, "none")
          : okText(false, String(w.problems.length)),
      ]),
      "no workspace known yet (install the app with Add to Slack, or set SLACK_BOT_TOKEN)",
    )
  }</section>
${
    data.workspaces.map((w) => renderWorkspaceSection(w, findingsOf(w.key)))
      .join("\n")
  }

<section id="webhooks"><h2>PagerDuty webhooks (the inbox)</h2>
<p>${
    Object.keys(data.inbox.counts).length === 0
      ? "none received yet"
      : Object.entries(data.inbox.counts).map(([status, n]) =>
        status === "failed" && n > 0
          ? okText(false, `${n} set aside`)
          : escapeHtml(`${n} ${status}`)
      ).join(", ")
  }</p>
${
    table(
      ["received", "type", "incident", "status"],
      data.inbox.recent.map((w) => [
        escapeHtml(w.receivedAt),
        escapeHtml(w.eventType),
        w.incidentId ? code(w.incidentId) : "",
        w.status === "failed"
          ? okText(false, `failed${w.lastError ? `: ${w.lastError}` : ""}`)
          : escapeHtml(w.status),
      ]),
      "none received yet",
    )
  }</section>
<p class="muted">rendered ${escapeHtml(now.toISOString())}</p>
</main>`;
  return layout("pagerslack status", body);
}

export function renderLoginPage(
  { message }: { message?: string } = {},
): string {
  return layout(
    "pagerslack: log in",
    `<form class="login" method="post" action="/login">
<h1>pagerslack bridge</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}
<label for="token">API token (one of PAGERSLACK_API_TOKENS)</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button>
</form>`,
  );
}
