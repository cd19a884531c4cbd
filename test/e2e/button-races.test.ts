// Scenario 5: buttons pressed in a race. Two people acknowledge at once; someone acknowledges an incident that
// PagerDuty auto-resolved a moment before (their Slack still shows the old card). No error storm, no reopen,
// everyone is told what happened.
import { describe, expect, it } from "vitest";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => {
  s = started;
  s.link("responder");
  s.link("responder2");
});

/** Bridge log lines at pino's error level or worse. */
const bridgeErrors = () =>
  s.bridge.logs.filter((line) => /"level":(50|60)/.test(line));

describe("racing buttons", () => {
  it("two people acknowledge at once: one acknowledgement, both told", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Checkout double charges",
    });
    await s.waitForCard(s.channels.responders, incident.id);
    const press = (user: "responder" | "responder2") =>
      s.pressButton({
        user,
        incidentId: incident.id,
        action: "acknowledge",
        channelId: s.channels.responders,
      });

    const runs = await Promise.all([press("responder"), press("responder2")]);

    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    const outcomes = runs.map((r) => r.outputs["0"]?.outcome).sort();
    expect(outcomes).toEqual(["already", "done"]);
    const winner = runs[0]?.outputs["0"]?.outcome === "done"
      ? s.demo.users.responder
      : s.demo.users.responder2;

    const pd = s.pd.incident(incident.id);
    expect(pd?.status).toBe("acknowledged");
    expect(pd?.acknowledgements.map((a) => a.userId)).toEqual([winner.id]);

    // Each person got exactly one message, saying what happened.
    const said = [s.seenBy("responder"), s.seenBy("responder2")];
    expect(said.map((m) => m.length)).toEqual([1, 1]);
    const all = said.flat().join("\n");
    expect(all).toContain("You acknowledged");
    expect(all).toContain(
      `Incident #${incident.number} is already acknowledged by ${winner.name}. Nothing was changed.`,
    );

    await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes(`Acknowledged by ${winner.name}`),
    );
    await s.waitForQuiet();
    expect(s.cards(s.channels.responders)).toHaveLength(1);
    expect(bridgeErrors()).toEqual([]);
  });

  it("acknowledging an incident auto-resolved a moment before says so and does not reopen it", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Inventory sync lagging",
    });
    await s.waitForCard(s.channels.responders, incident.id);
    await s.waitForQuiet();
    const seenCard = s.card(s.channels.responders, incident.id)!;
    const seenBefore = s.seenBy("responder").length;

    // The monitoring tool resolves it (automation: no user), just before the click.
    s.pd.updateIncident(incident.id, { status: "resolved" }, null);
    const run = await s.pressButton({
      user: "responder",
      incidentId: incident.id,
      action: "acknowledge",
      channelId: s.channels.responders,
      seenCard,
    });

    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "already" });
    const said = s.seenBy("responder").slice(seenBefore);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(
      `Incident #${incident.number} is already resolved`,
    );
    expect(said[0]).toContain("Nothing was changed");

    expect(s.pd.incident(incident.id)?.status).toBe("resolved");
    await s.waitForQuiet();
    const types = s.pd.webhooks.deliveries()
      .filter((d) => d.incidentId === incident.id)
      .map((d) => d.eventType);
    expect(types).not.toContain("incident.reopened");
    expect(types).not.toContain("incident.acknowledged");

    const card = await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes("Resolved"),
    );
    expect(workflowButtons(card)).toEqual([]);
    expect(bridgeErrors()).toEqual([]);
  });
});
