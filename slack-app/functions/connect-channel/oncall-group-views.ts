// The Connect workflow's on-call user groups (issue 18): the list of groups with how each one's sync stands, and
// the form tying a Slack user group to a PagerDuty schedule or one level of an escalation policy.
import type {
  OncallGroup,
  OncallGroupRequest,
  Usergroup,
} from "../../../shared/bridge-api/bridge-api-schemas.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../../shared/cards/slack-mention.ts";
import {
  type Choice,
  type PolicyLevels,
  truncate,
} from "../../pagerduty/list-choices.ts";

export const ONCALL_LIST_CALLBACK_ID = "oncall_groups_list";
export const ONCALL_FORM_CALLBACK_ID = "oncall_group_form";

export const ONCALL_ACTIONS = {
  /** From the channel connections list. */
  open: "oncall_groups_open",
  add: "oncall_group_add",
  /** A group's overflow: `edit:<id>`, `resume:<id>`, `remove:<id>`. */
  row: "oncall_group_row",
  back: "oncall_groups_back",
} as const;

/** block_id = action_id. */
export const ONCALL_FIELDS = {
  usergroup: "oncall_usergroup",
  source: "oncall_source",
} as const;

/** The bridge's 400/409 names a field; this is the form block that shows it. */
export const ONCALL_FIELD_FOR_BRIDGE_ERROR: Record<string, string> = {
  usergroup_id: ONCALL_FIELDS.usergroup,
  source_type: ONCALL_FIELDS.source,
  source_id: ONCALL_FIELDS.source,
  escalation_level: ONCALL_FIELDS.source,
};

export interface OncallChoices {
  usergroups: Usergroup[];
  /** Why the bridge could not list user groups (mrkdwn); the form cannot be offered then. */
  usergroupsUnavailable: string | null;
  schedules: Choice[];
  /** Why PagerDuty would not list schedules (mrkdwn): only policy levels are offered. */
  schedulesUnavailable: string | null;
  policies: PolicyLevels[];
}

export interface OncallFormMetadata {
  channel_id: string;
  group_id: string;
}

/** Slack: at most 100 options in a select (option groups included, counted here as one list). */
const MAX_OPTIONS = 100;
/** Modals hold 100 blocks; the rest of the list view takes a handful. */
const MAX_ROWS = 90;
const MAX_MEMBERS_SHOWN = 10;

const text = (t: string) => ({ type: "plain_text", text: t });
const md = (t: string) => ({ type: "mrkdwn", text: t });

const scheduleValue = (id: string) => `schedule:${id}`;
const levelValue = (id: string, level: number) =>
  `escalation_policy:${id}:${level}`;

function members(ids: readonly string[] | null): string {
  if (!ids || ids.length === 0) return "nobody";
  const shown = ids.slice(0, MAX_MEMBERS_SHOWN).map((id) =>
    slackMention(id) ?? escapeMrkdwn(id)
  );
  const more = ids.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** Where a group's members come from, in words: "schedule *Payments*", "*Checkout* level 1". */
export function describeOncallSource(
  group: Pick<OncallGroup, "source_type" | "source_id" | "escalation_level">,
  choices: Pick<OncallChoices, "schedules" | "policies">,
): string {
  if (group.source_type === "schedule") {
    const name = choices.schedules.find((s) => s.id === group.source_id)
      ?.name ?? group.source_id;
    return `schedule *${escapeMrkdwn(name)}*`;
  }
  const name = choices.policies.find((p) => p.id === group.source_id)?.name ??
    group.source_id;
  return `escalation policy *${
    escapeMrkdwn(name)
  }*, level ${group.escalation_level}`;
}

/** How the group's sync stands, from the bridge's answer, and what the person can do about it. */
export function describeOncallState(group: OncallGroup): string {
  switch (group.state) {
    case "in_sync":
      return `:white_check_mark: In sync: ${members(group.last_set)}`;
    case "pending":
      return ":hourglass_flowing_sand: Waiting for the bridge's first sync (within a minute)";
    case "drift":
      return `:warning: Edited by hand in Slack (now ${
        members(group.drift_members)
      }), so the bridge leaves it alone. Choose *Resume* to hand it back.`;
    case "problem":
      return `:warning: The bridge could not set the members: ${
        escapeMrkdwn(group.problem ?? "unknown problem")
      }`;
  }
}

function groupName(
  group: Pick<OncallGroup, "usergroup_id">,
  usergroups: Usergroup[],
) {
  const found = usergroups.find((u) => u.id === group.usergroup_id);
  // Slack renders <!subteam^S…> as the group's @handle (docs.slack.dev, "Formatting text": mentioning groups),
  // but that notifies the group: the plain handle does not.
  return found
    ? `*@${escapeMrkdwn(found.handle)}*`
    : `\`${group.usergroup_id}\``;
}

export function oncallGroupsListView(
  channelId: string,
  groups: OncallGroup[],
  choices: OncallChoices,
  notice?: string,
) {
  const rows = groups.slice(0, MAX_ROWS).map((g) => ({
    type: "section",
    block_id: `oncall_group:${g.id}`,
    text: md(
      `${groupName(g, choices.usergroups)} follows ${
        describeOncallSource(g, choices)
      }\n${describeOncallState(g)}`,
    ),
    accessory: {
      type: "overflow",
      action_id: ONCALL_ACTIONS.row,
      options: [
        ...(g.state === "drift"
          ? [{ text: text("Resume"), value: `resume:${g.id}` }]
          : []),
        { text: text("Edit"), value: `edit:${g.id}` },
        { text: text("Remove"), value: `remove:${g.id}` },
      ],
    },
  }));
  const hidden = groups.length - rows.length;
  return {
    type: "modal",
    callback_id: ONCALL_LIST_CALLBACK_ID,
    private_metadata: channelId,
    title: text("On-call user groups"),
    close: text("Done"),
    notify_on_close: true,
    blocks: [
      ...(notice ? [{ type: "context", elements: [md(notice)] }] : []),
      {
        type: "section",
        text: md(
          groups.length
            ? "pagerslack keeps each of these Slack user groups equal to who is on call now in PagerDuty:"
            : "No on-call user groups yet. Add one: pagerslack then keeps a Slack user group (`@checkout-oncall`) equal to who is on call now in PagerDuty, so mentioning it reaches them.",
        ),
      },
      ...rows,
      ...(hidden > 0
        ? [{ type: "context", elements: [md(`…and ${hidden} more.`)] }]
        : []),
      ...[choices.usergroupsUnavailable, choices.schedulesUnavailable]
        .filter((n): n is string => !!n)
        .map((n) => ({ type: "context", elements: [md(n)] })),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: ONCALL_ACTIONS.add,
            text: text("Add an on-call user group"),
            style: "primary",
          },
          {
            type: "button",
            action_id: ONCALL_ACTIONS.back,
            text: text("Back to channel connections"),
          },
        ],
      },
    ],
  };
}

/** Why the form cannot be offered (nothing to choose from), or null. */
export function oncallFormUnavailable(choices: OncallChoices): string | null {
  if (choices.usergroupsUnavailable) return choices.usergroupsUnavailable;
  if (choices.usergroups.length === 0) {
    return ":information_source: This workspace has no Slack user groups yet: create one in Slack (People → User groups), then add it here.";
  }
  if (
    choices.schedules.length === 0 &&
    !choices.policies.some((p) => p.levels > 0)
  ) {
    return ":information_source: PagerDuty shows you no schedules or escalation policies to follow.";
  }
  return null;
}

export function oncallGroupFormView(
  metadata: OncallFormMetadata,
  choices: OncallChoices,
  existing: OncallGroup | undefined,
) {
  const usergroupOptions = choices.usergroups.slice(0, MAX_OPTIONS).map((
    u,
  ) => ({
    text: text(truncate(`@${u.handle} (${u.name})`, 75)),
    value: u.id,
  }));
  const scheduleOptions = choices.schedules.map((s) => ({
    text: text(truncate(s.name, 75)),
    value: scheduleValue(s.id),
  }));
  const levelOptions = choices.policies.flatMap((p) =>
    Array.from({ length: p.levels }, (_, i) => ({
      text: text(`${truncate(p.name, 60)} · level ${i + 1}`),
      value: levelValue(p.id, i + 1),
    }))
  );
  const keptSchedules = scheduleOptions.slice(0, MAX_OPTIONS);
  const keptLevels = levelOptions.slice(
    0,
    MAX_OPTIONS - keptSchedules.length,
  );
  const groups = [
    { label: text("Schedules"), options: keptSchedules },
    { label: text("Escalation policy levels"), options: keptLevels },
  ].filter((g) => g.options.length > 0);
  const existingSource = existing &&
    (existing.source_type === "schedule"
      ? scheduleValue(existing.source_id)
      : levelValue(existing.source_id, existing.escalation_level ?? 1));
  const initialSource = groups.flatMap((g) => g.options).find((o) =>
    o.value === existingSource
  );
  const initialGroup = usergroupOptions.find((o) =>
    o.value === existing?.usergroup_id
  );
  return {
    type: "modal",
    callback_id: ONCALL_FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: text(existing ? "Edit on-call group" : "Add on-call group"),
    submit: text("Save"),
    close: text("Back"),
    notify_on_close: true,
    blocks: [
      {
        type: "input",
        block_id: ONCALL_FIELDS.usergroup,
        label: text("Slack user group"),
        hint: text(
          "Its members are replaced by who is on call; someone editing it by hand pauses that.",
        ),
        element: {
          type: "static_select",
          action_id: ONCALL_FIELDS.usergroup,
          options: usergroupOptions,
          ...(initialGroup ? { initial_option: initialGroup } : {}),
        },
      },
      {
        type: "input",
        block_id: ONCALL_FIELDS.source,
        label: text("Who is on call on"),
        element: {
          type: "static_select",
          action_id: ONCALL_FIELDS.source,
          option_groups: groups,
          ...(initialSource ? { initial_option: initialSource } : {}),
        },
      },
      ...(choices.schedulesUnavailable
        ? [{ type: "context", elements: [md(choices.schedulesUnavailable)] }]
        : []),
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { selected_option?: { value: string } | null } | undefined>
>;

/** The form's answers as the bridge's request, or per-block errors. */
export function readOncallGroupForm(
  values: StateValues,
):
  | { ok: true; request: OncallGroupRequest }
  | { ok: false; errors: Record<string, string> } {
  const get = (f: string) => values[f]?.[f]?.selected_option?.value ?? "";
  const usergroup = get(ONCALL_FIELDS.usergroup);
  const source = /^(?:schedule:([^:]+)|escalation_policy:([^:]+):(\d+))$/
    .exec(get(ONCALL_FIELDS.source));
  const errors: Record<string, string> = {};
  if (!usergroup) errors[ONCALL_FIELDS.usergroup] = "Choose a user group.";
  if (!source) {
    errors[ONCALL_FIELDS.source] =
      "Choose a schedule or an escalation policy level.";
  }
  if (!usergroup || !source) return { ok: false, errors };
  return {
    ok: true,
    request: source[1]
      ? {
        usergroup_id: usergroup,
        source_type: "schedule",
        source_id: source[1],
        escalation_level: null,
      }
      : {
        usergroup_id: usergroup,
        source_type: "escalation_policy",
        source_id: source[2] as string,
        escalation_level: Number(source[3]),
      },
  };
}
