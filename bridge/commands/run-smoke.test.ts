// The smoke cleans up whatever happens: a step that throws still has every message it posted deleted, and
// the table says where it stopped.
import { describe, expect, it } from "vitest";
import type { SlackClient } from "../slack/slack-client.ts";
import { SlackApiError } from "../slack/slack-errors.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import { runSmoke } from "./run-smoke.ts";
import { formatSmokeTable } from "./smoke-step.ts";

function fakeSlack(): SlackClient & { calls: string[] } {
  const calls: string[] = [];
  let ts = 0;
  return {
    calls,
    call<T>(method: string) {
      calls.push(method);
      if (method === "conversations.history") {
        // A network stack that throws instead of answering: the smoke must not leave its card behind.
        return Promise.reject(new Error("socket hang up"));
      }
      if (method === "chat.delete") {
        return Promise.resolve({
          ok: false,
          error: new SlackApiError({
            method,
            error: "cant_delete_message",
            outcome: "permanent",
          }),
        });
      }
      return Promise.resolve({
        ok: true,
        data: {
          ts: `1.${++ts}`,
          user: "pagerslack",
          team: "Acme",
          response_metadata: { scopes: [...SLACK_SCOPES_USED] },
        } as T,
      });
    },
  };
}

describe("runSmoke", () => {
  it("runs every cleanup after a step throws, and names what is left to delete by hand", async () => {
    const slack = fakeSlack();
    const steps = await runSmoke({
      slack,
      pagerDuty: {
        get: () => Promise.reject(new Error("unused")),
        post: () => Promise.reject(new Error("unused")),
        delete: () => Promise.reject(new Error("unused")),
      },
      rest: () => Promise.reject(new Error("unused")),
      bridge: () => Promise.reject(new Error("unused")),
      appBridge: null,
      channel: "C1",
      service: "P1",
      triggerUrl: "https://slack.com/shortcuts/Ft01/abc",
      webhookUrl: null,
      waitMs: 10,
      runId: "r1",
    });
    const table = formatSmokeTable(steps).split("\n");
    expect(table[0]).toBe(
      "✗ slack: steps               stopped by an unexpected error: socket hang up. Fix: report this line to the project",
    );
    // The reply, then the card: both deletions tried, each refusal a row saying what to do.
    expect(slack.calls.filter((m) => m === "chat.delete")).toHaveLength(2);
    expect(table.slice(-2)).toEqual([
      "✗ slack: test reply deleted  chat.delete: cant_delete_message: delete message 1.4 in C1 by hand",
      "✗ slack: test card deleted   chat.delete: cant_delete_message: delete message 1.2 in C1 by hand",
    ]);
  });
});
