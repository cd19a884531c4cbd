import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_PROVIDER_KEY } from "../../auth/pagerduty-oauth-provider.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import type { UserLinksDatastore } from "../../datastores/user-links-datastore.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { connectAsUser } from "../../pagerduty/connect-as-user.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyUser } from "../../pagerduty/pagerduty-resources.ts";

export const LinkAccountFunction = DefineFunction({
  callback_id: "link_account",
  title: "Link PagerDuty account",
  description: "Connects your Slack user to your PagerDuty user",
  source_file: "slack-app/functions/link-account/mod.ts",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      pagerduty_access_token_id: {
        type: Schema.slack.types.oauth2,
        oauth2_provider_key: PAGERDUTY_PROVIDER_KEY,
      },
    },
    required: ["user_id", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: {
      linked: { type: Schema.types.boolean },
      pagerduty_user_id: { type: Schema.types.string },
    },
    required: ["linked"],
  },
});

/** Slack's connect prompt (END_USER credential) already ran; record who the token belongs to. */
export default SlackFunction(
  LinkAccountFunction,
  async ({ inputs, client, env }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const session = await connectAsUser(
      client,
      env,
      inputs.pagerduty_access_token_id,
    );
    if (!session.ok) {
      await notifyUser(client, target, session.message);
      return { outputs: { linked: false } };
    }
    let me: PagerDutyUser;
    try {
      me = (await session.pagerDuty.get<{ user: PagerDutyUser }>("/users/me"))
        .user;
    } catch (error) {
      if (!(error instanceof PagerDutyApiError)) throw error;
      await notifyUser(
        client,
        target,
        await explainPagerDutyError(error, {
          attempted: "read your PagerDuty profile",
          linkTriggerUrl: session.config.linkTriggerUrl,
        }),
      );
      return { outputs: { linked: false } };
    }
    const saved = await client.apps.datastore.put<
      typeof UserLinksDatastore.definition
    >({
      datastore: USER_LINKS_DATASTORE,
      item: {
        slack_user_id: inputs.user_id,
        pagerduty_user_id: me.id,
        pagerduty_email: me.email,
        linked_at: Math.floor(Date.now() / 1000),
      },
    });
    if (!saved.ok) {
      return { error: `Could not save the link (datastore: ${saved.error})` };
    }
    await notifyUser(
      client,
      target,
      `:white_check_mark: Linked to PagerDuty as *${me.name}* (${me.email}). Incident buttons now act as you, with your PagerDuty role's permissions.`,
    );
    return { outputs: { linked: true, pagerduty_user_id: me.id } };
  },
);
