import {
  type BridgeClient,
  describeBridgeFailure,
} from "../../bridge/bridge-client.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../../shared/cards/slack-mention.ts";
import { slackDate } from "../../../shared/cards/slack-date.ts";
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
  targets: "targets",
  duration: "duration",
} as const;

export interface MoreFormValues {
  text?: string;
  choice?: string;
  choices: string[];
  channel?: string;
  visibility?: string;
  /** Add responders: `escalation_policy:ID` / `schedule:ID` picks. */
  targets?: string[];
  /** Snooze: the custom duration as typed ("90m", "2h", "3d"). */
  duration?: string;
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
  /** Whether the menu offers it for this incident (absent: always). */
  availableFor?(incident: PagerDutyIncident): boolean;
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

/** PagerDuty's limit for `duration` (the spec: minimum 1, maximum 604800 seconds, one week). */
const MAX_SNOOZE_SECONDS = 604_800;
const CUSTOM = "custom";
const SNOOZE_CHOICES: Choice[] = [
  { id: "3600", name: "1 hour" },
  { id: "14400", name: "4 hours" },
  { id: "86400", name: "24 hours" },
  { id: CUSTOM, name: "Custom…" },
];

function describeDuration(seconds: number): string {
  const units: [number, string][] = [[86400, "day"], [3600, "hour"], [
    60,
    "minute",
  ]];
  for (const [size, name] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} seconds`;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The snooze length from the form: a preset, or the custom text ("90m", "2h", "1.5h", "3d"; bare = hours). */
export function snoozeSeconds(values: MoreFormValues): Parsed<number> {
  if (values.choice && values.choice !== CUSTOM) {
    return { ok: true, value: Number(values.choice) };
  }
  const typed = values.duration;
  if (!typed) {
    return {
      ok: false,
      message:
        ":grey_question: Type how long to snooze for (e.g. 90m, 2h, 3d), or pick 1, 4 or 24 hours.",
    };
  }
  const m = typed.toLowerCase().match(
    /^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)?$/,
  );
  const unit = m?.[2]?.[0] ?? "h";
  const seconds = m
    ? Math.round(Number(m[1]) * ({ m: 60, h: 3600, d: 86400 })[unit]!)
    : NaN;
  if (
    !Number.isFinite(seconds) || seconds < 60 || seconds > MAX_SNOOZE_SECONDS
  ) {
    return {
      ok: false,
      message: `:grey_question: "${
        escapeMrkdwn(typed)
      }" is not a snooze length PagerDuty accepts: give between 1 minute and 7 days, e.g. 90m, 2h or 3d.`,
    };
  }
  return { ok: true, value: seconds };
}

interface ResponderTeam {
  kind: "escalation_policy" | "schedule";
  id: string;
  name: string;
}

/**
 * Escalation policies (valid responder targets) and the schedules people are on call for. The spec's
 * ResponderRequestTargetReference takes a user or an escalation policy only, so a schedule is asked through
 * the person currently on call for it; GET /oncalls lists schedules without the extra `schedules.read` scope.
 */
async function listResponderTeams(
  pd: PagerDutyClient,
): Promise<ResponderTeam[]> {
  const [policies, oncalls] = await Promise.all([
    pd.get<{ escalation_policies: { id: string; name: string }[] }>(
      "/escalation_policies",
      { limit: 100 },
    ),
    pd.get<{ oncalls: OnCall[] }>("/oncalls", { limit: 100, earliest: true }),
  ]);
  const schedules = new Map<string, string>();
  for (const o of oncalls.oncalls) {
    if (o.schedule) {
      schedules.set(o.schedule.id, o.schedule.summary ?? o.schedule.id);
    }
  }
  return [
    ...policies.escalation_policies.map(({ id, name }) => ({
      kind: "escalation_policy" as const,
      id,
      name,
    })),
    ...[...schedules].map(([id, name]) => ({
      kind: "schedule" as const,
      id,
      name,
    })),
  ];
}

interface OnCall {
  user: { id: string; summary?: string };
  schedule: { id: string; summary?: string } | null;
}

function groupedTeams(teams: ResponderTeam[]) {
  const group = (kind: ResponderTeam["kind"], title: string) => {
    const options = teams.filter((t) => t.kind === kind).map((t) => ({
      text: text(t.name.slice(0, 75)),
      value: `${t.kind}:${t.id}`,
    }));
    return options.length > 0 ? [{ label: text(title), options }] : [];
  };
  return [
    ...group("escalation_policy", "Escalation policies"),
    ...group("schedule", "Schedules (whoever is on call now)"),
  ];
}

type Target = {
  id: string;
  type: "user_reference" | "escalation_policy_reference";
};

/** The form's picks as responder request targets, schedules resolved to their current on-call user. */
async function responderTargets(
  pd: PagerDutyClient,
  values: MoreFormValues,
): Promise<
  | { ok: true; targets: Target[]; names: string[] }
  | { ok: false; message: string }
> {
  const targets: Target[] = values.choices.map((id) => ({
    id,
    type: "user_reference",
  }));
  const names: string[] = [];
  if (values.choices.length > 0) {
    names.push(
      `${values.choices.length} ${
        values.choices.length === 1 ? "person" : "people"
      }`,
    );
  }
  for (const pick of values.targets ?? []) {
    const [kind, id = ""] = pick.split(":", 2);
    if (kind === "escalation_policy") {
      targets.push({ id, type: "escalation_policy_reference" });
      names.push("an escalation policy");
      continue;
    }
    const r = await pd.get<{ oncalls: OnCall[] }>("/oncalls", {
      schedule_ids: [id],
      earliest: true,
      limit: 100,
    });
    const onCall = r.oncalls.find((o) => o.schedule?.id === id);
    if (!onCall) {
      return {
        ok: false,
        message:
          ":grey_question: Nobody is on call for that schedule right now; pick a person or an escalation policy instead.",
      };
    }
    targets.push({ id: onCall.user.id, type: "user_reference" });
    names.push(
      `${onCall.user.summary ?? onCall.user.id} (on call for ${
        onCall.schedule?.summary ?? "the schedule"
      })`,
    );
  }
  const unique = [
    ...new Map(targets.map((t) => [`${t.type}:${t.id}`, t])).values(),
  ];
  if (unique.length === 0) {
    return {
      ok: false,
      message:
        ":grey_question: Pick at least one person, escalation policy or schedule to ask.",
    };
  }
  return { ok: true, targets: unique, names };
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
      const [users, teams] = await Promise.all([
        listUsers(pagerDuty),
        listResponderTeams(pagerDuty),
      ]);
      return [
        input(MORE_FIELDS.choices, "People", {
          type: "multi_static_select",
          options: users.map(toOption),
        }, true),
        ...(teams.length > 0
          ? [input(
            MORE_FIELDS.targets,
            "Escalation policies and schedules",
            {
              type: "multi_static_select",
              option_groups: groupedTeams(teams),
            },
            true,
          )]
          : []),
        textInput("Message to them", 1000),
      ];
    },
    async run({ pagerDuty, incident }, values) {
      const picked = await responderTargets(pagerDuty, values);
      if (!picked.ok) return { outcome: "failed", message: picked.message };
      const me = await pagerDuty.me();
      await pagerDuty.post(path(incident, "/responder_requests"), {
        requester_id: me.id,
        message: values.text ?? "",
        responder_request_targets: picked.targets.map((target) => ({
          responder_request_target: target,
        })),
      });
      return done(
        `:sos: Asked ${escapeMrkdwn(picked.names.join(", "))} to join ${
          label(incident)
        }.`,
      );
    },
  },
  snooze: {
    label: "Snooze",
    attempted: "snooze this incident",
    refreshesCard: true,
    // PagerDuty snoozes acknowledged incidents only (POST /incidents/{id}/snooze answers 1012 otherwise).
    availableFor: (incident) => incident.status === "acknowledged",
    form: () =>
      Promise.resolve([
        select("Snooze for", SNOOZE_CHOICES),
        input(MORE_FIELDS.duration, "Custom duration (e.g. 90m, 2h, 3d)", {
          type: "plain_text_input",
          max_length: 20,
        }, true),
      ]),
    async run({ pagerDuty, incident }, values) {
      const seconds = snoozeSeconds(values);
      if (!seconds.ok) return { outcome: "failed", message: seconds.message };
      await pagerDuty.post(path(incident, "/snooze"), {
        duration: seconds.value,
      });
      // The Incident object carries no snooze end (the spec has none), so the time is PagerDuty's rule: now + duration.
      const until = new Date(Date.now() + seconds.value * 1000);
      return done(
        `:zzz: ${label(incident)} snoozed for ${
          describeDuration(seconds.value)
        } (until ${
          slackDate(until, "{date_short_pretty} {time}")
        }); PagerDuty triggers it again then if it is still open.`,
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
    targets: (get(MORE_FIELDS.targets)?.selected_options ?? []).map((o) =>
      o.value
    ),
    duration: get(MORE_FIELDS.duration)?.value?.trim() || undefined,
  };
}
