import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { PAGERDUTY_USER_INPUTS } from "../pagerduty-user-inputs.ts";
import { connectedServiceId } from "../../bridge/connected-service.ts";
import { findSlackUser } from "../../datastores/find-slack-user.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openLoadingModal } from "../../messages/loading-modal.ts";
import {
  couldNotOpenForm,
  fillForm,
  type OpenFormAnswer,
} from "../../messages/open-form.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import {
  formatOnCall,
  onCallSubject,
} from "../../../shared/oncall/format-on-call.ts";
import { listOnCall } from "../../../shared/oncall/list-on-call.ts";
import {
  listEscalationPolicies,
  listServices,
} from "../../pagerduty/list-choices.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import type { PagerDutyService } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { completeLater } from "../complete-later.ts";
import { withPagerDutyUser } from "../with-pagerduty-user.ts";
import {
  ONCALL_FRAME,
  ONCALL_VIEW_CALLBACK_ID,
  parseSubject,
  SUBJECT_ACTION_ID,
  SUBJECT_BLOCK_ID,
  whoIsOnCallView,
} from "./who-is-on-call-view.ts";

export const WhoIsOnCallFunction = DefineFunction({
  callback_id: "who_is_on_call",
  title: "Who is on call",
  description: "On-call responders of a service or escalation policy, by level",
  source_file: "slack-app/functions/who-is-on-call/mod.ts",
  input_parameters: {
    properties: PAGERDUTY_USER_INPUTS,
    required: ["user_id", "interactivity", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { answered: { type: Schema.types.boolean } },
    required: ["answered"],
  },
});

export default SlackFunction(
  WhoIsOnCallFunction,
  async ({ inputs, client, env, team_id }) => {
    // The pointer lives about 3 s: spend it before Slack's token hand-over and PagerDuty's answers.
    const opened = await openLoadingModal(
      client,
      inputs.interactivity.interactivity_pointer,
      ONCALL_FRAME,
    );
    if (!opened.ok) return couldNotOpenForm(opened.error);
    return await withPagerDutyUser<
      { outputs: { answered: boolean } } | OpenFormAnswer
    >(
      { client, env, inputs, team_id },
      {
        attempted: "list services and escalation policies",
        fallback: { outputs: { answered: false } },
        modal: opened.modal,
      },
      async ({ pagerDuty, bridge }) => {
        const [services, policies, connected] = await Promise.all([
          listServices(pagerDuty),
          listEscalationPolicies(pagerDuty),
          connectedServiceId(bridge, inputs.channel_id),
        ]);
        return await fillForm(
          client,
          opened.modal,
          whoIsOnCallView(services, policies, connected),
        );
      },
    );
  },
).addViewSubmissionHandler(
  ONCALL_VIEW_CALLBACK_ID,
  ({ inputs, client, env, view, body, team_id }) => {
    const value = view.state.values[SUBJECT_BLOCK_ID]?.[SUBJECT_ACTION_ID]
      ?.selected_option?.value as string | undefined;
    const subject = value ? parseSubject(value) : undefined;
    // Answer now (the modal closes): the on-call lookup takes several PagerDuty calls plus a user search.
    completeLater(client, body.function_data.execution_id, async () => {
      const answered = await withPagerDutyUser(
        { client, env, inputs, team_id },
        { attempted: "see who is on call", fallback: false },
        async ({ pagerDuty, target }) => {
          if (!subject) return false;
          await notifyUser(
            client,
            target,
            await describeOnCall(client, pagerDuty, subject),
          );
          return true;
        },
      );
      return { answered };
    });
  },
).addViewClosedHandler(ONCALL_VIEW_CALLBACK_ID, async ({ client, body }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { answered: false },
  });
});

async function describeOnCall(
  client: SlackAPIClient,
  pd: PagerDutyClient,
  subject: { kind: "service" | "escalation_policy"; id: string },
): Promise<string> {
  let policyId = subject.id;
  let label: string;
  if (subject.kind === "service") {
    const { service } = await pd.get<{ service: PagerDutyService }>(
      `/services/${encodeURIComponent(subject.id)}`,
    );
    if (!service.escalation_policy) {
      return `:grey_question: Service *${
        escapeMrkdwn(service.name)
      }* has no escalation policy.`;
    }
    policyId = service.escalation_policy.id;
    label = onCallSubject({
      kind: "service",
      name: service.name,
      policyName: service.escalation_policy.summary ?? policyId,
    });
  } else {
    const { escalation_policy } = await pd.get<
      { escalation_policy: { name: string } }
    >(`/escalation_policies/${encodeURIComponent(subject.id)}`);
    label = onCallSubject({
      kind: "escalation_policy",
      name: escalation_policy.name,
    });
  }
  const levels = await listOnCall(pd, policyId);
  const mentions = new Map<string, string>();
  const users = new Map(levels.flatMap((l) => l.users).map((u) => [u.id, u]));
  await Promise.all([...users.values()].map(async (u) => {
    const slackId = await findSlackUser(client, u);
    if (slackId) mentions.set(u.id, slackId);
  }));
  return formatOnCall(label, levels, mentions);
}
