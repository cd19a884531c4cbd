import {
  PagerDutyApiError,
  pagerDutyApiErrorFromResponse,
} from "./pagerduty-api-error.ts";
import { pagerDutyHeaders } from "../../shared/pagerduty/read-pagerduty-error.ts";

export type QueryValue = string | number | boolean | string[] | undefined;

/** The few verbs the functions need; every call runs as the linked user (OAuth bearer token). */
export interface PagerDutyClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export interface PagerDutyClientOptions {
  /** e.g. https://api.pagerduty.com (from `env.PAGERDUTY_API_URL`). */
  baseUrl: string;
  /** The user's OAuth access token from Slack external auth. */
  token: string;
  fetch?: typeof fetch;
}

/** Throws `PagerDutyApiError` for every non-2xx answer and for network failures (status 0). */
export function createPagerDutyClient(
  { baseUrl, token, fetch: fetchImpl = fetch }: PagerDutyClientOptions,
): PagerDutyClient {
  const root = baseUrl.replace(/\/+$/, "");
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, QueryValue>,
  ): Promise<T> => {
    const url = root + path + toQueryString(query);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: pagerDutyHeaders(`Bearer ${token}`, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new PagerDutyApiError(0, undefined, "PagerDuty is unreachable", {
        method,
        path,
        cause,
      });
    }
    if (!response.ok) {
      throw await pagerDutyApiErrorFromResponse(response, method, path);
    }
    if (response.status === 204) return undefined as T;
    return await response.json() as T;
  };
  return {
    get: (path, query) => request("GET", path, undefined, query),
    post: (path, body) => request("POST", path, body),
    put: (path, body) => request("PUT", path, body),
  };
}

/** PagerDuty's array parameters use the `name[]=a&name[]=b` form. */
function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(`${name}[]`, item);
    } else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
