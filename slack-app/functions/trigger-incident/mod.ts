import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_PROVIDER_KEY } from "../../auth/pagerduty-oauth-provider.ts";
import { createBridgeClient } from "../../bridge/bridge-client.ts";
import { connectedServiceId } from "../../bridge/connected-service.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openView } from "../../messages/open-view.ts";
import { connectAsUser } from "../../pagerduty/connect-as-user.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import { listPriorities, listServices } from "../../pagerduty/list-choices.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import { escapeMrkdwn } from "../../messages/escape-mrkdwn.ts";
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
    properties: { incident_id: { type: Schema.types.string } },
    required: [],
  },
});

export default SlackFunction(
  TriggerIncidentFunction,
  async ({ inputs, client, env }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const session = await connectAsUser(
      client,
      env,
      inputs.pagerduty_access_token_id,
    );
    if (!session.ok) {
      await notifyUser(client, target, session.message);
      return { outputs: {} };
    }
    const bridge = createBridgeClient({
      baseUrl: session.config.bridgeUrl,
      token: session.config.bridgeApiToken,
    });
    try {
      const [services, priorities, connected] = await Promise.all([
        listServices(session.pagerDuty),
        listPriorities(session.pagerDuty),
        connectedServiceId(bridge, inputs.channel_id),
      ]);
      const opened = await openView(
        client,
        inputs.interactivity.interactivity_pointer,
        triggerIncidentView(services, priorities, connected),
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
          attempted: "list the services you can trigger on",
          linkTriggerUrl: session.config.linkTriggerUrl,
          pagerDuty: session.pagerDuty,
        }),
      );
      return { outputs: {} };
    }
  },
).addViewSubmissionHandler(
  TRIGGER_VIEW_CALLBACK_ID,
  async ({ inputs, client, env, view, body }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const read = readTriggerRequest(
      view.state.values as Parameters<typeof readTriggerRequest>[0],
    );
    if (!read.ok) return { response_action: "errors", errors: read.errors };
    const session = await connectAsUser(
      client,
      env,
      inputs.pagerduty_access_token_id,
    );
    let incidentId: string | undefined;
    if (!session.ok) {
      await notifyUser(client, target, session.message);
    } else {
      try {
        const incident = await createIncident(session.pagerDuty, read.request);
        incidentId = incident.id;
        await notifyUser(
          client,
          target,
          `:rotating_light: You triggered <${incident.html_url}|#${incident.incident_number} ${
            escapeMrkdwn(incident.title)
          }> on ${
            incident.service.summary ?? "the service"
          } (${incident.urgency} urgency, ${incident.status}).`,
        );
      } catch (error) {
        if (!(error instanceof PagerDutyApiError)) throw error;
        await notifyUser(
          client,
          target,
          await explainPagerDutyError(error, {
            attempted: "trigger an incident on that service",
            linkTriggerUrl: session.config.linkTriggerUrl,
            pagerDuty: session.pagerDuty,
          }),
        );
      }
    }
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
