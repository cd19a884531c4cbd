// Scenario 6: the trigger form, opened from a connected channel, defaults to that channel's service; the
// incident is created in PagerDuty as the person, and its card follows.
import { describe, expect, it } from "vitest";
import { type Stack, workflowButtons } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { submitView } from "../slack-app/submit-view.ts";

let s: Stack;
useStack((started) => (s = started));

interface FormBlock {
  block_id: string;
  element: { initial_option?: { value: string } };
}

describe("trigger incident form from a connected channel", () => {
  it("creates the incident on the channel's service and posts its card", async () => {
    s.link("manager");
    const run = await s.startWorkflow(s.app.triggers.triggerIncident, {
      user: "manager",
      channelId: s.channels.responders,
    });
    expect(run.status).toBe("waiting");
    const view = run.openViews().at(-1)?.view;
    const blocks = view?.blocks as FormBlock[];
    const preselected = blocks.find((b) => b.block_id === "service")?.element
      .initial_option
      ?.value;
    expect(preselected).toBe(s.demo.services.checkout);

    // The person leaves the preselected service as it is: Slack submits the initial option.
    const select = (value: string | undefined) => ({
      type: "static_select",
      selected_option: value ? { value } : null,
    });
    const { run: done } = await submitView(run, {
      values: {
        title: {
          title: { type: "plain_text_input", value: "Checkout page blank" },
        },
        service: { service: select(preselected) },
        urgency: { urgency: select("high") },
        priority: { priority: select(s.demo.priorities.P2) },
        description: {
          description: {
            type: "plain_text_input",
            value: "Customers see a white page after login",
          },
        },
        assign_to_me: {
          assign_to_me: { type: "checkboxes", selected_options: [] },
        },
      },
    });
    expect(done.status).toBe("completed");

    const created = s.pd.incidents().find((i) =>
      i.title === "Checkout page blank"
    );
    expect(created).toBeDefined();
    expect(created?.serviceId).toBe(s.demo.services.checkout);
    expect(created?.priorityId).toBe(s.demo.priorities.P2);
    const post = s.pd.requests().find((r) =>
      r.method === "POST" && r.path === "/incidents"
    );
    expect(post?.status).toBe(201);
    expect(post?.headers.authorization).toMatch(/^Bearer /);
    // Created as the person: PagerDuty names them as the agent of the trigger.
    const triggered = s.pd.webhooks.deliveries().find((d) =>
      d.incidentId === created!.id && d.eventType === "incident.triggered"
    );
    expect(
      (JSON.parse(triggered!.body) as { event: { agent: { id: string } } })
        .event.agent.id,
    ).toBe(s.demo.users.manager.id);

    const card = await s.waitForCard(s.channels.responders, created!.id);
    const text = s.cardText(card);
    expect(text).toContain(`#${created!.number} Checkout page blank`);
    expect(text).toContain("Priority: P2");
    expect(workflowButtons(card).map((b) => b.text.text)).toContain(
      "Acknowledge",
    );
    await s.waitForCard(s.channels.stakeholders, created!.id);
    expect(s.seenBy("manager").join("\n")).toContain(`#${created!.number}`);
  });
});
