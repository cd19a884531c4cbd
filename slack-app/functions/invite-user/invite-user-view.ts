export const INVITE_VIEW_CALLBACK_ID = "invite_user";
export const INVITE_FIELDS = { invitee: "invitee", role: "role" } as const;

/** Roles an admin can give from Slack, PagerDuty's API names with the names its web UI shows. */
export const INVITE_ROLES = [
  { value: "limited_user", label: "Responder" },
  { value: "user", label: "Manager" },
  { value: "observer", label: "Observer" },
  { value: "read_only_user", label: "Stakeholder" },
  { value: "admin", label: "Admin" },
] as const;

export type InviteRole = typeof INVITE_ROLES[number]["value"];

/** `invitee`: the Slack user the form opens with (from `/pd invite @user`). */
export function inviteUserView(invitee?: string) {
  const options = INVITE_ROLES.map((r) => ({
    text: { type: "plain_text", text: r.label },
    value: r.value,
  }));
  return {
    type: "modal",
    callback_id: INVITE_VIEW_CALLBACK_ID,
    title: { type: "plain_text", text: "Invite to PagerDuty" },
    submit: { type: "plain_text", text: "Invite" },
    close: { type: "plain_text", text: "Cancel" },
    notify_on_close: true,
    blocks: [
      {
        type: "input",
        block_id: INVITE_FIELDS.invitee,
        label: { type: "plain_text", text: "Slack user" },
        element: {
          type: "users_select",
          action_id: INVITE_FIELDS.invitee,
          ...(invitee ? { initial_user: invitee } : {}),
        },
      },
      {
        type: "input",
        block_id: INVITE_FIELDS.role,
        label: { type: "plain_text", text: "PagerDuty role" },
        element: {
          type: "static_select",
          action_id: INVITE_FIELDS.role,
          options,
          initial_option: options[0],
        },
      },
    ],
  };
}
