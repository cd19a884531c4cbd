// Scenario 1: an incident triggered in PagerDuty appears in every connected channel (responder and
// stakeholder) and nowhere else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack, workflowButtons } from "./start-stack.ts";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s?.close();
});

describe("trigger in PagerDuty → cards in connected channels", () => {
  it("posts one card per connected channel: buttons for responders, none for stakeholders", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Checkout returns 502",
      urgency: "high",
    });
    const other = s.pd.triggerIncident({
      serviceId: s.demo.services.api,
      title: "Public API latency",
    });

    const responders = await s.waitForCard(s.channels.responders, incident.id);
    const stakeholders = await s.waitForCard(
      s.channels.stakeholders,
      incident.id,
    );
    await s.waitForQuiet();

    const text = s.cardText(responders);
    expect(text).toContain(`#${incident.number} Checkout returns 502`);
    expect(text).toContain("Triggered");
    expect(text).toContain("Service: Checkout");
    expect(text).toContain("Escalation policy: Checkout escalation");
    expect(text).toContain("Urgency: High");
    expect(workflowButtons(responders).map((b) => b.text.text)).toEqual([
      "Acknowledge",
      "Resolve",
      "More actions…",
    ]);

    expect(s.cardText(stakeholders)).toContain(
      `#${incident.number} Checkout returns 502`,
    );
    expect(workflowButtons(stakeholders)).toEqual([]);

    // Nowhere else: not the unconnected channel (the bot is in it), and not the other service's incident.
    expect(s.slack.transcript(s.channels.unconnected)).toEqual([]);
    for (const channel of [s.channels.responders, s.channels.stakeholders]) {
      expect(s.cards(channel)).toHaveLength(1);
      expect(s.card(channel, other.id)).toBeUndefined();
    }
  });
});
