import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../../shared/cards/slack-mention.ts";
import { PAGERDUTY_USER_INPUTS } from "../pagerduty-user-inputs.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { openForm } from "../../messages/open-form.ts";
import type { PagerDutyUser } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { completeLater } from "../complete-later.ts";
import { withPagerDutyUser } from "../with-pagerduty-user.ts";
import {
  INVITE_FIELDS,
  INVITE_ROLES,
  INVITE_VIEW_CALLBACK_ID,
  inviteUserView,
} from "./invite-user-view.ts";

export const InviteUserFunction = DefineFunction({
  callback_id: "invite_user",
  title: "Invite someone to PagerDuty",
  description:
    "Adds a Slack user to the PagerDuty account (PagerDuty lets only admins)",
  source_file: "slack-app/functions/invite-user/mod.ts",
  input_parameters: {
    properties: {
      ...PAGERDUTY_USER_INPUTS,
      /** Who to invite, when `/pd invite @user` named them: the form opens with them chosen. */
      invitee: { type: Schema.slack.types.user_id },
    },
    required: ["user_id", "interactivity", "pagerduty_access_token_id"],
  },
  output_parameters: {
    properties: { pagerduty_user_id: { type: Schema.types.string } },
    required: [],
  },
});

export default SlackFunction(
  InviteUserFunction,
  async ({ inputs, client }) =>
    await openForm(
      client,
      inputs.interactivity.interactivity_pointer,
      inviteUserView(inputs.invitee),
    ),
).addViewSubmissionHandler(
  INVITE_VIEW_CALLBACK_ID,
  async ({ inputs, client, env, view, body, team_id }) => {
    const values = view.state.values;
    const inviteeId = values[INVITE_FIELDS.invitee]?.[INVITE_FIELDS.invitee]
      ?.selected_user as string | undefined;
    const role = (values[INVITE_FIELDS.role]?.[INVITE_FIELDS.role]
      ?.selected_option?.value as string | undefined) ?? "limited_user";
    if (!inviteeId) {
      return {
        response_action: "errors",
        errors: { [INVITE_FIELDS.invitee]: "Choose someone to invite." },
      };
    }
    const profile = await slackProfile(client, inviteeId);
    if (!profile.ok) {
      return {
        response_action: "errors",
        errors: { [INVITE_FIELDS.invitee]: profile.problem },
      };
    }
    // Answer now (the modal closes); PagerDuty may take longer than Slack waits for this handler.
    completeLater(client, body.function_data.execution_id, async () => {
      const pagerDutyUserId = await withPagerDutyUser<string | undefined>(
        { client, env, inputs, team_id },
        {
          attempted: `add ${escapeMrkdwn(profile.email)} to PagerDuty`,
          fallback: undefined,
        },
        async ({ pagerDuty, target }) => {
          const { user } = await pagerDuty.post<{ user: PagerDutyUser }>(
            "/users",
            {
              user: {
                type: "user",
                name: profile.name,
                email: profile.email,
                role,
              },
            },
          );
          const roleName = INVITE_ROLES.find((r) => r.value === role)?.label ??
            role;
          await notifyUser(
            client,
            target,
            `:envelope: ${
              slackMention(inviteeId) ?? "The person"
            } is now a PagerDuty user (${
              escapeMrkdwn(`${user.email}, ${roleName}`)
            }). PagerDuty emails them to set a password; they can then link their account here.`,
          );
          return user.id;
        },
      );
      return pagerDutyUserId ? { pagerduty_user_id: pagerDutyUserId } : {};
    });
  },
).addViewClosedHandler(INVITE_VIEW_CALLBACK_ID, async ({ client, body }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: {},
  });
});

/** Name and email PagerDuty needs, from the Slack profile (users:read + users:read.email). */
async function slackProfile(
  client: SlackAPIClient,
  userId: string,
): Promise<
  { ok: true; name: string; email: string } | { ok: false; problem: string }
> {
  const info = await client.users.info({ user: userId }).catch(() => undefined);
  const user = info?.ok
    ? info.user as {
      is_bot?: boolean;
      real_name?: string;
      name?: string;
      profile?: { email?: string; real_name?: string };
    }
    : undefined;
  if (!user) return { ok: false, problem: "Slack could not find that user." };
  if (user.is_bot) return { ok: false, problem: "Bots cannot join PagerDuty." };
  const email = user.profile?.email;
  if (!email) {
    return {
      ok: false,
      problem: "Their Slack profile shows no email, which PagerDuty requires.",
    };
  }
  return {
    ok: true,
    email,
    name: user.real_name || user.profile?.real_name || user.name || email,
  };
}
