/** Raw Web API calls over HTTP, for tests that check what goes over the wire. */
export interface CallSlackOptions {
  /** "form" (default, like the SDKs), "json" (token in the header only) or "get" (query string). */
  encoding?: "form" | "json" | "get";
  /** Send the token as a `token` argument instead of `Authorization: Bearer`. */
  tokenInBody?: boolean;
}

export interface SlackHttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

function formValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export async function callSlack(
  baseUrl: string,
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
  options: CallSlackOptions = {},
): Promise<SlackHttpAnswer> {
  const encoding = options.encoding ?? "form";
  const headers: Record<string, string> = {};
  const all = options.tokenInBody && token ? { ...args, token } : args;
  if (token && !options.tokenInBody) headers.authorization = `Bearer ${token}`;
  let url = `${baseUrl}${method}`;
  let init: RequestInit = { headers };
  if (encoding === "get") {
    const query = new URLSearchParams(
      Object.entries(all).map(([k, v]): [string, string] => [k, formValue(v)]),
    );
    url = `${url}?${query}`;
  } else if (encoding === "json") {
    headers["content-type"] = "application/json; charset=utf-8";
    init = { method: "POST", headers, body: JSON.stringify(all) };
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const body = new URLSearchParams(
      Object.entries(all).map(([k, v]): [string, string] => [k, formValue(v)]),
    );
    init = { method: "POST", headers, body };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}
