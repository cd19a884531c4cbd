import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_USER_INPUTS } from "../pagerduty-user-inputs.ts";
import { connectedServiceId } from "../../bridge/connected-service.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openForm, type OpenFormAnswer } from "../../messages/open-form.ts";
import { listPriorities, listServices } from "../../pagerduty/list-choices.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { mrkdwnLink } from "../../../shared/cards/mrkdwn-link.ts";
import { withPagerDutyUser } from "../with-pagerduty-user.ts";
import { createIncident } from "./create-incident.ts";
import {
  readTriggerRequest,
  TRIGGER_VIEW_CALLBACK_ID,
  triggerIncidentView,
} from "./trigger-incident-view.ts";

export const TriggerIncidentFunction = DefineFunction({
  callback_id: "trigger_incident",
  title: "Trigger a PagerDuty incident",
  description: "A form to open an incident on a PagerDuty service",
  source_file: "slack-app/functions/trigger-incident/mod.ts",
  input_parameters: {
    properties: PAGERDUTY_USER_INPUTS,
    required: ["user_id", "interactivity", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { incident_id: { type: Schema.types.string } },
    required: [],
  },
});

export default SlackFunction(
  TriggerIncidentFunction,
  async ({ inputs, client, env }) =>
    await withPagerDutyUser<
      { outputs: Record<string, never> } | OpenFormAnswer
    >(
      { client, env, inputs },
      {
        attempted: "list the services you can trigger on",
        fallback: { outputs: {} },
      },
      async ({ pagerDuty, bridge }) => {
        const [services, priorities, connected] = await Promise.all([
          listServices(pagerDuty),
          listPriorities(pagerDuty),
          connectedServiceId(bridge, inputs.channel_id),
        ]);
        return await openForm(
          client,
          inputs.interactivity.interactivity_pointer,
          triggerIncidentView(services, priorities, connected),
        );
      },
    ),
).addViewSubmissionHandler(
  TRIGGER_VIEW_CALLBACK_ID,
  async ({ inputs, client, env, view, body }) => {
    const read = readTriggerRequest(
      view.state.values as Parameters<typeof readTriggerRequest>[0],
    );
    if (!read.ok) return { response_action: "errors", errors: read.errors };
    const incidentId = await withPagerDutyUser<string | undefined>(
      { client, env, inputs },
      {
        attempted: "trigger an incident on that service",
        fallback: undefined,
      },
      async ({ pagerDuty, target }) => {
        const incident = await createIncident(pagerDuty, read.request);
        await notifyUser(
          client,
          target,
          `:rotating_light: You triggered ${
            mrkdwnLink(
              incident.html_url,
              `#${incident.incident_number} ${incident.title}`,
            )
          } on ${escapeMrkdwn(incident.service.summary ?? "the service")} (${
            escapeMrkdwn(`${incident.urgency} urgency, ${incident.status}`)
          }).`,
        );
        return incident.id;
      },
    );
    await client.functions.completeSuccess({
      function_execution_id: body.function_data.execution_id,
      outputs: incidentId ? { incident_id: incidentId } : {},
    });
  },
).addViewClosedHandler(TRIGGER_VIEW_CALLBACK_ID, async ({ client, body }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: {},
  });
});
