// Scenario 2: a linked responder acknowledges, then resolves with a note, from the card's buttons.
import { describe, expect, it } from "vitest";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { submitView } from "../slack-app/submit-view.ts";

let s: Stack;
useStack((started) => (s = started));

describe("a linked responder acknowledges and resolves from Slack", () => {
  it("changes PagerDuty as that user, and the card follows", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Payments time out",
    });
    const rui = s.demo.users.responder;
    s.link("responder");
    await s.waitForCard(s.channels.responders, incident.id);

    const ack = await s.pressButton({
      user: "responder",
      incidentId: incident.id,
      action: "acknowledge",
      channelId: s.channels.responders,
    });
    expect(ack.status).toBe("completed");
    expect(ack.outputs["0"]).toEqual({ outcome: "done" });
    const acknowledged = s.pd.incident(incident.id);
    expect(acknowledged?.status).toBe("acknowledged");
    expect(acknowledged?.acknowledgements.map((a) => a.userId)).toEqual([
      rui.id,
    ]);
    expect(s.seenBy("responder").at(-1)).toContain(
      `You acknowledged <${incidentUrl(incident.id)}|#${incident.number}`,
    );
    const ackCard = await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes(`Acknowledged by ${rui.name}`),
    );
    expect(workflowButtons(ackCard).map((b) => b.text.text)).toEqual([
      "Resolve",
      "More actions…",
    ]);

    const resolve = await s.pressButton({
      user: "responder",
      incidentId: incident.id,
      action: "resolve",
      channelId: s.channels.responders,
    });
    expect(resolve.status).toBe("waiting");
    expect(resolve.openViews().at(-1)?.view.callback_id).toBe(
      "resolve_incident",
    );
    const { run: resolved } = await submitView(resolve, {
      values: {
        resolution: {
          resolution_note: {
            type: "plain_text_input",
            value: "Rolled back deploy 4711",
          },
        },
      },
    });
    expect(resolved.status).toBe("completed");
    expect(resolved.outputs["0"]).toEqual({ outcome: "done" });

    const final = s.pd.incident(incident.id);
    expect(final?.status).toBe("resolved");
    expect(final?.lastStatusChangeById).toBe(rui.id);
    expect(s.pd.notes(incident.id).map((n) => n.content)).toContain(
      "Rolled back deploy 4711",
    );

    const card = await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes(`Resolved by ${rui.name}`),
    );
    const text = s.cardText(card);
    // The compact resolved card: who resolved it and how long it lasted.
    expect(text).toContain(`Resolved by ${rui.name}`);
    expect(text).toMatch(/lasted (under a minute|\d+ min)/);
    expect(workflowButtons(card)).toEqual([]);

    // The note is in the card's thread, quietly (no broadcast to the channel).
    await s.waitForQuiet();
    const thread = s.card(s.channels.responders, incident.id)?.replies ?? [];
    expect(thread.map((r) => r.text).join("\n")).toContain(
      "Rolled back deploy 4711",
    );
    expect(thread.every((r) => !r.replyBroadcast)).toBe(true);

    // Stakeholders see the outcome too, without buttons.
    const stakeholderCard = await s.waitForCard(
      s.channels.stakeholders,
      incident.id,
      (_, t) => t.includes(`Resolved by ${rui.name}`),
    );
    expect(workflowButtons(stakeholderCard)).toEqual([]);
    await s.waitForQuiet();
    expect(s.cards(s.channels.responders)).toHaveLength(1);
  });
});

function incidentUrl(id: string): string {
  return `https://pagerslack-sim.pagerduty.com/incidents/${id}`;
}
