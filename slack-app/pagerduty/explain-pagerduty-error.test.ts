import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import { explainPagerDutyError } from "./explain-pagerduty-error.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";

const error = (
  status: number,
  code: number | undefined,
  extra: { retryAfterSeconds?: number; errors?: string[] } = {},
) =>
  new PagerDutyApiError(status, code, "PagerDuty's message", {
    method: "PUT",
    path: "/incidents/P1",
    ...extra,
  });

const context = {
  attempted: "acknowledge this incident",
  linkTriggerUrl: "https://slack.com/shortcuts/Ft0/link",
};

describe("explainPagerDutyError (without lookups)", () => {
  const cases: [PagerDutyApiError, string][] = [
    [
      error(401, 2006),
      "not linked to PagerDuty yet. <https://slack.com/shortcuts/Ft0/link|",
    ],
    [
      error(403, 2010),
      "PagerDuty does not let your role acknowledge this incident.",
    ],
    [
      error(400, 1001),
      "This incident is already resolved. Nothing was changed.",
    ],
    [
      error(400, 1002),
      "This incident is already acknowledged. Nothing was changed.",
    ],
    [error(404, 2100), "PagerDuty has no such incident, or you cannot see it"],
    [error(404, undefined), "PagerDuty has no such incident"],
    [error(429, 2020, { retryAfterSeconds: 30 }), "Try again in 30 s."],
    [error(429, undefined), "Try again in a minute."],
    [
      error(402, undefined),
      "your PagerDuty plan does not include this feature",
    ],
    [error(503, undefined), "PagerDuty had an internal error (503)"],
    [error(0, undefined), "PagerDuty did not answer"],
    [
      error(400, 2001, { errors: ["Title is too long"] }),
      "Could not acknowledge this incident: PagerDuty's message (Title is too long).",
    ],
  ];
  for (const [e, expected] of cases) {
    it(`${e.message} → ${expected}`, async () => {
      expect(await explainPagerDutyError(e, context)).toContain(expected);
    });
  }

  it("prefers PagerDuty's code to the HTTP status (2010 in a 400 is still a denial)", async () => {
    expect(await explainPagerDutyError(error(400, 2010), context)).toContain(
      "does not let your role",
    );
  });
});

describe("explainPagerDutyError: a missing OAuth scope is not a role", () => {
  it("asks for the PagerDuty admin to add the scope to the app, then to link again", async () => {
    const missing = new PagerDutyApiError(
      403,
      undefined,
      "Token missing required scopes",
      { method: "GET", path: "/teams", requiredScopes: ["teams.read"] },
    );
    const text = await explainPagerDutyError(missing, context);
    expect(text).toContain(
      "Could not acknowledge this incident: the pagerslack PagerDuty app lacks the `teams.read` scope.",
    );
    expect(text).toContain("ask your PagerDuty admin to add it");
    expect(text).toContain(
      "<https://slack.com/shortcuts/Ft0/link|link your PagerDuty account again>",
    );
    expect(text).not.toContain("role (");
  });

  it("keeps the role explanation for a 403 that names no scope", async () => {
    const text = await explainPagerDutyError(error(403, 2010), context);
    expect(text).toContain("does not let your role");
    expect(text).not.toContain("scope");
  });
});
