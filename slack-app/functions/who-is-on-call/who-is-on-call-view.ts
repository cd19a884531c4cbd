import type { ModalFrame } from "../../messages/loading-modal.ts";
import { type Choice, toOption } from "../../pagerduty/list-choices.ts";

export const ONCALL_VIEW_CALLBACK_ID = "who_is_on_call";

/** The modal's title and callback, from its loading view to the form. */
export const ONCALL_FRAME: ModalFrame = {
  callbackId: ONCALL_VIEW_CALLBACK_ID,
  title: "Who is on call",
};
export const SUBJECT_BLOCK_ID = "subject";
export const SUBJECT_ACTION_ID = "subject_select";

/** Choice values carry their kind: "service:PXXXX" or "escalation_policy:PYYYY". */
export type SubjectKind = "service" | "escalation_policy";

function subjectValue(kind: SubjectKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseSubject(
  value: string,
): { kind: SubjectKind; id: string } | undefined {
  const match = /^(service|escalation_policy):(.+)$/.exec(value);
  return match
    ? { kind: match[1] as SubjectKind, id: match[2] as string }
    : undefined;
}

export function whoIsOnCallView(
  services: Choice[],
  policies: Choice[],
  initialServiceId: string | undefined,
) {
  const group = (label: string, kind: SubjectKind, choices: Choice[]) => ({
    label: { type: "plain_text", text: label },
    options: choices.map((c) => ({
      ...toOption(c),
      value: subjectValue(kind, c.id),
    })),
  });
  const groups = [
    group("Services", "service", services),
    group("Escalation policies", "escalation_policy", policies),
  ].filter((g) => g.options.length > 0);
  const initial = groups.flatMap((g) => g.options).find((o) =>
    initialServiceId && o.value === subjectValue("service", initialServiceId)
  );
  return {
    type: "modal",
    callback_id: ONCALL_FRAME.callbackId,
    title: { type: "plain_text", text: ONCALL_FRAME.title },
    submit: { type: "plain_text", text: "Show" },
    close: { type: "plain_text", text: "Cancel" },
    notify_on_close: true,
    blocks: [
      {
        type: "input",
        block_id: SUBJECT_BLOCK_ID,
        label: { type: "plain_text", text: "Service or escalation policy" },
        element: {
          type: "static_select",
          action_id: SUBJECT_ACTION_ID,
          option_groups: groups,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
    ],
  };
}
