import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import { createPagerDutyClient } from "./pagerduty-client.ts";
import { refreshOnceTokenSource } from "./pagerduty-token-source.ts";

/** PagerDuty as far as tokens go: answers 200 to `valid` tokens, 401 to the rest; records the tokens it saw. */
function fakePagerDuty(valid: Set<string>) {
  const seen: string[] = [];
  const fetch = (_url: string | URL | Request, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    const token = auth.replace(/^Bearer /, "");
    seen.push(token);
    return Promise.resolve(
      valid.has(token)
        ? Response.json({ user: { id: "PUSER1" } })
        : Response.json(
          { error: { message: "Authentication Failed", code: 2006 } },
          { status: 401 },
        ),
    );
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

/** A refresh that answers `fresh` (undefined: Slack could not refresh) and counts how often it was asked. */
function countingRefresh(fresh: string | undefined) {
  const asked = { count: 0 };
  return {
    asked,
    refresh: () => {
      asked.count += 1;
      return Promise.resolve(fresh);
    },
  };
}

describe("a PagerDuty client with a refreshable token", () => {
  it("retries a 401 once with the refreshed token, and keeps using it", async () => {
    const pd = fakePagerDuty(new Set(["fresh"]));
    const { asked, refresh } = countingRefresh("fresh");
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.test",
      token: refreshOnceTokenSource("stale", refresh),
      fetch: pd.fetch,
    });
    expect(await client.get("/users/me")).toEqual({ user: { id: "PUSER1" } });
    await client.get("/users/me");
    expect(pd.seen).toEqual(["stale", "fresh", "fresh"]);
    expect(asked.count).toBe(1);
  });

  it("gives up with the 401 after one refresh that Slack could not make", async () => {
    const pd = fakePagerDuty(new Set());
    const { asked, refresh } = countingRefresh(undefined);
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.test",
      token: refreshOnceTokenSource("stale", refresh),
      fetch: pd.fetch,
    });
    const failure = await client.get("/users/me").catch((e) => e);
    expect(failure instanceof PagerDutyApiError).toBe(true);
    expect((failure as PagerDutyApiError).status).toBe(401);
    // A later call of the same handler does not ask again.
    await client.get("/incidents/P1").catch(() => undefined);
    expect(asked.count).toBe(1);
    expect(pd.seen).toEqual(["stale", "stale"]);
  });

  it("does not loop when PagerDuty refuses the refreshed token too", async () => {
    const pd = fakePagerDuty(new Set());
    const { asked, refresh } = countingRefresh("also-dead");
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.test",
      token: refreshOnceTokenSource("stale", refresh),
      fetch: pd.fetch,
    });
    await expect(client.get("/incidents/P1")).rejects.toThrow();
    await expect(client.get("/users/me")).rejects.toThrow();
    expect(pd.seen).toEqual(["stale", "also-dead", "also-dead"]);
    expect(asked.count).toBe(1);
  });

  it("shares one refresh among requests refused at the same time", async () => {
    const pd = fakePagerDuty(new Set(["fresh"]));
    const { asked, refresh } = countingRefresh("fresh");
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.test",
      token: refreshOnceTokenSource("stale", refresh),
      fetch: pd.fetch,
    });
    await Promise.all([
      client.get("/services"),
      client.get("/escalation_policies"),
      client.get("/priorities"),
    ]);
    expect(asked.count).toBe(1);
    expect(pd.seen.filter((t) => t === "fresh")).toHaveLength(3);
  });

  it("never refreshes a plain token", async () => {
    const pd = fakePagerDuty(new Set());
    const client = createPagerDutyClient({
      baseUrl: "https://api.pagerduty.test",
      token: "plain",
      fetch: pd.fetch,
    });
    await expect(client.get("/users/me")).rejects.toThrow();
    expect(pd.seen).toEqual(["plain"]);
  });
});
