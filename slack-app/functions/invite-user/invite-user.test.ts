import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import type { AppHarness } from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { submitView } from "../../../test/slack-app/submit-view.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { elementState } from "../../../test/slack-app/element-state.ts";
import { InviteUserWorkflow } from "../../workflows/invite-user-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

async function invite(
  persona: DemoPersona,
  invitee: string,
  role = "limited_user",
) {
  h.link(persona);
  const run = await h.run(InviteUserWorkflow, {
    userId: h.slackUsers[persona],
    inputs: {
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      interactivity: "{{data.interactivity}}",
    },
  });
  expect(run.status).toBe("waiting");
  return await submitView(run, {
    values: {
      invitee: { invitee: { type: "users_select", selected_user: invitee } },
      role: {
        role: elementState.select(role),
      },
    },
  });
}

const pdUserByEmail = (email: string) =>
  [...h.pd.state.users.values()].find((u) => u.email === email);

describe("invite", () => {
  it("adds the Slack user to PagerDuty with the chosen role when an admin asks", async () => {
    const newcomer = h.slack.createUser({
      name: "Nina Newcomer",
      email: "nina@example.com",
    });
    const { run } = await invite("admin", newcomer.id, "observer");
    expect(run.status).toBe("completed");
    const created = pdUserByEmail("nina@example.com");
    expect(created).toMatchObject({ name: "Nina Newcomer", role: "observer" });
    expect(run.outputs["0"]).toEqual({ pagerduty_user_id: created?.id });
    expect(seen(run)).toContain(`<@${newcomer.id}> is now a PagerDuty user`);
  });

  it("reports PagerDuty's denial to a non-admin in plain words", async () => {
    const someone = h.slack.createUser({
      name: "Ivo Invitee",
      email: "ivo@example.com",
    });
    const { run } = await invite("responder", someone.id);
    expect(run.outputs["0"]).toEqual({});
    expect(seen(run)).toContain(
      "PagerDuty does not let your role (Responder) add ivo@example.com to PagerDuty",
    );
    expect(pdUserByEmail("ivo@example.com")).toBeUndefined();
  });

  it("refuses a stakeholder or an observer the same way", async () => {
    const someone = h.slack.createUser({
      name: "Uma",
      email: "uma@example.com",
    });
    for (const persona of ["stakeholder", "observer"] as const) {
      const { run } = await invite(persona, someone.id);
      expect(seen(run)).toContain("PagerDuty does not let your role");
    }
    expect(pdUserByEmail("uma@example.com")).toBeUndefined();
  });

  it("keeps the form open when the Slack user has no email to invite", async () => {
    const bot = h.slack.createUser({ name: "deploy-bot", isBot: true });
    const { response, run } = await invite("admin", bot.id);
    expect(response).toMatchObject({
      response_action: "errors",
      errors: { invitee: "Bots cannot join PagerDuty." },
    });
    expect(run.status).toBe("waiting");
  });

  it("says so when the person already has a PagerDuty account", async () => {
    const { run } = await invite("admin", h.slackUsers.responder2);
    expect(seen(run)).toMatch(
      /Could not add rosa@example\.com to PagerDuty: .+/,
    );
  });
});
