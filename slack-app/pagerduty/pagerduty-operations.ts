/**
 * Every PagerDuty REST operation the hosted app calls, with what PagerDuty's OpenAPI spec says it needs: the
 * OAuth scope (`x-pd-requires-scope`; null where the spec names none) and whether the `From` header is
 * required (the spec's `from_header` parameter). test/specs/pagerduty-operations.test.ts checks each row against
 * the trimmed spec; the OAuth provider requests exactly the scopes of this table; the client refuses to send a
 * request that is not in it, so a call added without a row fails every test that reaches it.
 */
export interface PagerDutyOperation {
  method: "GET" | "POST" | "PUT";
  /** The spec's path template: `/incidents/{id}`. */
  path: string;
  scope: string | null;
  /** The spec declares `From` (the acting user's email) required. */
  requiresFrom: boolean;
  /** Which feature makes the call (shown in the README's scope table). */
  usedFor: string;
}

export const PAGERDUTY_OPERATIONS: readonly PagerDutyOperation[] = [
  {
    method: "GET",
    path: "/users/me",
    scope: null,
    requiresFrom: false,
    usedFor: "link (who you are), the `From` email, role in refusals",
  },
  {
    method: "GET",
    path: "/incidents/{id}",
    scope: "incidents.read",
    requiresFrom: false,
    usedFor: "card buttons: the incident's current state",
  },
  {
    method: "GET",
    path: "/incidents",
    scope: "incidents.read",
    requiresFrom: false,
    usedFor: "a storm digest's Acknowledge all: which incidents are still open",
  },
  {
    method: "PUT",
    path: "/incidents",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "a storm digest's Acknowledge all (bulk update)",
  },
  {
    method: "PUT",
    path: "/incidents/{id}",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "acknowledge, resolve, reassign, escalate, priority",
  },
  {
    method: "POST",
    path: "/incidents",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "trigger an incident",
  },
  {
    method: "POST",
    path: "/incidents/{id}/notes",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "add a note (and the resolution note)",
  },
  {
    method: "POST",
    path: "/incidents/{id}/status_updates",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "post a status update",
  },
  {
    method: "POST",
    path: "/incidents/{id}/responder_requests",
    scope: "incidents.write",
    requiresFrom: false,
    usedFor: "add responders (people, escalation policies)",
  },
  {
    method: "POST",
    path: "/incidents/{id}/snooze",
    scope: "incidents.write",
    requiresFrom: true,
    usedFor: "snooze (acknowledged incidents)",
  },
  {
    method: "GET",
    path: "/services",
    scope: "services.read",
    requiresFrom: false,
    usedFor: "service choices (trigger, who is on call, connect)",
  },
  {
    method: "GET",
    path: "/services/{id}",
    scope: "services.read",
    requiresFrom: false,
    usedFor: "who is on call for a service",
  },
  {
    method: "GET",
    path: "/escalation_policies",
    scope: "escalation_policies.read",
    requiresFrom: false,
    usedFor: "escalation policy choices (who is on call, on-call user groups)",
  },
  {
    method: "GET",
    path: "/escalation_policies/{id}",
    scope: "escalation_policies.read",
    requiresFrom: false,
    usedFor: "escalation levels, who is on call by policy",
  },
  {
    method: "GET",
    path: "/schedules",
    scope: "schedules.read",
    requiresFrom: false,
    usedFor: "schedule choices (on-call user groups, connect)",
  },
  {
    method: "GET",
    path: "/teams",
    scope: "teams.read",
    requiresFrom: false,
    usedFor: "team connections (connect)",
  },
  {
    method: "GET",
    path: "/priorities",
    scope: "priorities.read",
    requiresFrom: false,
    usedFor: "priority choices",
  },
  {
    method: "GET",
    path: "/oncalls",
    scope: "oncalls.read",
    requiresFrom: false,
    usedFor: "who is on call; schedules to add responders from",
  },
  {
    method: "GET",
    path: "/users",
    scope: "users.read",
    requiresFrom: false,
    usedFor: "reassign and responder choices",
  },
  {
    method: "GET",
    path: "/users/{id}",
    scope: "users.read",
    requiresFrom: false,
    usedFor: "on-call users' emails (Slack mentions)",
  },
  {
    method: "POST",
    path: "/users",
    scope: "users.write",
    requiresFrom: true,
    usedFor: "invite someone (PagerDuty admins)",
  },
  {
    method: "GET",
    path: "/incident_workflows",
    scope: "incident_workflows.read",
    requiresFrom: false,
    usedFor: "incident workflow choices",
  },
  {
    method: "POST",
    path: "/incident_workflows/{id}/instances",
    scope: "incident_workflows:instances.write",
    requiresFrom: false,
    usedFor: "run an incident workflow",
  },
];

/** Least privilege: the scopes of the table, each once, in the table's order. */
export const PAGERDUTY_OAUTH_SCOPES: readonly string[] = [
  ...new Set(
    PAGERDUTY_OPERATIONS.flatMap((op) => (op.scope ? [op.scope] : [])),
  ),
];

const MATCHERS = PAGERDUTY_OPERATIONS.map((operation) => ({
  operation,
  pattern: new RegExp(
    `^${operation.path.split(/\{[^}]+\}/).map(escapeRegExp).join("[^/]+")}$`,
  ),
}));

/** The row of a concrete request (`PUT /incidents/PABC123`), or undefined when the app does not list it. */
export function findPagerDutyOperation(
  method: string,
  path: string,
): PagerDutyOperation | undefined {
  const bare = path.split("?")[0]!;
  return MATCHERS.find((m) =>
    m.operation.method === method.toUpperCase() && m.pattern.test(bare)
  )?.operation;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
