import { describe, expect, it } from "vitest";
import { asUserLink, USER_LINKS_DATASTORE } from "./user-link.ts";

describe("asUserLink", () => {
  const link = {
    slack_user_id: "U012ABCDEF",
    pagerduty_user_id: "PALICE1",
    pagerduty_email: "alice@example.com",
    linked_at: 1787220000,
  };

  it("accepts a complete item", () => {
    expect(asUserLink(link)).toEqual(link);
    expect(USER_LINKS_DATASTORE).toBe("user_links");
  });

  it("answers null for the empty item apps.datastore.get returns for a missing id", () => {
    expect(asUserLink({})).toBeNull();
    expect(asUserLink(undefined)).toBeNull();
  });

  it("answers null when a field is missing or of the wrong type", () => {
    expect(asUserLink({ ...link, pagerduty_user_id: "" })).toBeNull();
    expect(asUserLink({ ...link, linked_at: "2026-08-20" })).toBeNull();
  });
});
