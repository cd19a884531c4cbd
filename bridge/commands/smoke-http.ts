// The two HTTP APIs `smoke` drives directly: the running bridge's API (as the hosted app calls it) and PagerDuty's
// REST API with the bridge's key (PUT /incidents/{id}, which the bridge's own client never needs). Each answer is
// a result union carrying the service's own error text, for the smoke's table.
import {
  pagerDutyHeaders,
  readPagerDutyError,
} from "../../shared/pagerduty/read-pagerduty-error.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";

export type HttpResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number | null; error: string };

const TIMEOUT_MS = 15_000;

async function send<T>(
  url: string,
  init: RequestInit,
  readError: (response: Response) => Promise<string>,
): Promise<HttpResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      status: null,
      error: redactCredentials(
        `${(error as Error).message}${cause ? ` (${cause})` : ""}`,
      ),
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      status: response.status,
      error: `${response.status} ${await readError(response)}`,
    };
  }
  const text = await response.text();
  return {
    ok: true,
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
  };
}

/** The bridge API (`/api/v1/…`) with a bearer token from PAGERSLACK_API_TOKENS. */
export function bridgeApi(bridgeUrl: string, token: string) {
  return <T>(method: string, path: string, body?: unknown) =>
    send<T>(
      `${bridgeUrl.replace(/\/$/, "")}/api/v1${path}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      async (r) => redactCredentials((await r.text()).slice(0, 300)),
    );
}

/** PagerDuty REST with an account API key; `from`: the requester's email, which PagerDuty requires on writes. */
export function pagerDutyRest(apiUrl: string, token: string, from: string) {
  return <T>(method: string, path: string, body?: unknown) =>
    send<T>(
      `${apiUrl.replace(/\/$/, "")}${path}`,
      {
        method,
        headers: {
          ...pagerDutyHeaders(`Token token=${token}`, body !== undefined),
          From: from,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      async (r) => {
        const report = await readPagerDutyError(r);
        return [report.message, ...report.errors].join(": ");
      },
    );
}

export type RestCall = ReturnType<typeof pagerDutyRest>;
export type BridgeApiCall = ReturnType<typeof bridgeApi>;
