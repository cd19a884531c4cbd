import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import {
  isMissingScope,
  PagerDutyApiError,
  pagerDutyApiErrorFromResponse,
} from "./pagerduty-api-error.ts";

describe("pagerDutyApiErrorFromResponse", () => {
  it("keeps PagerDuty's code and details but never a credential it echoes", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          message: "Authentication failed for Bearer pdus+oauthSECRET123abc",
          code: 2006,
          errors: ["token=pdus+oauthSECRET123abc is expired"],
        },
      }),
      { status: 401, headers: { "ratelimit-reset": "3" } },
    );
    const error = await pagerDutyApiErrorFromResponse(
      response,
      "GET",
      "/users/me",
    );
    expect(error.status).toBe(401);
    expect(error.code).toBe(2006);
    expect(error.context.retryAfterSeconds).toBe(3);
    expect(error.context.errors).toHaveLength(1);
    expect(JSON.stringify([error.message, error.context])).not.toContain(
      "oauthSECRET",
    );
  });
});

describe("isMissingScope", () => {
  const at = { method: "GET", path: "/teams" };
  it("is a 403 that names the scopes the token lacks, not one about the role or another status", () => {
    expect(
      isMissingScope(
        new PagerDutyApiError(403, 2010, "Forbidden", {
          ...at,
          requiredScopes: ["teams.read"],
        }),
      ),
    ).toBe(true);
    expect(
      isMissingScope(new PagerDutyApiError(403, 2010, "Forbidden", at)),
    ).toBe(false);
    expect(
      isMissingScope(
        new PagerDutyApiError(403, 2010, "Forbidden", {
          ...at,
          requiredScopes: [],
        }),
      ),
    ).toBe(false);
    expect(
      isMissingScope(
        new PagerDutyApiError(401, undefined, "Unauthorized", {
          ...at,
          requiredScopes: ["teams.read"],
        }),
      ),
    ).toBe(false);
  });
});
