import { describe, expect, it } from "vitest";
import {
  pagerDutyHeaders,
  readPagerDutyError,
} from "./read-pagerduty-error.ts";

const answer = (status: number, body: unknown, headers = {}) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    statusText: "Bad Request",
    headers,
  });

describe("readPagerDutyError", () => {
  it("reads PagerDuty's code, message, details and rate-limit reset", async () => {
    const report = await readPagerDutyError(
      answer(429, {
        error: {
          message: "Rate Limit Exceeded",
          code: 2020,
          errors: ["slow down", { message: "object detail" }, 7, ""],
        },
      }, { "ratelimit-reset": "12" }),
    );
    expect(report).toEqual({
      code: 2020,
      message: "Rate Limit Exceeded",
      errors: ["slow down", "object detail"],
      resetSeconds: 12,
      requiredScopes: [],
    });
  });

  it("reads the scope a Scoped OAuth token lacks from PagerDuty's missing-scope body", async () => {
    const report = await readPagerDutyError(
      answer(403, {
        message: "Token missing required scopes",
        required_scopes: "teams.read",
      }),
    );
    expect(report).toMatchObject({
      code: null,
      message: "Token missing required scopes",
      requiredScopes: ["teams.read"],
    });
    expect(
      (await readPagerDutyError(
        answer(403, { required_scopes: "a.read b:c.write, <x>" }),
      )).requiredScopes,
    ).toEqual(["a.read", "b:c.write"]);
  });

  it("accepts a numeric string code and falls back to the status text", async () => {
    expect(await readPagerDutyError(answer(400, { error: { code: "2001" } })))
      .toMatchObject({ code: 2001, message: "Bad Request", errors: [] });
    expect(await readPagerDutyError(answer(502, "<html>bad gateway</html>")))
      .toMatchObject({
        code: null,
        message: "Bad Request",
        resetSeconds: null,
      });
  });

  it("redacts credentials PagerDuty echoes back", async () => {
    const report = await readPagerDutyError(
      answer(401, {
        error: {
          message: "Invalid header Token token=u+abcDEF123456789xyz",
          code: 2006,
          errors: ["Bearer pdus+secret_oauth_token was rejected"],
        },
      }),
    );
    expect(JSON.stringify(report)).not.toMatch(/abcDEF|secret_oauth/);
    expect(report.message).toContain("[redacted]");
  });
});

describe("pagerDutyHeaders", () => {
  it("asks for REST v2 and declares JSON only when there is a body", () => {
    expect(pagerDutyHeaders("Bearer t", false)).toEqual({
      Authorization: "Bearer t",
      Accept: "application/vnd.pagerduty+json;version=2",
    });
    expect(pagerDutyHeaders("Token token=k", true)).toMatchObject({
      "Content-Type": "application/json",
    });
  });
});
