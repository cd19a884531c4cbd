import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { PAGERDUTY_PROVIDER_KEY } from "../../auth/pagerduty-oauth-provider.ts";
import { createBridgeClient } from "../../bridge/bridge-client.ts";
import { connectedServiceId } from "../../bridge/connected-service.ts";
import { findSlackUser } from "../../datastores/find-slack-user.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openView } from "../../messages/open-view.ts";
import { formatOnCall } from "../../oncall/format-on-call.ts";
import { listOnCall } from "../../oncall/list-on-call.ts";
import { connectAsUser } from "../../pagerduty/connect-as-user.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import {
  listEscalationPolicies,
  listServices,
} from "../../pagerduty/list-choices.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import type { PagerDutyService } from "../../pagerduty/pagerduty-resources.ts";
import {
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
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      interactivity: { type: Schema.slack.types.interactivity },
      pagerduty_access_token_id: {
        type: Schema.slack.types.oauth2,
        oauth2_provider_key: PAGERDUTY_PROVIDER_KEY,
      },
    },
    required: ["user_id", "interactivity", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { answered: { type: Schema.types.boolean } },
    required: ["answered"],
  },
});

export default SlackFunction(
  WhoIsOnCallFunction,
  async ({ inputs, client, env }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const session = await connectAsUser(
      client,
      env,
      inputs.pagerduty_access_token_id,
    );
    if (!session.ok) {
      await notifyUser(client, target, session.message);
      return { outputs: { answered: false } };
    }
    const bridge = createBridgeClient({
      baseUrl: session.config.bridgeUrl,
      token: session.config.bridgeApiToken,
    });
    try {
      const [services, policies, connected] = await Promise.all([
        listServices(session.pagerDuty),
        listEscalationPolicies(session.pagerDuty),
        connectedServiceId(bridge, inputs.channel_id),
      ]);
      const opened = await openView(
        client,
        inputs.interactivity.interactivity_pointer,
        whoIsOnCallView(services, policies, connected),
      );
      if (!opened.ok) {
        return { error: `Could not open the form (${opened.error})` };
      }
      return { completed: false };
    } catch (error) {
      if (!(error instanceof PagerDutyApiError)) throw error;
      await notifyUser(
        client,
        target,
        await explainPagerDutyError(error, {
          attempted: "list services and escalation policies",
          linkTriggerUrl: session.config.linkTriggerUrl,
          pagerDuty: session.pagerDuty,
        }),
      );
      return { outputs: { answered: false } };
    }
  },
).addViewSubmissionHandler(
  ONCALL_VIEW_CALLBACK_ID,
  async ({ inputs, client, env, view, body }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const value = view.state.values[SUBJECT_BLOCK_ID]?.[SUBJECT_ACTION_ID]
      ?.selected_option?.value as string | undefined;
    const subject = value ? parseSubject(value) : undefined;
    const session = await connectAsUser(
      client,
      env,
      inputs.pagerduty_access_token_id,
    );
    let answered = false;
    if (!session.ok) {
      await notifyUser(client, target, session.message);
    } else if (subject) {
      try {
        await notifyUser(
          client,
          target,
          await describeOnCall(client, session.pagerDuty, subject),
        );
        answered = true;
      } catch (error) {
        if (!(error instanceof PagerDutyApiError)) throw error;
        await notifyUser(
          client,
          target,
          await explainPagerDutyError(error, {
            attempted: "see who is on call",
            linkTriggerUrl: session.config.linkTriggerUrl,
            pagerDuty: session.pagerDuty,
          }),
        );
      }
    }
    await client.functions.completeSuccess({
      function_execution_id: body.function_data.execution_id,
      outputs: { answered },
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
      return `:grey_question: Service *${service.name}* has no escalation policy.`;
    }
    policyId = service.escalation_policy.id;
    label = `*${service.name}* (escalation policy ${
      service.escalation_policy.summary ?? policyId
    })`;
  } else {
    const { escalation_policy } = await pd.get<
      { escalation_policy: { name: string } }
    >(`/escalation_policies/${encodeURIComponent(subject.id)}`);
    label = `escalation policy *${escalation_policy.name}*`;
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
