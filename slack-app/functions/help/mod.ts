import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { createBridgeClient } from "../../bridge/bridge-client.ts";
import { knownTriggerUrls } from "../../bridge/known-trigger-urls.ts";
import { readAppConfig } from "../../config/read-app-config.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { helpText } from "./help-text.ts";

export const HelpFunction = DefineFunction({
  callback_id: "help",
  title: "pagerslack help",
  description: "Lists every pagerslack entry point with its link",
  source_file: "slack-app/functions/help/mod.ts",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
    },
    required: ["user_id"],
  },
  output_parameters: { properties: {}, required: [] },
});

export default SlackFunction(
  HelpFunction,
  async ({ inputs, client, env, team_id }) => {
    const config = readAppConfig(env);
    // The links "Set up pagerslack" registered with the bridge (this workspace's: each workspace has its own);
    // `*_TRIGGER_URL` env variables override them.
    const registered = await knownTriggerUrls(
      createBridgeClient({
        baseUrl: config.bridgeUrl,
        token: config.bridgeApiToken,
        ...(team_id ? { teamId: team_id } : {}),
      }),
    );
    const sent = await notifyUser(
      client,
      { userId: inputs.user_id, channelId: inputs.channel_id },
      helpText(env, registered),
    );
    if (sent.delivered === false) {
      return { error: `Could not show help: ${sent.error}` };
    }
    return { outputs: {} };
  },
);
