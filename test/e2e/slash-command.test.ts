// `/pd` end to end: the Slack simulator sends the signed slash command to the real bridge process, the
// person clicks the answer's workflow_button, and the hosted workflow runs in the simulator's runner against
// PagerDuty, as that person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowTriggerList } from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { EphemeralMessage } from "../simulators/slack/slack-workspace.ts";
import {
  type SlashCommands,
  startSlashCommands,
} from "../simulators/slack/slash-commands.ts";
import { type LinkTriggerDefinition, workflowOf } from "./load-hosted-app.ts";
import {
  BRIDGE_SLACK_APP_ID,
  HOSTED_SLACK_APP_ID,
  SLACK_SIGNING_SECRET,
  type Stack,
  type StackUser,
  workflowButtons,
} from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => (s = started));
let commands: SlashCommands;
const triggerUrls = new Map<string, LinkTriggerDefinition>();

beforeAll(async () => {
  commands = await startSlashCommands(s.slack);
  commands.register({
    command: "/pd",
    url: `${s.bridge.url}/slack/commands`,
    signingSecret: SLACK_SIGNING_SECRET,
    appId: BRIDGE_SLACK_APP_ID,
  });
  // `slack trigger create` for the trigger form, then the hosted app tells the bridge (what the Connect
  // workflow does with the app's env).
  const trigger = s.app.triggers.triggerIncident;
  const url = s.slack.registerLinkTrigger({
    trigger,
    workflow: workflowOf(s.app, trigger),
  }).url;
  triggerUrls.set(url, trigger);
  const actions = s.slack.workspace.linkTriggers.all().find((t) =>
    t.workflowCallbackId === "incident_action_workflow"
  )!;
  triggerUrls.set(actions.url, s.app.triggers.incidentAction);
  const response = await fetch(`${s.bridge.url}/api/v1/workflow-triggers`, {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${s.bridgeApiToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(
      {
        triggers: [{ name: "trigger_incident", url }],
      } satisfies WorkflowTriggerList,
    ),
  });
  expect(response.status).toBe(200);
});
afterAll(() => commands.close());

async function pd(user: StackUser, channelId: string, text: string) {
  const outcome = await commands.send({
    command: "/pd",
    text,
    userId: s.users[user],
    channelId,
  });
  expect(outcome.error).toBeUndefined();
  const [answer] = await outcome.waitForAnswers(1);
  return answer!;
}

/** Clicks the answer's one workflow_button: its trigger's workflow with the button's inputs. */
function click(answer: EphemeralMessage, user: StackUser) {
  const [button] = workflowButtons(answer);
  if (!button) throw new Error(`no button in: ${answer.text}`);
  const trigger = triggerUrls.get(button.workflow.trigger.url);
  if (!trigger) {
    throw new Error(`unknown trigger ${button.workflow.trigger.url}`);
  }
  const fromButton = Object.fromEntries(
    (button.workflow.trigger.customizable_input_parameters ?? []).map((
      p,
    ) => [p.name, p.value]),
  );
  const inputs = Object.fromEntries(
    Object.entries(trigger.inputs).flatMap(([name, input]) =>
      input.customizable
        ? (fromButton[name] === undefined ? [] : [[name, fromButton[name]]])
        : [[name, input.value]]
    ),
  );
  return s.slack.runWorkflow({
    workflow: workflowOf(s.app, trigger),
    inputs,
    userId: s.users[user],
    channelId: answer.channel,
    functions: s.app.functions,
    env: s.appEnv,
    appId: HOSTED_SLACK_APP_ID,
  });
}

describe("/pd from Slack to the real bridge", () => {
  it("/pd trigger in a connected channel opens the form with the title filled in, for a linked user", async () => {
    s.link("responder");
    const answer = await pd(
      "responder",
      s.channels.responders,
      "trigger Checkout returns 502",
    );
    expect(answer.text).toContain("on this channel's service");
    const run = await click(answer, "responder");
    const [view] = run.openViews();
    expect(JSON.stringify(view?.view)).toContain(
      '"initial_value":"Checkout returns 502"',
    );
  });

  it("/pd trigger in an unconnected channel says what to do", async () => {
    const answer = await pd("newcomer", s.channels.unconnected, "trigger x");
    expect(answer.text).toContain(
      "This channel is not connected to a PagerDuty service",
    );
    expect(answer.text).toContain("`/pd connect`");
  });

  it("/pd ack N: one click acknowledges in PagerDuty as the linked user; an unlinked user is asked to connect", async () => {
    s.link("responder2");
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Card payments declined",
    });
    await s.waitForCard(s.channels.responders, incident.id);
    const unlinked = await click(
      await pd("newcomer", s.channels.unconnected, `ack ${incident.number}`),
      "newcomer",
    );
    expect(unlinked.status).toBe("waiting");
    expect(s.pd.incident(incident.id)?.status).toBe("triggered");

    const answer = await pd(
      "responder2",
      s.channels.unconnected,
      `ack ${incident.number}`,
    );
    expect(answer.text).toContain(`#${incident.number}`);
    const run = await click(answer, "responder2");
    expect(run.status).toBe("completed");
    expect(s.pd.incident(incident.id)?.status).toBe("acknowledged");
  });

  it("/pd oncall answers anyone, in a DM too, with the on-call list", async () => {
    const dm = s.slack.workspace.openIm(
      s.users.newcomer,
      [...s.slack.workspace.tokens.values()].find((t) =>
        t.appId === BRIDGE_SLACK_APP_ID
      )!.userId,
    ).id;
    const answer = await pd("newcomer", dm, "oncall Checkout");
    expect(answer.text).toContain(":pager: On call for *Checkout*");
    expect(answer.text).toContain(`*Level 1:* <@${s.users.responder}>`);

    const help = await pd("newcomer", dm, "frobnicate");
    expect(help.text).toMatch(/^:grey_question: Unknown command "frobnicate"/);
    expect(help.text).toContain("direct message");
  });
});
