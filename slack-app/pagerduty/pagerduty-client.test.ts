import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import {
  createPagerDutyClient,
  UnlistedPagerDutyOperationError,
} from "./pagerduty-client.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A PagerDuty that answers every request from `answers` (by `METHOD path`), recording what it was sent. */
function fakePagerDuty(
  answers: Record<string, { status: number; body?: unknown }>,
) {
  const sent: Sent[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    sent.push({
      method,
      url: url.pathname,
      headers: Object.fromEntries(new Headers(init?.headers)),
    });
    const answer = answers[`${method} ${url.pathname}`] ??
      { status: 404, body: { error: { code: 2100, message: "Not Found" } } };
    return Promise.resolve(
      new Response(
        answer.body === undefined ? null : JSON.stringify(answer.body),
        { status: answer.status },
      ),
    );
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const ME = {
  status: 200,
  body: {
    user: { id: "PUSER01", email: "rui@example.com", role: "limited_user" },
  },
};
const INCIDENT = { status: 200, body: { incident: { id: "PINC001" } } };

describe("createPagerDutyClient", () => {
  it("sends the linked user's email as From on writes the spec requires it for, looked up once", async () => {
    const pd = fakePagerDuty({
      "GET /users/me": ME,
      "PUT /incidents/PINC001": INCIDENT,
      "POST /incidents/PINC001/notes": { status: 201, body: { note: {} } },
    });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    await client.put("/incidents/PINC001", { incident: {} });
    await client.post("/incidents/PINC001/notes", { note: { content: "x" } });
    const writes = pd.sent.filter((s) => s.method !== "GET");
    expect(writes.map((s) => s.headers.from)).toEqual([
      "rui@example.com",
      "rui@example.com",
    ]);
    expect(pd.sent.filter((s) => s.url === "/users/me")).toHaveLength(1);
  });

  it("sends no From where the spec does not ask for it, and does not look the user up", async () => {
    const pd = fakePagerDuty({
      "GET /incidents/PINC001": INCIDENT,
      "POST /incidents/PINC001/responder_requests": { status: 200, body: {} },
    });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    await client.get("/incidents/PINC001");
    await client.post("/incidents/PINC001/responder_requests", {});
    expect(pd.sent.map((s) => [s.url, s.headers.from])).toEqual([
      ["/incidents/PINC001", undefined],
      ["/incidents/PINC001/responder_requests", undefined],
    ]);
  });

  it("shares one GET /users/me between me() and the From of later writes", async () => {
    const pd = fakePagerDuty({
      "GET /users/me": ME,
      "POST /incidents": INCIDENT,
    });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com/",
      token: "t",
      fetch: pd.fetch,
    });
    const [first, second] = await Promise.all([client.me(), client.me()]);
    expect(first).toEqual(ME.body.user);
    expect(second).toEqual(ME.body.user);
    await client.post("/incidents", { incident: {} });
    expect(pd.sent.map((s) => [s.method, s.url, s.headers.from])).toEqual([
      ["GET", "/users/me", undefined],
      ["POST", "/incidents", "rui@example.com"],
    ]);
  });

  it("asks again after a failed GET /users/me instead of keeping the failure", async () => {
    const answers: Record<string, { status: number; body?: unknown }> = {
      "GET /users/me": { status: 500, body: { error: { message: "oops" } } },
    };
    const pd = fakePagerDuty(answers);
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    const failure: unknown = await client.me().catch((e) => e);
    expect((failure as PagerDutyApiError).status).toBe(500);
    answers["GET /users/me"] = ME;
    expect((await client.me()).email).toBe("rui@example.com");
    expect(pd.sent.filter((s) => s.url === "/users/me")).toHaveLength(2);
  });

  it("refuses a call PAGERDUTY_OPERATIONS does not list, before sending anything", async () => {
    const pd = fakePagerDuty({});
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    await expect(client.get("/webhook_subscriptions")).rejects.toThrow(
      UnlistedPagerDutyOperationError,
    );
    await expect(client.put("/services/PSVC001", {})).rejects.toThrow(
      "PUT /services/PSVC001 is not in PAGERDUTY_OPERATIONS",
    );
    expect(pd.sent).toEqual([]);
  });

  it("reports the scope a 403 names", async () => {
    const pd = fakePagerDuty({
      "GET /teams": {
        status: 403,
        body: {
          message: "Token missing required scopes",
          required_scopes: "teams.read",
        },
      },
    });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    const error: unknown = await client.get("/teams").catch((e) => e);
    expect(error instanceof PagerDutyApiError).toBe(true);
    expect((error as PagerDutyApiError).status).toBe(403);
    expect((error as PagerDutyApiError).context.requiredScopes).toEqual([
      "teams.read",
    ]);
  });
});
