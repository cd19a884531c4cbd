import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { ROLE_NAMES } from "../../shared/pagerduty/role-names.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "../../shared/cards/mrkdwn-link.ts";
import { linkPrompt } from "../messages/link-prompt.ts";
import { isMissingScope, PagerDutyApiError } from "./pagerduty-api-error.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";
import type { PagerDutyIncident } from "../../shared/pagerduty/pagerduty-resources.ts";

export interface ExplainContext {
  /** What the user tried, as a verb phrase in mrkdwn (names in it escaped): "acknowledge incident #42". */
  attempted: string;
  linkTriggerUrl: string | undefined;
  /** Used to say who resolved / acknowledged and which role denied; lookups are best effort. */
  pagerDuty?: PagerDutyClient;
  incidentId?: string;
}

type Explainer = (
  error: PagerDutyApiError,
  context: ExplainContext,
) => string | Promise<string>;

/**
 * PagerDuty error → the sentence a person reads. Keyed by PagerDuty's `error.code` first (see apis.md),
 * then by HTTP status; the first match wins.
 */
const BY_CODE: Record<number, Explainer> = {
  1001: (_, c) => alreadyInState(c, "resolved"),
  1002: (_, c) => alreadyInState(c, "acknowledged"),
  1006: (e, c) =>
    `:no_entry: Could not ${c.attempted}: PagerDuty cannot escalate it (${
      escapeMrkdwn(e.message)
    }). Choose another level.`,
  // PagerDuty snoozes acknowledged incidents only (POST /incidents/{id}/snooze).
  1012: (_, c) =>
    `:information_source: Could not ${c.attempted}: PagerDuty only snoozes acknowledged incidents. Acknowledge it first.`,
  1020: (_, c) =>
    `:no_entry: Could not ${c.attempted}: that priority does not exist in this PagerDuty account.`,
  2006: (_, c) => linkPrompt(c.linkTriggerUrl),
  2010: (_, c) => denied(c),
  2020: (e, c) => rateLimited(e, c),
  2100: (_, c) => notFound(c),
};

const BY_STATUS: Record<number, Explainer> = {
  0: (_, c) =>
    `:warning: Could not ${c.attempted}: PagerDuty did not answer. Check its status page and try again.`,
  401: (_, c) => linkPrompt(c.linkTriggerUrl),
  402: (_, c) =>
    `:no_entry: Could not ${c.attempted}: your PagerDuty plan does not include this feature.`,
  403: (_, c) => denied(c),
  404: (_, c) => notFound(c),
  429: (e, c) => rateLimited(e, c),
};

export async function explainPagerDutyError(
  error: PagerDutyApiError,
  context: ExplainContext,
): Promise<string> {
  // A 403 naming a scope is about the OAuth app, not the person's role: checked before the role explanation.
  if (isMissingScope(error)) {
    return missingScope(error.context.requiredScopes, context);
  }
  const explain =
    (error.code !== undefined ? BY_CODE[error.code] : undefined) ??
      BY_STATUS[error.status];
  if (explain) return await explain(error, context);
  if (error.status >= 500) {
    return `:warning: Could not ${context.attempted}: PagerDuty had an internal error (${error.status}). Try again in a minute.`;
  }
  const details = error.context.errors?.length
    ? ` (${escapeMrkdwn(error.context.errors.join("; "))})`
    : "";
  return `:no_entry: Could not ${context.attempted}: ${
    escapeMrkdwn(error.message)
  }${details}.`;
}

async function alreadyInState(
  c: ExplainContext,
  state: "resolved" | "acknowledged",
): Promise<string> {
  const incident = await lookup<{ incident: PagerDutyIncident }>(
    c,
    c.incidentId && `/incidents/${encodeURIComponent(c.incidentId)}`,
  );
  const label = incident
    ? `Incident #${incident.incident.incident_number}`
    : "This incident";
  const by = incident ? whoChanged(incident.incident, state) : undefined;
  return `:information_source: ${label} is already ${state}${
    by ? ` by ${escapeMrkdwn(by)}` : ""
  }. Nothing was changed.`;
}

/** Who put the incident in `state`: the acknowledger, else whoever changed the status last. */
export function whoChanged(
  incident: PagerDutyIncident,
  state: "resolved" | "acknowledged",
): string | undefined {
  if (state === "acknowledged") {
    const last = incident.acknowledgements?.at(-1)?.acknowledger.summary;
    if (last) return last;
  }
  return incident.last_status_change_by?.summary;
}

async function denied(c: ExplainContext): Promise<string> {
  // The client's GET /users/me, already answered when the refused write sent its From header.
  const me = await c.pagerDuty?.me().catch(() => undefined);
  const role = me ? ` (${escapeMrkdwn(ROLE_NAMES[me.role] ?? me.role)})` : "";
  const why = me?.role === "observer"
    ? " Observers can only act on incidents assigned to them."
    : me?.role.startsWith("read_only")
    ? " Stakeholders can follow incidents but not change them."
    : "";
  return `:no_entry: PagerDuty does not let your role${role} ${c.attempted}.${why} Ask a PagerDuty admin if you need more access.`;
}

/**
 * The token lacks a scope the operation needs. With pagerslack requesting exactly the scopes its calls need, that
 * means the PagerDuty OAuth app was not granted all of them: PagerDuty then issues tokens holding only `openid`
 * (see pagerduty-oauth-provider.ts). Only a PagerDuty admin can fix it; the person links again afterwards to get
 * a token with the scopes.
 */
export function missingScope(
  scopes: readonly string[],
  c: Pick<ExplainContext, "attempted" | "linkTriggerUrl">,
): string {
  const named = scopes.map((s) => `\`${escapeMrkdwn(s)}\``).join(", ");
  const relink = mrkdwnLinkUrl(c.linkTriggerUrl)
    ? mrkdwnLink(c.linkTriggerUrl, "link your PagerDuty account again")
    : "link your PagerDuty account again (`/pd link`)";
  return `:closed_lock_with_key: Could not ${c.attempted}: the pagerslack PagerDuty app lacks the ${named} scope${
    scopes.length > 1 ? "s" : ""
  }. This is not about your PagerDuty role: ask your PagerDuty admin to add ${
    scopes.length > 1 ? "them" : "it"
  } to the pagerslack app (Integrations → App Registration; the app needs every scope listed in pagerslack's README), then ${relink}.`;
}

function notFound(c: ExplainContext): string {
  return `:mag: Could not ${c.attempted}: PagerDuty has no such incident, or you cannot see it (it may have been merged or deleted).`;
}

function rateLimited(e: PagerDutyApiError, c: ExplainContext): string {
  const wait = e.context.retryAfterSeconds;
  return `:hourglass: PagerDuty is rate limiting your requests, so I could not ${c.attempted}. Try again ${
    wait ? `in ${wait} s` : "in a minute"
  }.`;
}

async function lookup<T>(
  c: ExplainContext,
  path: string | undefined,
): Promise<T | undefined> {
  if (!c.pagerDuty || !path) return undefined;
  try {
    return await c.pagerDuty.get<T>(path);
  } catch {
    return undefined;
  }
}
