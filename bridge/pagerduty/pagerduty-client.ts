// The bridge's own small PagerDuty REST boundary (API key auth), shared by enrichment, the reconciler and the ops
// commands. Non-2xx answers become a PagerDutyApiError carrying PagerDuty's error code and details; the token
// never appears in errors.
//
// PagerDuty allows 960 requests per minute per key and says where a caller stands on every answer
// (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` in seconds; no Retry-After). One client per key is
// shared by everything in the process, so it keeps that budget: when it is used up (or a 429 came back) calls are
// held until the window resets. A call waits for that at most `maxWaitMs` (default 0), otherwise it fails at once
// with a PagerDutyApiError 429 whose `sent` is false: enrichment then renders from webhook data, the reconciler
// ends its pass early. `reserve` keeps calls back while only that many are left, so background work (the
// reconciler) never takes the last calls of a window from cards.
import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import {
  headerSeconds as headerNumber,
  pagerDutyHeaders,
  readPagerDutyError,
} from "../../shared/pagerduty/read-pagerduty-error.ts";

export interface PagerDutyRequestOptions {
  /** Longest wait for the rate limit before failing instead; default: the client's `maxWaitMs`. */
  maxWaitMs?: number;
  /** Calls of the window this call leaves to others: it is held while no more than this many are left. */
  reserve?: number;
  /** Default: the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface PagerDutyClient {
  get<T>(path: string, options?: PagerDutyRequestOptions): Promise<T>;
  post<T>(
    path: string,
    body?: unknown,
    options?: PagerDutyRequestOptions,
  ): Promise<T>;
  delete(path: string, options?: PagerDutyRequestOptions): Promise<void>;
}

export interface PagerDutyClientOptions {
  /** PAGERDUTY_API_URL, without a trailing slash. */
  apiUrl: string;
  /** PAGERDUTY_API_TOKEN (a REST API key). */
  token: string;
  timeoutMs?: number;
  /** Default for calls that do not say: how long a call may wait for the rate limit (ms). */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A 429 without `ratelimit-reset` (PagerDuty sends some): PagerDuty's window is a minute, so holding a minute is
 * the one wait sure to end after the window.
 */
export const HOLD_WITHOUT_RESET_MS = 60_000;
const RATE_LIMITED_CODE = 2020;

export function createPagerDutyClient(
  {
    apiUrl,
    token,
    timeoutMs = 5000,
    maxWaitMs: defaultMaxWaitMs = 0,
    now = Date.now,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }: PagerDutyClientOptions,
): PagerDutyClient {
  const base = apiUrl.replace(/\/+$/, "");
  // What the last answer said: calls left in the window (null: unknown) and when the window ends.
  let remaining: number | null = null;
  let windowEndsAt = 0;
  // After a 429 nothing is sent before this.
  let heldUntil = 0;
  // Sent but unanswered: the budget they use is not in `remaining` yet.
  let inFlight = 0;

  /** Until when a call must wait, or null when it may go now. */
  function holdFor(reserve: number): number | null {
    const t = now();
    if (t < heldUntil) return heldUntil;
    if (t >= windowEndsAt) remaining = null;
    if (remaining !== null && remaining - inFlight <= reserve) {
      return windowEndsAt;
    }
    return null;
  }

  function record(headers: Headers, status: number): number | null {
    const t = now();
    const left = headerNumber(headers, "ratelimit-remaining");
    const reset = headerNumber(headers, "ratelimit-reset");
    if (left !== null && reset !== null) {
      remaining = left;
      windowEndsAt = t + reset * 1000;
    }
    if (status !== 429) return null;
    heldUntil = t + (reset !== null ? reset * 1000 : HOLD_WITHOUT_RESET_MS);
    remaining = 0;
    windowEndsAt = Math.max(windowEndsAt, heldUntil);
    return heldUntil;
  }

  async function admit(
    path: string,
    { maxWaitMs, reserve }: { maxWaitMs: number; reserve: number },
  ): Promise<void> {
    for (;;) {
      const until = holdFor(reserve);
      if (until === null) return;
      const wait = until - now();
      if (wait > maxWaitMs) {
        throw new PagerDutyApiError({
          path,
          status: 429,
          code: RATE_LIMITED_CODE,
          message: `rate limit used up, not sent; calls resume in ${
            Math.ceil(wait / 1000)
          } s`,
          retryAt: until,
          sent: false,
        });
      }
      await sleep(Math.max(wait, 1));
    }
  }

  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    options: PagerDutyRequestOptions = {},
  ): Promise<T> {
    const limits = {
      maxWaitMs: options.maxWaitMs ?? defaultMaxWaitMs,
      reserve: options.reserve ?? 0,
    };
    // One retry after a 429 whose hold fits in the wait the caller allows.
    for (let attempt = 0;; attempt++) {
      await admit(path, limits);
      inFlight++;
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: pagerDutyHeaders(
            `Token token=${token}`,
            body !== undefined,
          ),
          body: body === undefined ? undefined : JSON.stringify(body),
          // Per attempt, after any wait for the rate limit.
          signal: AbortSignal.timeout(options.timeoutMs ?? timeoutMs),
        });
      } finally {
        inFlight--;
      }
      const retryAt = record(response.headers, response.status);
      if (response.ok) return await response.json().catch(() => null) as T;
      if (
        retryAt !== null && attempt === 0 &&
        retryAt - now() <= limits.maxWaitMs
      ) {
        await response.body?.cancel();
        continue;
      }
      const { code, message, errors } = await readPagerDutyError(response);
      throw new PagerDutyApiError({
        path,
        status: response.status,
        code,
        message,
        errors,
        retryAt,
      });
    }
  }
  return {
    get: (path, options) => request("GET", path, undefined, options),
    post: (path, body, options) => request("POST", path, body, options),
    delete: async (path, options) => {
      await request("DELETE", path, undefined, options);
    },
  };
}
