import {
  PagerDutyApiError,
  pagerDutyApiErrorFromResponse,
} from "./pagerduty-api-error.ts";
import { pagerDutyHeaders } from "../../shared/pagerduty/read-pagerduty-error.ts";
import type { PagerDutyTokenSource } from "./pagerduty-token-source.ts";
import type { PagerDutyUser } from "../../shared/pagerduty/pagerduty-resources.ts";
import { findPagerDutyOperation } from "./pagerduty-operations.ts";
import {
  type QueryValue,
  toQueryString,
} from "../../shared/pagerduty/to-query-string.ts";

export type { QueryValue };

/** The few verbs the functions need; every call runs as the linked user (OAuth bearer token). */
export interface PagerDutyClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /**
   * The token's own user (GET /users/me, which needs no scope), asked at most once per client: the `From`
   * header of writes and every caller that needs the acting user share the one answer.
   */
  me(): Promise<PagerDutyUser>;
}

export interface PagerDutyClientOptions {
  /** e.g. https://api.pagerduty.com (from `env.PAGERDUTY_API_URL`). */
  baseUrl: string;
  /**
   * The user's OAuth access token from Slack external auth, or a source that can refresh it: a 401 is then
   * retried once with the refreshed token (pagerduty-token-source.ts).
   */
  token: string | PagerDutyTokenSource;
  fetch?: typeof fetch;
}

/** A call the app makes that PAGERDUTY_OPERATIONS does not list: its scope would not be requested. A bug. */
export class UnlistedPagerDutyOperationError extends Error {
  override readonly name = "UnlistedPagerDutyOperationError";
  constructor(readonly method: string, readonly path: string) {
    super(
      `${method} ${path} is not in PAGERDUTY_OPERATIONS (slack-app/pagerduty/pagerduty-operations.ts): add it with its x-pd-requires-scope`,
    );
  }
}

/** Throws `PagerDutyApiError` for every non-2xx answer and for network failures (status 0). */
export function createPagerDutyClient(
  { baseUrl, token, fetch: fetchImpl = fetch }: PagerDutyClientOptions,
): PagerDutyClient {
  const root = baseUrl.replace(/\/+$/, "");
  const tokens: PagerDutyTokenSource = typeof token === "string"
    ? { current: () => token, refreshed: () => Promise.resolve(undefined) }
    : token;
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, QueryValue>,
  ): Promise<T> => {
    const operation = findPagerDutyOperation(method, path);
    if (!operation) throw new UnlistedPagerDutyOperationError(method, path);
    // The acting user's email, which PagerDuty's spec requires as `From` on incident writes and POST /users.
    const from = operation.requiresFrom ? (await me()).email : undefined;
    const url = root + path + toQueryString(query);
    const send = async (bearer: string): Promise<Response> => {
      try {
        return await fetchImpl(url, {
          method,
          headers: {
            ...pagerDutyHeaders(`Bearer ${bearer}`, body !== undefined),
            ...(from ? { From: from } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (cause) {
        throw new PagerDutyApiError(0, undefined, "PagerDuty is unreachable", {
          method,
          path,
          cause,
        });
      }
    };
    const used = tokens.current();
    let response = await send(used);
    if (response.status === 401) {
      // An access token PagerDuty no longer takes (expired, revoked): one retry with a refreshed token, if the
      // source gets one; its second 401 is final. Safe for writes too: a 401 means PagerDuty did not act.
      const fresh = await tokens.refreshed(used);
      if (fresh !== undefined) {
        await response.body?.cancel();
        response = await send(fresh);
      }
    }
    if (!response.ok) {
      throw await pagerDutyApiErrorFromResponse(response, method, path);
    }
    if (response.status === 204) return undefined as T;
    return await response.json() as T;
  };
  let user: Promise<PagerDutyUser> | undefined;
  const me = (): Promise<PagerDutyUser> => {
    if (!user) {
      const asked = request<{ user: PagerDutyUser }>("GET", "/users/me").then((
        r,
      ) => r.user);
      // A failed lookup is not kept: the next caller asks again.
      asked.catch(() => {
        if (user === asked) user = undefined;
      });
      user = asked;
    }
    return user;
  };
  return {
    get: (path, query) => request("GET", path, undefined, query),
    post: (path, body) => request("POST", path, body),
    put: (path, body) => request("PUT", path, body),
    me,
  };
}
