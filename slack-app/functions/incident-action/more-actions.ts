import {
  type BridgeClient,
  describeBridgeFailure,
} from "../../bridge/bridge-client.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../../shared/cards/slack-mention.ts";
import {
  type Choice,
  listPriorities,
  toOption,
} from "../../pagerduty/list-choices.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";
import type { ActionOutcome } from "./incident-action-context.ts";

/** block_id = action_id = field name in every "more" form. */
export const MORE_FIELDS = {
  text: "text",
  choice: "choice",
  choices: "choices",
  channel: "channel",
  visibility: "visibility",
} as const;

export interface MoreFormValues {
  text?: string;
  choice?: string;
  choices: string[];
  channel?: string;
  visibility?: string;
}

interface MoreActionDeps {
  pagerDuty: PagerDutyClient;
  bridge: BridgeClient;
  incident: PagerDutyIncident;
  userId: string;
}

export interface MoreAction {
  label: string;
  /** Verb phrase for messages: "add a note to this incident". */
  attempted: string;
  /** Input blocks of the form (PagerDuty choices are read when the form opens). */
  form(deps: MoreActionDeps): Promise<Record<string, unknown>[]>;
  run(
    deps: MoreActionDeps,
    values: MoreFormValues,
  ): Promise<{ outcome: ActionOutcome; message: string }>;
  /** Whether the bridge should re-render the card afterwards. */
  refreshesCard: boolean;
}

const text = (t: string) => ({ type: "plain_text", text: t });

function input(
  field: string,
  label: string,
  element: Record<string, unknown>,
  optional = false,
) {
  return {
    type: "input",
    block_id: field,
    optional,
    label: text(label),
    element: { ...element, action_id: field },
  };
}

const textInput = (label: string, max = 3000) =>
  input(MORE_FIELDS.text, label, {
    type: "plain_text_input",
    multiline: true,
    max_length: max,
  });

const select = (label: string, choices: Choice[]) =>
  input(MORE_FIELDS.choice, label, {
    type: "static_select",
    options: choices.map(toOption),
  });

const path = (incident: PagerDutyIncident, suffix = "") =>
  `/incidents/${encodeURIComponent(incident.id)}${suffix}`;

const label = (incident: PagerDutyIncident) =>
  `#${incident.incident_number} ${escapeMrkdwn(incident.title)}`;

async function listUsers(pd: PagerDutyClient): Promise<Choice[]> {
  const r = await pd.get<{ users: { id: string; name: string }[] }>("/users", {
    limit: 100,
  });
  return r.users.map(({ id, name }) => ({ id, name }));
}

/** PUT /incidents/{id} with one change, as the user. */
async function updateIncident(
  pd: PagerDutyClient,
  incident: PagerDutyIncident,
  change: Record<string, unknown>,
): Promise<PagerDutyIncident> {
  const r = await pd.put<{ incident: PagerDutyIncident }>(path(incident), {
    incident: { type: "incident_reference", ...change },
  });
  return r.incident;
}

const done = (message: string) => ({ outcome: "done" as const, message });

/** Every entry of the "More actions" menu, in menu order. */
export const MORE_ACTIONS: Record<string, MoreAction> = {
  note: {
    label: "Add a note",
    attempted: "add a note to this incident",
    refreshesCard: true,
    form: () => Promise.resolve([textInput("Note", 25_000)]),
    async run({ pagerDuty, incident }, values) {
      await pagerDuty.post(path(incident, "/notes"), {
        note: { content: values.text ?? "" },
      });
      return done(`:memo: Note added to ${label(incident)}.`);
    },
  },
  escalate: {
    label: "Escalate",
    attempted: "escalate this incident",
    refreshesCard: true,
    async form({ pagerDuty, incident }) {
      const { escalation_policy } = await pagerDuty.get<
        { escalation_policy: { escalation_rules: unknown[] } }
      >(
        `/escalation_policies/${
          encodeURIComponent(incident.escalation_policy.id)
        }`,
      );
      const levels = escalation_policy.escalation_rules.map((_, i) => ({
        id: String(i + 1),
        name: `Level ${i + 1}`,
      }));
      return [select("Escalate to", levels)];
    },
    async run({ pagerDuty, incident }, values) {
      const level = Number(values.choice);
      await updateIncident(pagerDuty, incident, { escalation_level: level });
      return done(
        `:arrow_double_up: ${label(incident)} escalated to level ${level}.`,
      );
    },
  },
  reassign: {
    label: "Reassign",
    attempted: "reassign this incident",
    refreshesCard: true,
    async form({ pagerDuty }) {
      return [select("Assign to", await listUsers(pagerDuty))];
    },
    async run({ pagerDuty, incident }, values) {
      const updated = await updateIncident(pagerDuty, incident, {
        assignments: [{
          assignee: { id: values.choice, type: "user_reference" },
        }],
      });
      const who = escapeMrkdwn(
        (updated.assignments ?? []).map((a) => a.assignee.summary).join(", "),
      );
      return done(
        `:bust_in_silhouette: ${label(incident)} reassigned${
          who ? ` to ${who}` : ""
        }.`,
      );
    },
  },
  priority: {
    label: "Change priority",
    attempted: "change this incident's priority",
    refreshesCard: true,
    async form({ pagerDuty }) {
      const priorities = await listPriorities(pagerDuty);
      if (priorities.length === 0) {
        return [{
          type: "section",
          text: {
            type: "mrkdwn",
            text: "This PagerDuty account has no priorities.",
          },
        }];
      }
      return [select("Priority", priorities)];
    },
    async run({ pagerDuty, incident }, values) {
      const updated = await updateIncident(pagerDuty, incident, {
        priority: { id: values.choice, type: "priority_reference" },
      });
      return done(
        `:label: ${label(incident)} priority is now ${
          escapeMrkdwn(updated.priority?.summary ?? String(values.choice))
        }.`,
      );
    },
  },
  urgency: {
    label: "Change urgency",
    attempted: "change this incident's urgency",
    refreshesCard: true,
    form: () =>
      Promise.resolve([select("Urgency", [
        { id: "high", name: "High" },
        { id: "low", name: "Low" },
      ])]),
    async run({ pagerDuty, incident }, values) {
      await updateIncident(pagerDuty, incident, { urgency: values.choice });
      return done(
        `:rotating_light: ${label(incident)} urgency is now ${
          escapeMrkdwn(String(values.choice))
        }.`,
      );
    },
  },
  workflow: {
    label: "Run an incident workflow",
    attempted: "run that incident workflow",
    refreshesCard: false,
    async form({ pagerDuty }) {
      const r = await pagerDuty.get<
        { incident_workflows: { id: string; name: string }[] }
      >("/incident_workflows", { limit: 100 });
      return [
        select(
          "Workflow",
          r.incident_workflows.map(({ id, name }) => ({ id, name })),
        ),
      ];
    },
    async run({ pagerDuty, incident }, values) {
      await pagerDuty.post(
        `/incident_workflows/${
          encodeURIComponent(values.choice ?? "")
        }/instances`,
        {
          incident_workflow_instance: {
            incident: { id: incident.id, type: "incident_reference" },
          },
        },
      );
      return done(`:gear: Incident workflow started on ${label(incident)}.`);
    },
  },
  responders: {
    label: "Add responders",
    attempted: "add responders to this incident",
    refreshesCard: true,
    async form({ pagerDuty }) {
      const users = await listUsers(pagerDuty);
      return [
        input(MORE_FIELDS.choices, "Responders", {
          type: "multi_static_select",
          options: users.map(toOption),
        }),
        textInput("Message to them", 1000),
      ];
    },
    async run({ pagerDuty, incident }, values) {
      const me = await pagerDuty.me();
      // Unwrapped body; targets in the documented wrapper.
      await pagerDuty.post(path(incident, "/responder_requests"), {
        requester_id: me.id,
        message: values.text ?? "",
        responder_request_targets: values.choices.map((id) => ({
          responder_request_target: { id, type: "user_reference" },
        })),
      });
      return done(
        `:sos: Asked ${values.choices.length} responder(s) to join ${
          label(incident)
        }.`,
      );
    },
  },
  status: {
    label: "Post a status update",
    attempted: "post a status update",
    refreshesCard: false,
    form: () => Promise.resolve([textInput("Status update")]),
    async run({ pagerDuty, incident }, values) {
      await pagerDuty.post(path(incident, "/status_updates"), {
        message: values.text ?? "",
      });
      return done(`:loudspeaker: Status update posted on ${label(incident)}.`);
    },
  },
  channel: {
    label: "Incident channel",
    attempted: "set up the incident channel",
    refreshesCard: false,
    form: () =>
      Promise.resolve([
        input(MORE_FIELDS.visibility, "Channel", {
          type: "radio_buttons",
          options: [
            { text: text("Create a public channel"), value: "public" },
            { text: text("Create a private channel"), value: "private" },
            { text: text("Use an existing channel"), value: "existing" },
          ],
        }),
        input(MORE_FIELDS.channel, "Existing channel", {
          type: "conversations_select",
          filter: { include: ["public", "private"], exclude_bot_users: true },
        }, true),
      ]),
    async run({ bridge, incident, userId }, values) {
      const request = values.visibility === "existing"
        ? values.channel
          ? { channel_id: values.channel, invite_user_ids: [userId] }
          : undefined
        : {
          create: { private: values.visibility === "private" },
          invite_user_ids: [userId],
        };
      if (!request) {
        return {
          outcome: "failed",
          message: ":grey_question: Choose the existing channel to use.",
        };
      }
      const r = await bridge.setIncidentChannel(incident.id, request);
      if (!r.ok) {
        return {
          outcome: "failed",
          message: describeBridgeFailure(
            r.failure,
            "set up the incident channel",
          ),
        };
      }
      return done(
        `:hash: ${
          slackMention(r.value.channel_id) ?? "The channel"
        } is the incident channel of ${
          label(incident)
        }; its card and updates follow there.`,
      );
    },
  },
};

type StateValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
      selected_conversation?: string | null;
    } | undefined
  >
>;

export function readMoreForm(values: StateValues): MoreFormValues {
  const get = (f: string) => values[f]?.[f];
  return {
    text: get(MORE_FIELDS.text)?.value?.trim() || undefined,
    choice: get(MORE_FIELDS.choice)?.selected_option?.value,
    choices: (get(MORE_FIELDS.choices)?.selected_options ?? []).map((o) =>
      o.value
    ),
    channel: get(MORE_FIELDS.channel)?.selected_conversation ?? undefined,
    visibility: get(MORE_FIELDS.visibility)?.selected_option?.value,
  };
}
