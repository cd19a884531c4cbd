import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import {
  INCIDENT_DM_MODES,
  type IncidentDmMode,
} from "../../../shared/bridge-api/bridge-api-schemas.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import type { UserLinksDatastore } from "../../datastores/user-links-datastore.ts";
import {
  createBridgeClient,
  describeBridgeFailure,
} from "../../bridge/bridge-client.ts";
import { readAppConfig } from "../../config/read-app-config.ts";
import { linkPrompt } from "../../messages/link-prompt.ts";
import { notifyUser } from "../../messages/notify-user.ts";

/** How each choice reads back to the person (also the form's choices, in this order). */
export const INCIDENT_DM_CHOICES: Readonly<Record<IncidentDmMode, string>> = {
  all: "Every incident assigned to me",
  high_urgency: "High-urgency incidents only",
  off: "No incident DMs",
};

export const SaveNotificationsFunction = DefineFunction({
  callback_id: "save_notifications",
  title: "Save my notifications",
  description:
    "Tells the pagerslack bridge whether to DM you the incidents assigned to you",
  source_file: "slack-app/functions/my-notifications/mod.ts",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      incident_dms: { type: Schema.types.string, enum: [...INCIDENT_DM_MODES] },
    },
    required: ["user_id", "incident_dms"],
  },
  output_parameters: {
    properties: { incident_dms: { type: Schema.types.string } },
    required: [],
  },
});

/**
 * Incident DMs follow the person's linked PagerDuty account (user_links): the bridge maps an incident's assignee
 * to them by it. Stored in the bridge (it decides who is DMed), per workspace and Slack user; off until chosen.
 */
export default SlackFunction(
  SaveNotificationsFunction,
  async ({ inputs, client, env, team_id }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const mode = inputs.incident_dms as IncidentDmMode;
    const config = readAppConfig(env);
    const link = await client.apps.datastore.get<
      typeof UserLinksDatastore.definition
    >({ datastore: USER_LINKS_DATASTORE, id: inputs.user_id });
    if (!link.ok) {
      return { error: `Could not read your PagerDuty link (${link.error})` };
    }
    const pagerDutyUserId = link.item?.pagerduty_user_id ?? null;
    if (mode !== "off" && !pagerDutyUserId) {
      await notifyUser(client, target, linkPrompt(config.linkTriggerUrl));
      return { outputs: {} };
    }
    const bridge = createBridgeClient({
      baseUrl: config.bridgeUrl,
      token: config.bridgeApiToken,
      teamId: team_id,
    });
    const saved = await bridge.putNotificationPreferences(inputs.user_id, {
      pagerduty_user_id: pagerDutyUserId,
      incident_dms: mode,
    });
    if (!saved.ok) {
      await notifyUser(
        client,
        target,
        describeBridgeFailure(saved.failure, "save your notifications"),
      );
      return { outputs: {} };
    }
    await notifyUser(
      client,
      target,
      mode === "off"
        ? ":no_bell: Incident DMs are off: incidents reach you in their channels only."
        : `:bell: Incident DMs: *${
          INCIDENT_DM_CHOICES[mode]
        }*. When PagerDuty assigns you one, pagerslack sends you its card with the buttons, kept up to date.`,
    );
    return { outputs: { incident_dms: mode } };
  },
);
