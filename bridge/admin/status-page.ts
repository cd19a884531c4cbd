// The admin's status page and login form: plain server-rendered HTML, every value escaped, no script and no
// external asset (the Content-Security-Policy in admin-route.ts forbids both), readable without JavaScript.
import type { DoctorCheck } from "../commands/run-doctor.ts";
import type { StatusData } from "./collect-status.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1c1d;background:#f8f8f8}
header{background:#1d1c1d;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline}
header h1{font-size:18px;margin:0}
main{padding:8px 24px 40px;max-width:1200px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:8px 16px}
h2{font-size:16px;margin:8px 0}
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

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  empty: string,
): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<table><thead><tr>${
    headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")
  }</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join("")}</tr>`)
      .join("")
  }</tbody></table>`;
}

const code = (value: unknown) => `<code>${escapeHtml(value)}</code>`;
const okText = (ok: boolean, text: string) =>
  `<span class="${ok ? "ok" : "fail"}">${escapeHtml(text)}</span>`;

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
${
    table(
      ["", "check", "finding"],
      findings.checks.map((c) => [
        okText(c.ok, c.ok ? "ok" : "FAIL"),
        escapeHtml(c.name),
        escapeHtml(c.detail),
      ]),
      "no checks ran",
    )
  }
<p class="muted">checked ${
    escapeHtml(new Date(findings.checkedAt).toISOString())
  }; results are kept for a short while</p></section>

<section id="workspaces"><h2>Workspaces</h2>
${
    table(
      ["workspace", "team id", "how", "since"],
      data.workspaces.map((w) => [
        escapeHtml(w.teamName),
        code(w.teamId),
        escapeHtml(
          w.source === "installed" ? "Add to Slack" : "SLACK_BOT_TOKEN",
        ),
        escapeHtml(w.since ?? ""),
      ]),
      "no workspace known yet (install the app with Add to Slack, or set SLACK_BOT_TOKEN)",
    )
  }</section>

<section id="connections"><h2>Connections</h2>
${
    table(
      ["channel", "source", "kind", "filters"],
      data.connections.map((c) => [
        code(c.channel_id),
        `${escapeHtml(c.source_type)} ${code(c.source_id)}`,
        escapeHtml(c.notification_type),
        escapeHtml(
          [
            `${c.events.length} event type${c.events.length === 1 ? "" : "s"}`,
            c.urgency ? `urgency ${c.urgency}` : "any urgency",
            c.priorities ? `priorities ${c.priorities.join(", ")}` : "",
            c.thread_updates ? "updates in thread" : "",
          ].filter(Boolean).join("; "),
        ),
      ]),
      "no channel connected yet",
    )
  }</section>

<section id="deliveries"><h2>Deliveries to Slack</h2>
${
    table(
      ["channel", "pending", "failed", "parked"],
      data.queues.map((q) => [
        code(q.channelId),
        escapeHtml(q.pending),
        q.failed > 0 ? okText(false, String(q.failed)) : "0",
        q.parkedBy ? okText(false, `parked: ${q.parkedBy}`) : "",
      ]),
      "nothing waiting or failed",
    )
  }
${
    data.blocks.length === 0 ? "" : `<h2>Delivery blocks</h2>${
      table(
        ["scope", "key", "Slack said", "since", "next try"],
        data.blocks.map((b) => [
          escapeHtml(b.scope),
          code(b.key),
          okText(false, b.error),
          escapeHtml(b.since),
          escapeHtml(b.retryAt),
        ]),
        "",
      )
    }`
  }</section>

<section id="webhooks"><h2>Recent webhooks from PagerDuty</h2>
${
    table(
      ["received", "type", "incident", "status"],
      data.webhooks.map((w) => [
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
