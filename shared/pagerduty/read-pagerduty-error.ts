// What a non-2xx PagerDuty REST answer says, read the same way by the bridge's and the hosted app's clients.
// PagerDuty's body is `{"error":{"message","code","errors":[…]}}`: `message` is the code's generic wording
// ("Invalid Input Provided"), `errors` says what was wrong ("Service PNOPE00 not found"). Everything is passed
// through redactCredentials: PagerDuty may echo what it was sent. One answer has a body of its own: a Scoped
// OAuth token without the operation's scope gets 403 `{"message":"Token missing required scopes",
// "required_scopes":"teams.read"}` (https://github.com/PagerDuty/terraform-provider-pagerduty/pull/1027).
import { redactCredentials } from "./redact-credentials.ts";

export interface PagerDutyErrorReport {
  /** PagerDuty's `error.code` (1001 already resolved, 2010 access denied…); null when absent. */
  code: number | null;
  /** PagerDuty's `error.message`, redacted, or the HTTP status text when the body has none. */
  message: string;
  /** PagerDuty's `error.errors`, redacted. */
  errors: string[];
  /** `ratelimit-reset` (seconds until the window resets), when PagerDuty sent it. */
  resetSeconds: number | null;
  /** `required_scopes` of a missing-scope 403 (space or comma separated there); empty otherwise. */
  requiredScopes: string[];
}

/** Reads the error body of `response` (consumes it); never throws. */
export async function readPagerDutyError(
  response: Response,
): Promise<PagerDutyErrorReport> {
  const body: unknown = await response.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === "number"
    ? error.code
    : typeof error.code === "string" && /^\d+$/.test(error.code)
    ? Number(error.code)
    : null;
  const topLevel = isRecord(body) ? body : {};
  const message = typeof error.message === "string" && error.message
    ? error.message
    : typeof topLevel.message === "string" && topLevel.message
    ? topLevel.message
    : response.statusText || `PagerDuty answered ${response.status}`;
  const requiredScopes = typeof topLevel.required_scopes === "string"
    ? topLevel.required_scopes.split(/[\s,]+/).filter((s) =>
      /^[\w:.]+$/.test(s)
    )
    : [];
  return {
    code,
    message: redactCredentials(message),
    errors: errorDetails(error.errors).map(redactCredentials),
    resetSeconds: headerSeconds(response.headers, "ratelimit-reset"),
    requiredScopes,
  };
}

/** PagerDuty's `errors` entries are strings; tolerate objects (`{message}`) and drop anything else. */
export function errorDetails(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    if (typeof entry === "string") return entry ? [entry] : [];
    const message = (entry as { message?: unknown } | null)?.message;
    return typeof message === "string" && message ? [message] : [];
  });
}

/** A non-negative number header (`ratelimit-remaining`, `ratelimit-reset`), or null. */
export function headerSeconds(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * Headers of every REST call: `authorization` is `Token token=<key>` (API key, the bridge) or `Bearer <token>`
 * (OAuth, the hosted app).
 */
export function pagerDutyHeaders(
  authorization: string,
  hasBody: boolean,
): Record<string, string> {
  return {
    Authorization: authorization,
    Accept: "application/vnd.pagerduty+json;version=2",
    ...(hasBody ? { "Content-Type": "application/json" } : {}),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
