import type { ModalFrame } from "../../messages/loading-modal.ts";
import {
  INCIDENT_EVENT_TYPES,
  type IncidentEventType,
} from "../../../shared/pagerduty/event-types.ts";
import type {
  ChannelConnections,
  Connection as BridgeConnection,
  DeliveryProblem,
} from "../../../shared/bridge-api/bridge-api-schemas.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { slackDate } from "../../../shared/cards/slack-date.ts";
import { slackMention } from "../../../shared/cards/slack-mention.ts";
import { type Choice, toOption } from "../../pagerduty/list-choices.ts";
import { EVENT_LABELS } from "./event-labels.ts";
import { ONCALL_ACTIONS } from "./oncall-group-views.ts";

export const LIST_VIEW_CALLBACK_ID = "connections_list";
export const FORM_VIEW_CALLBACK_ID = "connection_form";

/** The list modal's title and callback, from its loading view to the list. */
export const LIST_FRAME: ModalFrame = {
  callbackId: LIST_VIEW_CALLBACK_ID,
  title: "Channel connections",
};

export const CONNECT_ACTIONS = {
  add: "connection_add",
  edit: "connection_edit",
  remove: "connection_remove",
} as const;

/** block_id = action_id = field name. */
export const FORM_FIELDS = {
  source: "source",
  notificationType: "notification_type",
  events: "events",
  urgency: "urgency",
  priorities: "priorities",
  threadUpdates: "thread_updates",
  handoffs: "handoffs",
} as const;

/** The bridge's 400 names a field; this is the form block that shows the error. */
export const FIELD_FOR_BRIDGE_ERROR: Record<string, string> = {
  source_type: FORM_FIELDS.source,
  source_id: FORM_FIELDS.source,
  notification_type: FORM_FIELDS.notificationType,
  events: FORM_FIELDS.events,
  urgency: FORM_FIELDS.urgency,
  priorities: FORM_FIELDS.priorities,
  thread_updates: FORM_FIELDS.threadUpdates,
  handoffs: FORM_FIELDS.handoffs,
};

export const NO_PRIORITY = "no_priority";

export interface SourceNames {
  services: Choice[];
  teams: Choice[];
  /** Why `teams` is empty when PagerDuty would not list them (mrkdwn, teams-unavailable.ts). */
  teamsUnavailable?: string;
}

export interface FormMetadata {
  channel_id: string;
  connection_id: string;
}

const text = (t: string) => ({ type: "plain_text", text: t });
const md = (t: string) => ({ type: "mrkdwn", text: t });

export function describeConnection(
  c: BridgeConnection,
  names: SourceNames,
): string {
  const list = c.source_type === "service" ? names.services : names.teams;
  const name = list.find((s) => s.id === c.source_id)?.name ?? c.source_id;
  const filters = [
    c.urgency ? `${c.urgency} urgency only` : "any urgency",
    c.priorities ? `priorities: ${c.priorities.length}` : "any priority",
  ];
  return `*${
    escapeMrkdwn(name)
  }* (${c.source_type}) · ${c.notification_type} · ${c.events.length} update types · ${
    filters.join(", ")
  } · updates ${c.thread_updates ? "in a thread" : "in the channel"}${
    c.handoffs ? " · shift handoffs" : ""
  }`;
}

/** What the admin reads when the bridge cannot post here, and what fixes it. */
export function describeDeliveryProblem(problem: DeliveryProblem): string {
  const waiting = problem.parked_jobs === 1
    ? "1 card or update is waiting"
    : `${problem.parked_jobs} cards and updates are waiting`;
  const since = slackDate(problem.since);
  const code = escapeMrkdwn(problem.error);
  return problem.scope === "channel"
    ? `:warning: *PagerDuty cards cannot be posted here*: Slack refuses the bridge's bot in this channel (\`${code}\`, since ${since}); ${waiting}. Invite the bot (\`/invite @PagerSlack\`), then open a connection and save it again: everything waiting is posted then.`
    : `:warning: *PagerDuty cards cannot be posted anywhere*: Slack refuses the bridge's bot token (\`${code}\`, since ${since}); ${waiting} for this channel. Ask whoever runs the bridge to set a working SLACK_BOT_TOKEN and restart it: everything waiting is posted then.`;
}

export function connectionsListView(
  channelId: string,
  { connections, delivery_problem: problem }: ChannelConnections,
  names: SourceNames,
  notice?: string,
) {
  const channel = slackMention(channelId) ?? "This channel";
  const rows = connections.flatMap((c) => [
    {
      type: "section",
      block_id: `connection:${c.id}`,
      text: md(describeConnection(c, names)),
      accessory: {
        type: "overflow",
        action_id: CONNECT_ACTIONS.edit,
        options: [
          { text: text("Edit"), value: `edit:${c.id}` },
          { text: text("Remove"), value: `remove:${c.id}` },
        ],
      },
    },
  ]);
  return {
    type: "modal",
    callback_id: LIST_FRAME.callbackId,
    private_metadata: channelId,
    title: text(LIST_FRAME.title),
    close: text("Done"),
    notify_on_close: true,
    blocks: [
      ...(notice ? [{ type: "context", elements: [md(notice)] }] : []),
      ...(problem
        ? [{ type: "section", text: md(describeDeliveryProblem(problem)) }]
        : []),
      ...(names.teamsUnavailable
        ? [{ type: "context", elements: [md(names.teamsUnavailable)] }]
        : []),
      {
        type: "section",
        text: md(
          connections.length
            ? `${channel} receives PagerDuty incidents from:`
            : `${channel} is not connected to PagerDuty yet. Add a connection to post incident cards here.`,
        ),
      },
      ...rows,
      {
        type: "actions",
        elements: [{
          type: "button",
          action_id: CONNECT_ACTIONS.add,
          text: text("Add a connection"),
          style: "primary",
        }, {
          type: "button",
          action_id: ONCALL_ACTIONS.open,
          text: text("On-call user groups"),
        }],
      },
    ],
  };
}

const sourceValue = (kind: "service" | "team", id: string) => `${kind}:${id}`;

export function connectionFormView(
  metadata: FormMetadata,
  names: SourceNames,
  priorities: Choice[],
  existing: BridgeConnection | undefined,
) {
  const groups = [
    {
      label: text("Services"),
      options: names.services.map((s) => ({
        ...toOption(s),
        value: sourceValue("service", s.id),
      })),
    },
    {
      label: text("Teams"),
      options: names.teams.map((t) => ({
        ...toOption(t),
        value: sourceValue("team", t.id),
      })),
    },
  ].filter((g) => g.options.length > 0);
  const initialSource = existing &&
    groups.flatMap((g) => g.options).find((o) =>
      o.value === sourceValue(existing.source_type, existing.source_id)
    );
  const eventOptions = INCIDENT_EVENT_TYPES.map((e) => ({
    text: text(EVENT_LABELS[e]),
    value: e,
  }));
  const chosenEvents: readonly string[] = existing?.events ??
    INCIDENT_EVENT_TYPES;
  const kinds = [
    { text: text("Responder: cards with buttons"), value: "responder" },
    { text: text("Stakeholder: cards without buttons"), value: "stakeholder" },
  ];
  const urgencies = [
    { text: text("Any urgency"), value: "any" },
    { text: text("High only"), value: "high" },
    { text: text("Low only"), value: "low" },
  ];
  const priorityOptions = [
    ...priorities.map(toOption),
    { text: text("No priority set"), value: NO_PRIORITY },
  ];
  const thread = {
    text: text("Post updates in a thread under the card"),
    value: "thread",
  };
  const handoff = {
    text: text(
      "Post shift handoffs: who is on call now, with the open incidents",
    ),
    description: text(
      "Services only: follows level 1 of the service's escalation policy.",
    ),
    value: "handoffs",
  };
  const input = (
    field: string,
    label: string,
    element: Record<string, unknown>,
    optional = false,
    hint?: string,
  ) => ({
    type: "input",
    block_id: field,
    optional,
    label: text(label),
    ...(hint ? { hint: text(hint) } : {}),
    element: { ...element, action_id: field },
  });
  return {
    type: "modal",
    callback_id: FORM_VIEW_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: text(existing ? "Edit connection" : "Add a connection"),
    submit: text("Save"),
    close: text("Back"),
    notify_on_close: true,
    blocks: [
      input(FORM_FIELDS.source, "Service or team", {
        type: "static_select",
        option_groups: groups,
        ...(initialSource ? { initial_option: initialSource } : {}),
      }),
      ...(names.teamsUnavailable
        ? [{ type: "context", elements: [md(names.teamsUnavailable)] }]
        : []),
      input(FORM_FIELDS.notificationType, "Kind of channel", {
        type: "radio_buttons",
        options: kinds,
        initial_option: kinds.find((k) =>
          k.value === (existing?.notification_type ?? "responder")
        ),
      }),
      input(FORM_FIELDS.events, "Updates to post", {
        type: "multi_static_select",
        options: eventOptions,
        initial_options: eventOptions.filter((o) =>
          chosenEvents.includes(o.value)
        ),
      }),
      input(FORM_FIELDS.urgency, "Urgency", {
        type: "static_select",
        options: urgencies,
        initial_option: urgencies.find((u) =>
          u.value === (existing?.urgency ?? "any")
        ),
      }),
      input(
        FORM_FIELDS.priorities,
        "Priorities",
        {
          type: "multi_static_select",
          options: priorityOptions,
          ...(existing?.priorities?.length
            ? {
              initial_options: priorityOptions.filter((o) =>
                existing.priorities?.includes(o.value)
              ),
            }
            : {}),
        },
        true,
        "Leave empty for every priority.",
      ),
      input(
        FORM_FIELDS.threadUpdates,
        "Threads",
        {
          type: "checkboxes",
          options: [thread],
          ...(existing?.thread_updates ?? true
            ? { initial_options: [thread] }
            : {}),
        },
        true,
      ),
      input(
        FORM_FIELDS.handoffs,
        "Shift handoffs",
        {
          type: "checkboxes",
          options: [handoff],
          ...(existing?.handoffs ? { initial_options: [handoff] } : {}),
        },
        true,
      ),
    ],
  };
}

type StateValues = Record<string, Record<string, FormValue | undefined>>;
interface FormValue {
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

/** The form's answers as a connection, or per-block errors. */
export function readConnectionForm(
  metadata: FormMetadata,
  values: StateValues,
):
  | { ok: true; connection: BridgeConnection }
  | { ok: false; errors: Record<string, string> } {
  const get = (f: string) => values[f]?.[f];
  const source = /^(service|team):(.+)$/.exec(
    get(FORM_FIELDS.source)?.selected_option?.value ?? "",
  );
  const events = (get(FORM_FIELDS.events)?.selected_options ?? []).map((o) =>
    o.value
  ) as IncidentEventType[];
  const errors: Record<string, string> = {};
  if (!source) errors[FORM_FIELDS.source] = "Choose a service or a team.";
  if (events.length === 0) {
    errors[FORM_FIELDS.events] = "Choose at least one kind of update.";
  }
  if (!source) return { ok: false, errors };
  if (events.length === 0) return { ok: false, errors };
  const urgency = get(FORM_FIELDS.urgency)?.selected_option?.value;
  const priorities = (get(FORM_FIELDS.priorities)?.selected_options ?? []).map(
    (o) => o.value,
  );
  return {
    ok: true,
    connection: {
      id: metadata.connection_id,
      channel_id: metadata.channel_id,
      source_type: source[1] as "service" | "team",
      source_id: source[2] as string,
      notification_type:
        get(FORM_FIELDS.notificationType)?.selected_option?.value ===
            "stakeholder"
          ? "stakeholder"
          : "responder",
      events,
      urgency: urgency === "high" || urgency === "low" ? urgency : null,
      priorities: priorities.length ? priorities : null,
      thread_updates: (get(FORM_FIELDS.threadUpdates)?.selected_options ?? [])
        .length > 0,
      handoffs: (get(FORM_FIELDS.handoffs)?.selected_options ?? []).length > 0,
    },
  };
}
