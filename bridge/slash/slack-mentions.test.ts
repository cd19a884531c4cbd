import { describe, expect, it } from "vitest";
import { SlackApiError } from "../slack/slack-errors.ts";
import type { SlackClient, SlackResult } from "../slack/slack-client.ts";
import { createSlackMentions } from "./slack-mentions.ts";

/** A Slack that answers users.lookupByEmail from a table, or with `failWith` while it is set. */
function fakeSlack(users: Record<string, string>) {
  const asked: string[] = [];
  let failWith: string | null = null;
  const slack: SlackClient = {
    call<T>(method: string, args: Record<string, unknown>) {
      expect(method).toBe("users.lookupByEmail");
      const email = String(args.email);
      asked.push(email);
      const id = users[email.toLowerCase()];
      const error = failWith ?? (id ? null : "users_not_found");
      return Promise.resolve(
        (error
          ? {
            ok: false,
            error: new SlackApiError({
              method,
              error,
              outcome: error === "ratelimited" ? "rate_limited" : "permanent",
            }),
          }
          : { ok: true, data: { user: { id } } }) as SlackResult<T>,
      );
    },
  };
  return {
    slack,
    asked,
    fail(error: string | null) {
      failWith = error;
    },
  };
}

describe("createSlackMentions", () => {
  it("asks Slack once per person while the answer is fresh, then again", async () => {
    let clock = 0;
    const fake = fakeSlack({ "rui@example.com": "U1" });
    const mentions = createSlackMentions({
      slack: fake.slack,
      ttlMs: 1000,
      now: () => clock,
    });
    const [a, b] = await Promise.all([
      mentions.slackIdOf("rui@example.com"),
      mentions.slackIdOf("Rui@Example.com"),
    ]);
    expect([a, b]).toEqual(["U1", "U1"]);
    expect(await mentions.slackIdOf("rui@example.com")).toBe("U1");
    expect(fake.asked).toEqual(["rui@example.com"]);
    clock = 1001;
    expect(await mentions.slackIdOf("rui@example.com")).toBe("U1");
    expect(fake.asked).toHaveLength(2);
  });

  it("remembers that nobody has the email, but not a rate limit", async () => {
    const fake = fakeSlack({ "maya@example.com": "U2" });
    const mentions = createSlackMentions({ slack: fake.slack });
    expect(await mentions.slackIdOf("nobody@example.com")).toBe(null);
    expect(await mentions.slackIdOf("nobody@example.com")).toBe(null);
    expect(fake.asked).toEqual(["nobody@example.com"]);

    fake.fail("ratelimited");
    expect(await mentions.slackIdOf("maya@example.com")).toBe(null);
    fake.fail(null);
    expect(await mentions.slackIdOf("maya@example.com")).toBe("U2");
    expect(fake.asked.filter((e) => e === "maya@example.com")).toHaveLength(2);
  });
});
