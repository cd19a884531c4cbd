// Issue 19 (items 2 and 4): what PagerDuty's newer card shows, kept current from the V3 events the simulator
// emits when the change happens (REST where PagerDuty has a call, else the simulator's control API, as
// PagerDuty's web UI would), each change in the card's thread too; then the compact resolved card.
import { describe, expect, it } from "vitest";
import { createTestClient } from "../simulators/pagerduty/create-test-client.ts";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => (s = started));

describe("the card shows the incident's response as it grows", () => {
  it("type, bridge, custom fields, roles and tasks, then a compact card once resolved", async () => {
    const maya = s.demo.users.manager;
    const rui = s.demo.users.responder;
    const rest = createTestClient(s.pd.url, {
      apiKey: s.demo.apiKey,
      from: maya.email,
    });
    s.pd.seed.incidentType({ name: "security_incident" });
    s.pd.seed.customField({ namespace: "incidents", name: "environment" });
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Card skimming suspected",
      urgency: "low",
    });
    const first = await s.waitForCard(s.channels.responders, incident.id);
    // Low urgency: blue, not red, and said in words.
    expect(s.cardText(first)).toContain("Urgency: ");
    expect(s.cardText(first)).toContain("Low");
    expect(JSON.stringify(first.blocks)).toContain(":large_blue_circle:");
    expect(JSON.stringify(first.blocks)).not.toContain(":red_circle:");

    const put = await rest.call("PUT", `/incidents/${incident.id}`, {
      incident: {
        type: "incident_reference",
        incident_type: { name: "security_incident" },
        conference_bridge: {
          conference_number: "+1-555-555-0100,,4711#",
          conference_url: "https://meet.example.com/skimming",
        },
      },
    });
    expect(put.status).toBe(200);
    const fields = await rest.call(
      "PUT",
      `/incidents/${incident.id}/custom_fields/values`,
      { custom_fields: [{ name: "environment", value: "production" }] },
    );
    expect(fields.status).toBe(201);
    s.pd.assignIncidentRole(
      incident.id,
      { role: "Incident Commander", userId: rui.id },
      maya.id,
    );
    const task = s.pd.createIncidentTask(
      incident.id,
      { name: "Rotate the card processor keys", assigneeIds: [rui.id] },
      maya.id,
    );
    s.pd.createIncidentTask(
      incident.id,
      { name: "Tell the payments team" },
      maya.id,
    );
    s.pd.updateIncidentTask(task.id, { status: "done" }, rui.id);

    const card = await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, text) => text.includes("Tasks 1 of 2 done"),
    );
    await s.waitForQuiet();
    const text = s.cardText(s.card(s.channels.responders, incident.id)!);
    expect(text).toContain("Incident type: security_incident");
    // No webhook says it: the bridge read it off PagerDuty's on-call list with its API key.
    expect(text).toContain(
      "Escalation policy: Checkout escalation\nLevel 1 of 2 · next: Maya Manager",
    );
    expect(text).toContain(
      "Conference bridge: Join the call · Dial-in: +1-555-555-0100,,4711#",
    );
    expect(JSON.stringify(card.blocks)).toContain(
      "<https://meet.example.com/skimming|Join the call>",
    );
    expect(text).toContain("environment: production");
    const ruiSlack = s.users.responder;
    expect(text).toContain(`Incident Commander: @${ruiSlack}`);
    expect(text).toContain("Tasks 1 of 2 done · open: Tell the payments team");
    expect(text).not.toContain("Rotate the card processor keys");
    expect(workflowButtons(card).map((b) => b.text.text)).toEqual([
      "Acknowledge",
      "Resolve",
      "More actions…",
    ]);

    // The responders' connection asks for every update in the thread: one line per change.
    const thread = s.card(s.channels.responders, incident.id)!.replies.map((
      r,
    ) => r.text).join("\n");
    for (
      const line of [
        `Incident type* set to *security_incident* by ${maya.name}`,
        `Conference bridge* set by ${maya.name}`,
        `Custom fields* updated by ${maya.name}: environment: production`,
        `*Incident Commander* assigned to <@${ruiSlack}> by ${maya.name}`,
        `Task* added by ${maya.name}: Rotate the card processor keys`,
        `Task* completed by ${rui.name}: Rotate the card processor keys`,
      ]
    ) {
      expect(thread).toContain(line);
    }

    s.pd.updateIncident(incident.id, { status: "resolved" }, rui.id);
    const resolved = await s.waitForCard(
      s.channels.responders,
      incident.id,
      (_, t) => t.includes(`Resolved by ${rui.name}`),
    );
    const shown = s.cardText(resolved);
    expect(shown).toMatch(/lasted (under a minute|\d+ min)/);
    // Compact: no bridge, roles, fields, tasks or buttons any more.
    expect(shown).not.toContain("Conference bridge");
    expect(shown).not.toContain("Tasks");
    expect(workflowButtons(resolved)).toEqual([]);
  });
});
