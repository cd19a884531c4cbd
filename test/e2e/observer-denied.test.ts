// Scenario 4: an observer presses Resolve on an incident not assigned to them: PagerDuty refuses, and the
// person reads why in plain words.
import { describe, expect, it } from "vitest";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { submitView } from "../slack-app/submit-view.ts";

let s: Stack;
useStack((started) => (s = started));

describe("an observer presses Resolve", () => {
  it("is told PagerDuty's denial in plain words; the incident stays open", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Refunds stuck",
    });
    const observer = s.demo.users.observer;
    expect(s.pd.incident(incident.id)?.assignments.map((a) => a.userId))
      .not.toContain(observer.id);
    s.link("observer");
    await s.waitForCard(s.channels.responders, incident.id);

    const run = await s.pressButton({
      user: "observer",
      incidentId: incident.id,
      action: "resolve",
      channelId: s.channels.responders,
    });
    const { run: done } = await submitView(run, {
      values: {
        resolution: {
          resolution_note: { type: "plain_text_input", value: "fixed?" },
        },
      },
    });

    expect(done.status).toBe("completed");
    expect(done.outputs["0"]).toEqual({ outcome: "failed" });
    // PagerDuty said no (403) to that user's own token, and nothing was written.
    const writes = s.pd.requests().filter((r) =>
      r.method !== "GET" && r.path.startsWith(`/incidents/${incident.id}`)
    );
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.map((r) => r.status)).toEqual(writes.map(() => 403));
    expect(s.pd.notes(incident.id)).toEqual([]);
    const seen = s.seenBy("observer");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(
      "PagerDuty does not let your role (Observer) resolve this incident",
    );
    expect(seen[0]).toContain(
      "Observers can only act on incidents assigned to them",
    );
    expect(seen[0]).not.toMatch(/2010|403|Forbidden|error/i);

    expect(s.pd.incident(incident.id)?.status).toBe("triggered");
    await s.waitForQuiet();
    const card = s.card(s.channels.responders, incident.id)!;
    expect(s.cardText(card)).toContain("Triggered");
    expect(workflowButtons(card).map((b) => b.text.text)).toContain("Resolve");
  });
});
