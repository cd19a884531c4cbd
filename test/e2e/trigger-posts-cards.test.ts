// Scenario 1: an incident triggered in PagerDuty appears in every connected channel (responder and
// stakeholder) and nowhere else.
import { describe, expect, it } from "vitest";
import { runBridgeCommand } from "./run-bridge-command.ts";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => (s = started));

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
    expect(text).toMatch(/Urgency: .*High/);
    expect(workflowButtons(responders).map((b) => b.text.text)).toEqual([
      "Acknowledge",
      "Resolve",
      "More actions…",
    ]);

    expect(s.cardText(stakeholders)).toContain(
      `#${incident.number} Checkout returns 502`,
    );
    expect(workflowButtons(stakeholders)).toEqual([]);

    // Nowhere else: no other channel or DM (the bot is in #random too), and not the other service's incident.
    const elsewhere = [...s.slack.workspace.channels.keys()].filter((id) =>
      id !== s.channels.responders && id !== s.channels.stakeholders
    );
    expect(elsewhere).toContain(s.channels.unconnected);
    for (const id of elsewhere) expect(s.slack.transcript(id)).toEqual([]);
    for (const channel of [s.channels.responders, s.channels.stakeholders]) {
      expect(s.cards(channel)).toHaveLength(1);
      expect(s.card(channel, other.id)).toBeUndefined();
    }
  });

  it("the operator commands agree: `setup` finds the subscription, `doctor` finds nothing to fix", async () => {
    const url = `${s.bridge.url}/webhooks/pagerduty`;
    const subscription = s.pd.webhooks.subscription(s.subscriptionId);
    expect(subscription?.url).toBe(url);
    expect(subscription?.filter.type).toBe("account_reference");
    expect(subscription?.secrets).toEqual([s.webhookSecret]);

    const setup = await runBridgeCommand(
      ["setup", "--url", url, "--secret-file", "/dev/null"],
      s.bridgeEnv,
    );
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(
      `subscription ${s.subscriptionId} already delivers to ${url}`,
    );
    expect(s.pd.state.webhookSubscriptions.size).toBe(1);

    const doctor = await runBridgeCommand(
      ["doctor", "--url", url],
      s.bridgeEnv,
    );
    expect(doctor.stdout + doctor.stderr).not.toContain("FAIL");
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
  });
});
