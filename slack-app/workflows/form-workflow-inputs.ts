import { Schema } from "deno-slack-sdk/mod.ts";

/**
 * The inputs of a workflow whose link trigger opens a form: who clicked, where (optional: bookmarks and
 * shortcuts outside a channel have none), and the interactivity that lets its function open a modal.
 */
export const FORM_WORKFLOW_INPUTS = {
  properties: {
    user_id: { type: Schema.slack.types.user_id },
    channel_id: { type: Schema.slack.types.channel_id },
    interactivity: { type: Schema.slack.types.interactivity },
  },
  required: ["user_id", "interactivity"] as Array<"user_id" | "interactivity">,
};
