import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_USER_MESSAGE_INPUTS } from "../pagerduty-user-inputs.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { createBridgeClient } from "../../bridge/bridge-client.ts";
import { readAppConfig } from "../../config/read-app-config.ts";

export const UnlinkAccountFunction = DefineFunction({
  callback_id: "unlink_account",
  title: "Unlink PagerDuty account",
  description: "Forgets your PagerDuty link and deletes the stored token",
  source_file: "slack-app/functions/unlink-account/mod.ts",
  input_parameters: {
    properties: PAGERDUTY_USER_MESSAGE_INPUTS,
    required: ["user_id", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { unlinked: { type: Schema.types.boolean } },
    required: ["unlinked"],
  },
});

export default SlackFunction(
  UnlinkAccountFunction,
  async ({ inputs, client, env, team_id }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    // Token first: a stale datastore row is harmless, a token left behind would keep acting as the user.
    const deletedToken = await client.apps.auth.external.delete({
      external_token_id: inputs.pagerduty_access_token_id,
    });
    if (!deletedToken.ok && deletedToken.error !== "token_not_found") {
      await notifyUser(
        client,
        target,
        `:warning: Could not delete your PagerDuty token (${deletedToken.error}). Nothing was unlinked; try again.`,
      );
      return { outputs: { unlinked: false } };
    }
    const deletedLink = await client.apps.datastore.delete({
      datastore: USER_LINKS_DATASTORE,
      id: inputs.user_id,
    });
    if (!deletedLink.ok) {
      return {
        error:
          `Token deleted, but the link record was not (datastore: ${deletedLink.error})`,
      };
    }
    // Incident DMs follow the linked PagerDuty account: without the link they stop too.
    const config = readAppConfig(env);
    const dmsOff = await createBridgeClient({
      baseUrl: config.bridgeUrl,
      token: config.bridgeApiToken,
      teamId: team_id,
    }).putNotificationPreferences(inputs.user_id, {
      pagerduty_user_id: null,
      incident_dms: "off",
    });
    await notifyUser(
      client,
      target,
      `:wave: Your PagerDuty account is unlinked and its token deleted. Incident buttons will ask you to link again.${
        dmsOff.ok
          ? ""
          : " The bridge could not be told to stop your incident DMs right now: turn them off in *My notifications*."
      }`,
    );
    return { outputs: { unlinked: true } };
  },
);
