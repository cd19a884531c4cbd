// The hosted app's table of PagerDuty operations (slack-app/pagerduty/pagerduty-operations.ts) against PagerDuty's
// spec (the trimmed copy beside this file): each row's scope is the operation's `x-pd-requires-scope`, its
// `requiresFrom` the spec's required `From` header, and the OAuth provider requests exactly the table's scopes.
// With the client refusing unlisted calls, a call needing a scope that is not requested cannot go unnoticed.
import { describe, expect, it } from "vitest";
import { readSpecOperations } from "../simulators/pagerduty/spec-operations.ts";
import {
  findPagerDutyOperation,
  PAGERDUTY_OAUTH_SCOPES,
  PAGERDUTY_OPERATIONS,
} from "../../slack-app/pagerduty/pagerduty-operations.ts";

const spec = readSpecOperations();

describe("PAGERDUTY_OPERATIONS against the spec", () => {
  it.each(PAGERDUTY_OPERATIONS.map((op) => [`${op.method} ${op.path}`, op]))(
    "%s: exists, with the spec's scope and From requirement",
    (_, op) => {
      const found = spec.all.find((s) =>
        s.method === op.method && s.path === op.path
      );
      expect(
        found,
        "in the trimmed spec (scripts/trim-pagerduty-spec.ts KEPT_PATHS)",
      )
        .toBeDefined();
      expect({ scope: op.scope, requiresFrom: op.requiresFrom }).toEqual({
        scope: found!.scope,
        requiresFrom: found!.requiresFrom,
      });
    },
  );

  it("requests exactly the scopes the operations need, each once", () => {
    const needed = new Set(
      PAGERDUTY_OPERATIONS.flatMap((op) => (op.scope ? [op.scope] : [])),
    );
    expect([...PAGERDUTY_OAUTH_SCOPES].sort()).toEqual([...needed].sort());
    expect(new Set(PAGERDUTY_OAUTH_SCOPES).size).toBe(
      PAGERDUTY_OAUTH_SCOPES.length,
    );
    // Connect's team choices: once missing, and the 403 was swallowed.
    expect(PAGERDUTY_OAUTH_SCOPES).toContain("teams.read");
    // Invite needs users.write; on-call user groups list schedules (read only); nothing touches webhooks.
    expect(PAGERDUTY_OAUTH_SCOPES).toContain("users.write");
    expect(PAGERDUTY_OAUTH_SCOPES).toContain("schedules.read");
    expect(PAGERDUTY_OAUTH_SCOPES).not.toContain("schedules.write");
    expect(PAGERDUTY_OAUTH_SCOPES.some((s) => s.startsWith("webhook")))
      .toBe(false);
  });

  it("finds the row of a concrete request, literal paths before templates", () => {
    expect(findPagerDutyOperation("GET", "/users/me")?.scope).toBeNull();
    expect(findPagerDutyOperation("GET", "/users/PUSER01")?.scope).toBe(
      "users.read",
    );
    expect(findPagerDutyOperation("put", "/incidents/PINC001")).toMatchObject({
      scope: "incidents.write",
      requiresFrom: true,
    });
    expect(findPagerDutyOperation("GET", "/incidents/P1/notes"))
      .toBeUndefined();
    expect(findPagerDutyOperation("DELETE", "/incidents/P1")).toBeUndefined();
  });
});
