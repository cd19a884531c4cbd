import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_USER_INPUTS } from "../pagerduty-user-inputs.ts";
import { connectedServiceId } from "../../bridge/connected-service.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openLoadingModal } from "../../messages/loading-modal.ts";
import {
  couldNotOpenForm,
  fillForm,
  type OpenFormAnswer,
} from "../../messages/open-form.ts";
import { listPriorities, listServices } from "../../pagerduty/list-choices.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { mrkdwnLink } from "../../../shared/cards/mrkdwn-link.ts";
import { completeLater } from "../complete-later.ts";
import { withPagerDutyUser } from "../with-pagerduty-user.ts";
import { createIncident } from "./create-incident.ts";
import {
  readTriggerRequest,
  TRIGGER_FRAME,
  TRIGGER_VIEW_CALLBACK_ID,
  triggerIncidentView,
} from "./trigger-incident-view.ts";

export const TriggerIncidentFunction = DefineFunction({
  callback_id: "trigger_incident",
  title: "Trigger a PagerDuty incident",
  description: "A form to open an incident on a PagerDuty service",
  source_file: "slack-app/functions/trigger-incident/mod.ts",
  input_parameters: {
    properties: {
      ...PAGERDUTY_USER_INPUTS,
      /** The title the form opens with (`/pd trigger [title]`). */
      title: { type: Schema.types.string },
    },
    required: ["user_id", "interactivity", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { incident_id: { type: Schema.types.string } },
    required: [],
  },
});

export default SlackFunction(
  TriggerIncidentFunction,
  async ({ inputs, client, env, team_id }) => {
    // The pointer lives about 3 s: spend it before Slack's token hand-over and PagerDuty's answers.
    const opened = await openLoadingModal(
      client,
      inputs.interactivity.interactivity_pointer,
      TRIGGER_FRAME,
    );
    if (!opened.ok) return couldNotOpenForm(opened.error);
    return await withPagerDutyUser<
      { outputs: Record<string, never> } | OpenFormAnswer
    >(
      { client, env, inputs, team_id },
      {
        attempted: "list the services you can trigger on",
        fallback: { outputs: {} },
        modal: opened.modal,
      },
      async ({ pagerDuty, bridge }) => {
        const [services, priorities, connected] = await Promise.all([
          listServices(pagerDuty),
          listPriorities(pagerDuty),
          connectedServiceId(bridge, inputs.channel_id),
        ]);
        return await fillForm(
          client,
          opened.modal,
          triggerIncidentView(services, priorities, connected, inputs.title),
        );
      },
    );
  },
).addViewSubmissionHandler(
  TRIGGER_VIEW_CALLBACK_ID,
  ({ inputs, client, env, view, body, team_id }) => {
    const read = readTriggerRequest(
      view.state.values as Parameters<typeof readTriggerRequest>[0],
    );
    if (!read.ok) return { response_action: "errors", errors: read.errors };
    // Answer now (the modal closes); PagerDuty may take longer than Slack waits for this handler.
    completeLater(client, body.function_data.execution_id, async () => {
      const incidentId = await withPagerDutyUser<string | undefined>(
        { client, env, inputs, team_id },
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
      return incidentId ? { incident_id: incidentId } : {};
    });
  },
).addViewClosedHandler(TRIGGER_VIEW_CALLBACK_ID, async ({ client, body }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: {},
  });
});
