import type { ModalFrame } from "../../messages/loading-modal.ts";

/** The optional resolution note modal; `private_metadata` carries the incident id to the submission. */
export const RESOLVE_VIEW_CALLBACK_ID = "resolve_incident";

export const RESOLVE_FRAME: ModalFrame = {
  callbackId: RESOLVE_VIEW_CALLBACK_ID,
  title: "Resolve incident",
};
export const RESOLUTION_BLOCK_ID = "resolution";
export const RESOLUTION_ACTION_ID = "resolution_note";

export function resolveView(incidentId: string) {
  return {
    type: "modal",
    callback_id: RESOLVE_FRAME.callbackId,
    private_metadata: incidentId,
    title: { type: "plain_text", text: RESOLVE_FRAME.title },
    submit: { type: "plain_text", text: "Resolve" },
    close: { type: "plain_text", text: "Cancel" },
    notify_on_close: true,
    blocks: [
      {
        type: "input",
        block_id: RESOLUTION_BLOCK_ID,
        optional: true,
        label: { type: "plain_text", text: "Resolution note" },
        hint: {
          type: "plain_text",
          text: "Added to the incident's timeline in PagerDuty.",
        },
        element: {
          type: "plain_text_input",
          action_id: RESOLUTION_ACTION_ID,
          multiline: true,
          max_length: 3000,
        },
      },
    ],
  };
}
