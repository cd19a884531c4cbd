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

  it("sends no From where the spec does not ask for it", async () => {
    const pd = fakePagerDuty({
      "GET /incidents/PINC001": INCIDENT,
      "POST /incidents/PINC001/responder_requests": { status: 200, body: {} },
    });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      requesterEmail: () => Promise.reject(new Error("not needed")),
      fetch: pd.fetch,
    });
    await client.get("/incidents/PINC001");
    await client.post("/incidents/PINC001/responder_requests", {});
    expect(pd.sent.map((s) => s.headers.from)).toEqual([undefined, undefined]);
  });

  it("uses the requester email it is given instead of asking PagerDuty", async () => {
    const pd = fakePagerDuty({ "POST /incidents": INCIDENT });
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com/",
      token: "t",
      requesterEmail: () => Promise.resolve("maya@example.com"),
      fetch: pd.fetch,
    });
    await client.post("/incidents", { incident: {} });
    expect(pd.sent).toHaveLength(1);
    expect(pd.sent[0]).toMatchObject({
      url: "/incidents",
      headers: { from: "maya@example.com" },
    });
  });

  it("refuses a call PAGERDUTY_OPERATIONS does not list, before sending anything", async () => {
    const pd = fakePagerDuty({});
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.com",
      token: "t",
      fetch: pd.fetch,
    });
    await expect(client.get("/schedules")).rejects.toThrow(
      UnlistedPagerDutyOperationError,
    );
    await expect(client.put("/incidents", {})).rejects.toThrow(
      "PUT /incidents is not in PAGERDUTY_OPERATIONS",
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
