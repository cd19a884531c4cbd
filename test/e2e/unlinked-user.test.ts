// Scenario 3: someone who never linked PagerDuty presses Acknowledge: a link prompt, and PagerDuty is untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Stack,
  startStack,
  TRIGGER_URLS,
  workflowButtons,
} from "./start-stack.ts";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.close();
});

describe("an unlinked user presses Acknowledge", () => {
  it("gets a link prompt; nothing changes in PagerDuty or on the card", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Card payments declined",
    });
    await s.waitForCard(s.channels.responders, incident.id);
    await s.waitForQuiet();
    const before = s.card(s.channels.responders, incident.id)!;
    s.pd.clearRequests();

    const run = await s.pressButton({
      user: "newcomer",
      incidentId: incident.id,
      action: "acknowledge",
      channelId: s.channels.responders,
    });

    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    const seen = s.seenBy("newcomer");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("not linked to PagerDuty");
    expect(seen[0]).toContain(TRIGGER_URLS.link);
    // In the card's thread, only for them.
    const prompt = s.slack.ephemeralMessages({ userId: s.users.newcomer })[0];
    expect(prompt?.channel).toBe(s.channels.responders);
    expect(prompt?.threadTs).toBe(before.ts);

    expect(s.pd.incident(incident.id)?.status).toBe("triggered");
    expect(
      s.pd.requests().filter((r) => r.method !== "GET"),
    ).toEqual([]);
    await s.waitForQuiet();
    const after = s.card(s.channels.responders, incident.id);
    expect(after?.edits).toEqual(before.edits);
    expect(workflowButtons(after!).map((b) => b.text.text)).toContain(
      "Acknowledge",
    );
  });
});
