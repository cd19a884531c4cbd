import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { PAGERDUTY_USER_MESSAGE_INPUTS } from "../pagerduty-user-inputs.ts";
import {
  USER_LINKS_DATASTORE,
  type UserLink,
} from "../../../shared/datastore/user-link.ts";
import type { UserLinksDatastore } from "../../datastores/user-links-datastore.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import type { PagerDutyUser } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { withPagerDutyUser } from "../with-pagerduty-user.ts";
import { offerIncidentDms } from "./offer-incident-dms.ts";

export const LinkAccountFunction = DefineFunction({
  callback_id: "link_account",
  title: "Link PagerDuty account",
  description: "Connects your Slack user to your PagerDuty user",
  source_file: "slack-app/functions/link-account/mod.ts",
  input_parameters: {
    properties: PAGERDUTY_USER_MESSAGE_INPUTS,
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
  async ({ inputs, client, env, team_id }) =>
    await withPagerDutyUser<
      | { outputs: { linked: boolean; pagerduty_user_id?: string } }
      | { error: string }
    >(
      { client, env, inputs, team_id },
      {
        attempted: "read your PagerDuty profile",
        fallback: { outputs: { linked: false } },
        describeRole: false,
      },
      async ({ pagerDuty, bridge, target }) => {
        const { user: me } = await pagerDuty.get<{ user: PagerDutyUser }>(
          "/users/me",
        );
        const link: UserLink = {
          slack_user_id: inputs.user_id,
          pagerduty_user_id: me.id,
          pagerduty_email: me.email,
          linked_at: Math.floor(Date.now() / 1000),
        };
        const saved = await client.apps.datastore.put<
          typeof UserLinksDatastore.definition
        >({ datastore: USER_LINKS_DATASTORE, item: link });
        if (!saved.ok) {
          return {
            error: `Could not save the link (datastore: ${saved.error})`,
          };
        }
        const linked = `:white_check_mark: Linked to PagerDuty as *${
          escapeMrkdwn(me.name)
        }* (${
          escapeMrkdwn(me.email)
        }). Incident buttons now act as you, with your PagerDuty role's permissions.`;
        const offer = await offerIncidentDms(bridge, inputs.user_id, me.id);
        await notifyUser(
          client,
          target,
          `${linked}\n${offer.text}`,
          offer.blocks && [
            { type: "section", text: { type: "mrkdwn", text: linked } },
            ...offer.blocks,
          ],
        );
        return { outputs: { linked: true, pagerduty_user_id: me.id } };
      },
    ),
);
