// One workspace's part of the status page: what it is (name, id, installed when and by whom, its token's state),
// the workflow triggers its hosted app registered, its connections, its deliveries and problems, and what the
// doctor found for it.
import type { DoctorCheck } from "../commands/run-doctor.ts";
import type { StatusWorkspace } from "./collect-workspace-status.ts";
import { code, escapeHtml, findingRow, okText, table } from "./status-html.ts";

const SOURCES: Record<StatusWorkspace["source"], string> = {
  installed: "Add to Slack",
  bot_token: "SLACK_BOT_TOKEN",
  uninstalled: "not installed",
};

/** The id of a workspace's section (`workspace-T0123`, `workspace-default`). */
export const workspaceSectionId = (w: StatusWorkspace) =>
  `workspace-${w.teamId ?? w.key}`;

export function renderWorkspaceSection(
  w: StatusWorkspace,
  findings: readonly DoctorCheck[],
): string {
  const actions = w.triggers.find((t) => t.name === "incident_action");
  const facts = [
    ["team id", w.teamId ? code(w.teamId) : "not known yet (auth.test)"],
    ["how", escapeHtml(SOURCES[w.source])],
    ...(w.enterpriseId ? [["Enterprise Grid org", code(w.enterpriseId)]] : []),
    ["installed", escapeHtml(w.installedAt ?? "")],
    ["installed by", w.installedBy ? code(w.installedBy) : "not known"],
    ["token", okText(w.token.ok, w.token.text)],
    [
      "card buttons",
      actions
        ? okText(
          true,
          `incident-actions trigger registered ${actions.updatedAt}`,
        )
        : w.source === "bot_token"
        ? escapeHtml("SLACK_ACTIONS_TRIGGER_URL (no trigger registered)")
        : okText(
          false,
          "no incident-actions trigger registered: cards have no buttons (run Set up pagerslack in this workspace)",
        ),
    ],
  ];
  return `<section class="workspace" id="${escapeHtml(workspaceSectionId(w))}">
<h2>${escapeHtml(w.teamName)}${
    w.teamId ? ` <code>${escapeHtml(w.teamId)}</code>` : ""
  }</h2>
<table class="facts"><tbody>${
    facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`)
      .join("")
  }</tbody></table>
<h3>Problems</h3>
${
    table(
      ["since", "problem"],
      w.problems.map((p) => [escapeHtml(p.since), okText(false, p.what)]),
      "none: Slack takes this workspace's deliveries",
      "problems",
    )
  }
<h3>Doctor</h3>
${
    table(
      ["", "check", "finding"],
      findings.map(findingRow),
      "no findings for this workspace",
      "doctor",
    )
  }
<h3>Workflow triggers</h3>
${
    table(
      ["trigger", "registered"],
      w.triggers.map((t) => [escapeHtml(t.name), escapeHtml(t.updatedAt)]),
      "none registered by its hosted app yet",
      "triggers",
    )
  }
<h3>Connections</h3>
${
    table(
      ["channel", "source", "kind", "filters"],
      w.connections.map((c) => [
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
      "connections",
    )
  }
<h3>Deliveries waiting or failed</h3>
${
    table(
      ["channel", "pending", "failed", "parked"],
      w.queues.map((q) => [
        code(q.channelId),
        escapeHtml(q.pending),
        q.failed > 0 ? okText(false, String(q.failed)) : "0",
        q.parkedBy ? okText(false, `parked: ${q.parkedBy}`) : "",
      ]),
      "nothing waiting or failed",
      "deliveries",
    )
  }
<h3>Latest deliveries</h3>
${
    table(
      ["queued", "what", "channel", "incident", "outcome"],
      w.recent.map((d) => [
        escapeHtml(d.enqueuedAt),
        escapeHtml(d.kind),
        code(d.channelId),
        d.incidentId ? code(d.incidentId) : "",
        d.status === "failed"
          ? okText(false, `failed${d.lastError ? `: ${d.lastError}` : ""}`)
          : escapeHtml(
            `sent${d.attempts > 1 ? ` (${d.attempts} attempts)` : ""}`,
          ),
      ]),
      "none yet",
      "recent",
    )
  }
</section>`;
}
