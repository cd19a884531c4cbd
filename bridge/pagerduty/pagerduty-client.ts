// The bridge's own small PagerDuty REST boundary (API key auth), shared by enrichment and the ops commands.
// Non-2xx answers become a PagerDutyApiError carrying PagerDuty's error code; the token never appears in errors.
import { PagerDutyApiError } from "./pagerduty-api-error.ts";

export interface PagerDutyClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export interface PagerDutyClientOptions {
  /** PAGERDUTY_API_URL, without a trailing slash. */
  apiUrl: string;
  /** PAGERDUTY_API_TOKEN (a REST API key). */
  token: string;
  timeoutMs?: number;
}

export function createPagerDutyClient(
  { apiUrl, token, timeoutMs = 5000 }: PagerDutyClientOptions,
): PagerDutyClient {
  const base = apiUrl.replace(/\/+$/, "");
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Token token=${token}`,
        Accept: "application/vnd.pagerduty+json;version=2",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = await response.json().catch(() => null) as
      | { error?: { message?: string; code?: number } }
      | null;
    if (!response.ok) {
      throw new PagerDutyApiError({
        path,
        status: response.status,
        code: parsed?.error?.code ?? null,
        message: parsed?.error?.message ?? response.statusText,
      });
    }
    return parsed as T;
  }
  return {
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, body),
  };
}
