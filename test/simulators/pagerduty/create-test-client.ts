// A tiny REST client for tests of the simulator (and of code that needs a raw PagerDuty call): sets the
// headers a correct client sends and returns status, headers and parsed JSON.

import { PAGERDUTY_ACCEPT } from "./create-pagerduty-app.ts";

/** Parsed JSON of a response: tests read it freely and assert on it. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/**
 * `from` is sent as the `From` header. PagerDuty's spec requires it on incident writes and POST /users whatever
 * the credential, so user tokens send it too (their user's email).
 */
export type TestAuth =
  | { apiKey: string; from?: string }
  | { token: string; from?: string };

export interface TestResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export function createTestClient(baseUrl: string, auth: TestAuth) {
  async function call<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = {
      accept: PAGERDUTY_ACCEPT,
      authorization: "apiKey" in auth
        ? `Token token=${auth.apiKey}`
        : `Bearer ${auth.token}`,
      ...(auth.from ? { from: auth.from } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...extraHeaders,
    };
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    };
  }
  return {
    call,
    get: <T = Json>(path: string) => call<T>("GET", path),
    post: <T = Json>(path: string, body?: unknown) =>
      call<T>("POST", path, body ?? {}),
    put: <T = Json>(path: string, body: unknown) => call<T>("PUT", path, body),
    delete: <T = Json>(path: string) => call<T>("DELETE", path),
  };
}

export type TestClient = ReturnType<typeof createTestClient>;
