import { describe, expect, it } from "vitest";
import { apiTokenTeam, parseApiTokens } from "./api-token-teams.ts";

describe("API tokens limited to a workspace", () => {
  const tokens = parseApiTokens(["any-token", "T0ACME:acme-token"]);

  it("reads `T…:token` as a token limited to that team, a bare token as any team", () => {
    expect(tokens).toEqual([
      { token: "any-token", teamId: null },
      { token: "acme-token", teamId: "T0ACME" },
    ]);
  });

  it("names the team of the bearer token, and no team for the others", () => {
    expect(apiTokenTeam(tokens, "Bearer acme-token")).toBe("T0ACME");
    expect(apiTokenTeam(tokens, "Bearer any-token")).toBeNull();
    // The entry as written is not the token.
    expect(apiTokenTeam(tokens, "Bearer T0ACME:acme-token")).toBeNull();
    expect(apiTokenTeam(tokens, undefined)).toBeNull();
  });
});
