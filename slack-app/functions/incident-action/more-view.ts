import type { ModalFrame } from "../../messages/loading-modal.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { incidentDetails } from "./incident-details.ts";
import { MORE_ACTIONS } from "./more-actions.ts";

export const MORE_MENU_CALLBACK_ID = "more_actions";
export const MORE_FORM_CALLBACK_ID = "more_form";
export const MORE_CHOOSE_ACTION_ID = "more_choose";

/** The menu while the incident loads: its number is not known before PagerDuty answers. */
export const MORE_MENU_FRAME: ModalFrame = {
  callbackId: MORE_MENU_CALLBACK_ID,
  title: "Incident actions",
};

export interface MoreFormMetadata {
  incident_id: string;
  kind: string;
}

const text = (t: string) => ({ type: "plain_text", text: t });

/** The "More actions…" modal: the incident's details and a menu of what else can be done. */
export function moreMenuView(incident: PagerDutyIncident) {
  return {
    type: "modal",
    callback_id: MORE_MENU_CALLBACK_ID,
    private_metadata: incident.id,
    title: text(`Incident #${incident.incident_number}`.slice(0, 24)),
    close: text("Close"),
    notify_on_close: true,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: incidentDetails(incident) },
      },
      { type: "divider" },
      {
        type: "actions",
        block_id: "more_menu",
        elements: [{
          type: "static_select",
          action_id: MORE_CHOOSE_ACTION_ID,
          placeholder: text("Choose an action"),
          options: Object.entries(MORE_ACTIONS).filter(([, a]) =>
            a.availableFor?.(incident) ?? true
          ).map(([kind, a]) => ({
            text: text(a.label),
            value: kind,
          })),
        }],
      },
    ],
  };
}

export function moreFormView(
  metadata: MoreFormMetadata,
  incident: PagerDutyIncident,
  blocks: Record<string, unknown>[],
) {
  const action = MORE_ACTIONS[metadata.kind];
  const canSubmit = blocks.some((b) => b.type === "input");
  return {
    type: "modal",
    callback_id: MORE_FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: text((action?.label ?? "Incident action").slice(0, 24)),
    ...(canSubmit ? { submit: text("Save") } : {}),
    close: text("Cancel"),
    notify_on_close: true,
    blocks: [
      {
        type: "context",
        elements: [{
          type: "mrkdwn",
          text: escapeMrkdwn(
            `#${incident.incident_number} ${incident.title}`,
            3000,
          ),
        }],
      },
      ...blocks,
    ],
  };
}
