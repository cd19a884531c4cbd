// Scenario 3: someone who never linked PagerDuty presses Acknowledge. The incident-actions step takes the
// PagerDuty token with `credential_source: "END_USER"`, so Slack itself asks them to connect PagerDuty first
// (the link prompt) and runs nothing meanwhile: PagerDuty and the card are untouched.
import { describe, expect, it } from "vitest";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => (s = started));

describe("an unlinked user presses Acknowledge", () => {
  it("gets Slack's prompt to connect PagerDuty; nothing changes in PagerDuty or on the card", async () => {
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

    expect(run.status).toBe("waiting");
    expect(run.pendingAuthorization).toEqual({
      providerKey: s.app.pagerDutyProvider.key,
      userId: s.users.newcomer,
    });
    // Nothing ran: no step, no call to PagerDuty, no message.
    expect(run.steps.filter((step) => step.status !== "running")).toEqual([]);
    expect(s.pd.requests()).toEqual([]);
    expect(s.seenBy("newcomer")).toEqual([]);

    expect(s.pd.incident(incident.id)?.status).toBe("triggered");
    await s.waitForQuiet();
    const after = s.card(s.channels.responders, incident.id)!;
    expect(after.edits).toEqual(before.edits);
    expect(workflowButtons(after).map((b) => b.text.text)).toContain(
      "Acknowledge",
    );
  });

  it("a token PagerDuty no longer accepts gets the app's own link prompt, not an error", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Stale link",
    });
    await s.waitForCard(s.channels.responders, incident.id);
    // Linked once, but the PagerDuty token has since been revoked (user removed, app uninstalled...).
    s.slack.seedExternalToken({
      external_token_id: "Et0REVOKED",
      user_id: s.users.newcomer,
      provider_key: s.app.pagerDutyProvider.key,
      token: "revoked-pagerduty-token",
      appId: "A0PAGERSLACK",
    });

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
    expect(seen[0]).toContain(s.appEnv.LINK_TRIGGER_URL);
    expect(seen[0]).not.toMatch(/401|2006|error/i);
    expect(s.pd.incident(incident.id)?.status).toBe("triggered");
  });
});
