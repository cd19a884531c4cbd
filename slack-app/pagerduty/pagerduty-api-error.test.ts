import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import { pagerDutyApiErrorFromResponse } from "./pagerduty-api-error.ts";

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
