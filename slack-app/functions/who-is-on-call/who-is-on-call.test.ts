import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../../test/slack-app/modal-text.ts";
import { submitView } from "../../../test/slack-app/submit-view.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { LinkAccountWorkflow } from "../../workflows/link-account-workflow.ts";
import { WhoIsOnCallWorkflow } from "../../workflows/who-is-on-call-workflow.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

function choose(value: string) {
  return {
    values: {
      subject: {
        subject_select: elementState.select(value),
      },
    },
  };
}

describe("who is on call", () => {
  it("offers services and escalation policies, preselecting the channel's connected service", async () => {
    const put = await fetch(`${h.bridgeUrl}/api/v1/connections/oncall-test`, {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${BRIDGE_API_TOKEN}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        channel_id: h.channelId,
        source_type: "service",
        source_id: h.demo.services.checkout,
        notification_type: "responder",
        events: ["incident.triggered"],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }),
    });
    expect(put.status).toBe(200);
    h.link("manager");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    expect(run.status).toBe("waiting");
    const element = (run.openViews()[0]?.view.blocks as {
      element: {
        initial_option?: { value: string };
        option_groups: { options: { value: string }[] }[];
      };
    }[])[0]?.element;
    expect(element?.initial_option?.value).toBe(
      `service:${h.demo.services.checkout}`,
    );
    const values = element?.option_groups.flatMap((g) =>
      g.options.map((o) => o.value)
    );
    expect(values).toContain(`service:${h.demo.services.api}`);
    expect(values).toContain(
      `escalation_policy:${h.demo.escalationPolicies.platform}`,
    );
    const { run: after } = await submitView(
      run,
      choose(`service:${h.demo.services.checkout}`),
    );
    expect(after.outputs["0"]).toEqual({ answered: true });
  });

  it("lists on-call people by level with Slack mentions (linked account, else same email)", async () => {
    h.link("responder");
    await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs: { user_id: "{{data.user_id}}" },
    });
    h.link("manager");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    const { run: after } = await submitView(
      run,
      choose(`service:${h.demo.services.checkout}`),
    );
    const text = seen(after);
    expect(text).toContain("On call for *Checkout*");
    expect(text).toContain(`*Level 1:* <@${h.slackUsers.responder}>`);
    expect(text).toContain(`*Level 2:* <@${h.slackUsers.manager}>`);
    expect(text.indexOf("Level 1")).toBeLessThan(text.indexOf("Level 2"));
  });

  it("answers for an escalation policy directly", async () => {
    h.link("manager");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    const { run: after } = await submitView(
      run,
      choose(`escalation_policy:${h.demo.escalationPolicies.platform}`),
    );
    const text = seen(after);
    expect(text).toContain("escalation policy *Platform escalation*");
    expect(text).toContain(`*Level 1:* <@${h.slackUsers.responder2}>`);
    expect(text).toContain(`*Level 2:* <@${h.slackUsers.admin}>`);
  });

  it("works for a stakeholder, who may read on-call data", async () => {
    h.link("stakeholder");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.stakeholder,
      inputs,
    });
    const { run: after } = await submitView(
      run,
      choose(`service:${h.demo.services.checkout}`),
    );
    expect(after.outputs["0"]).toEqual({ answered: true });
  });

  it("answers nothing when the form is closed", async () => {
    h.link("manager");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    await run.closeView();
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ answered: false });
    expect(seen(run)).toBe("");
  });

  it("prompts to link instead of opening the form when Slack no longer has the user's token", async () => {
    h.link("limitedStakeholder");
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.limitedStakeholder,
      inputs,
    });
    // The modal opened at once; it now says why there is no form, and so does the ephemeral message.
    expect(run.status).toBe("completed");
    expect(run.openViews()).toHaveLength(1);
    expect(modalText(run)).toContain(LINK_TRIGGER_URL);
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
  });

  it("says PagerDuty is rate limiting when listing the choices fails so", async () => {
    h.link("manager");
    h.pd.faults.rateLimitNext(1, {
      resetSeconds: 5,
      match: { path: "/services" },
    });
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    h.pd.faults.clear();
    expect(modalText(run)).toContain(
      "PagerDuty is rate limiting your requests",
    );
    expect(seen(run)).toContain("PagerDuty is rate limiting your requests");
  });
});
