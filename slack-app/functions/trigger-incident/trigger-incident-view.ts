import type { ModalFrame } from "../../messages/loading-modal.ts";
import { type Choice, toOption } from "../../pagerduty/list-choices.ts";

export const TRIGGER_VIEW_CALLBACK_ID = "trigger_incident";

/** The modal's title and callback, from its loading view to the form. */
export const TRIGGER_FRAME: ModalFrame = {
  callbackId: TRIGGER_VIEW_CALLBACK_ID,
  title: "Trigger an incident",
};

/** block_id = action_id = field name, so reading the submission is one table. */
const TRIGGER_FIELDS = {
  title: "title",
  service: "service",
  urgency: "urgency",
  priority: "priority",
  description: "description",
  assignToMe: "assign_to_me",
} as const;

const URGENCIES = [
  { text: { type: "plain_text", text: "High" }, value: "high" },
  { text: { type: "plain_text", text: "Low" }, value: "low" },
];

export function triggerIncidentView(
  services: Choice[],
  priorities: Choice[],
  initialServiceId: string | undefined,
  /** From `/pd trigger [title]`. */
  initialTitle?: string,
) {
  const serviceOptions = services.map(toOption);
  const initialService = serviceOptions.find((o) =>
    o.value === initialServiceId
  );
  const input = (
    field: string,
    label: string,
    element: Record<string, unknown>,
    optional = false,
  ) => ({
    type: "input",
    block_id: field,
    optional,
    label: { type: "plain_text", text: label },
    element: { ...element, action_id: field },
  });
  return {
    type: "modal",
    callback_id: TRIGGER_FRAME.callbackId,
    title: { type: "plain_text", text: TRIGGER_FRAME.title },
    submit: { type: "plain_text", text: "Trigger" },
    close: { type: "plain_text", text: "Cancel" },
    notify_on_close: true,
    blocks: [
      input(TRIGGER_FIELDS.title, "Title", {
        type: "plain_text_input",
        max_length: 1024,
        ...(initialTitle?.trim() ? { initial_value: initialTitle.trim() } : {}),
      }),
      input(TRIGGER_FIELDS.service, "Service", {
        type: "static_select",
        options: serviceOptions,
        ...(initialService ? { initial_option: initialService } : {}),
      }),
      input(TRIGGER_FIELDS.urgency, "Urgency", {
        type: "static_select",
        options: URGENCIES,
        initial_option: URGENCIES[0],
      }),
      ...(priorities.length
        ? [input(TRIGGER_FIELDS.priority, "Priority", {
          type: "static_select",
          options: priorities.map(toOption),
        }, true)]
        : []),
      input(TRIGGER_FIELDS.description, "Description", {
        type: "plain_text_input",
        multiline: true,
      }, true),
      input(TRIGGER_FIELDS.assignToMe, "Assignment", {
        type: "checkboxes",
        options: [{
          text: { type: "plain_text", text: "Assign to me" },
          value: "yes",
        }],
      }, true),
    ],
  };
}

export interface TriggerRequest {
  title: string;
  serviceId: string;
  urgency: "high" | "low";
  priorityId: string | undefined;
  description: string | undefined;
  assignToMe: boolean;
}

type StateValues = Record<string, Record<string, ViewValue | undefined>>;
interface ViewValue {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

/** The form's answers, or per-block errors for `response_action: "errors"`. */
export function readTriggerRequest(
  values: StateValues,
): { ok: true; request: TriggerRequest } | {
  ok: false;
  errors: Record<string, string>;
} {
  const get = (field: string) => values[field]?.[field];
  const title = get(TRIGGER_FIELDS.title)?.value?.trim() ?? "";
  const serviceId = get(TRIGGER_FIELDS.service)?.selected_option?.value;
  const errors: Record<string, string> = {};
  if (!title) errors[TRIGGER_FIELDS.title] = "Give the incident a title.";
  if (!serviceId) errors[TRIGGER_FIELDS.service] = "Choose a service.";
  if (!title || !serviceId) return { ok: false, errors };
  return {
    ok: true,
    request: {
      title,
      serviceId,
      urgency: get(TRIGGER_FIELDS.urgency)?.selected_option?.value === "low"
        ? "low"
        : "high",
      priorityId: get(TRIGGER_FIELDS.priority)?.selected_option?.value,
      description: get(TRIGGER_FIELDS.description)?.value?.trim() || undefined,
      assignToMe: (get(TRIGGER_FIELDS.assignToMe)?.selected_options ?? [])
        .some((o) => o.value === "yes"),
    },
  };
}
