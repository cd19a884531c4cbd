import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { openView } from "./open-view.ts";

/** What a function handler answers after trying to open its form. */
export type OpenFormAnswer = { completed: false } | { error: string };

/**
 * Opens a function's modal and answers for the handler: `completed: false` keeps the function running until its
 * view submission or view-closed handler completes it; without a modal the function fails, so Slack shows the
 * user the error.
 */
export async function openForm(
  client: SlackAPIClient,
  interactivityPointer: string | undefined,
  view: Record<string, unknown>,
): Promise<OpenFormAnswer> {
  const opened = await openView(client, interactivityPointer, view);
  if (!opened.ok) return { error: `Could not open the form (${opened.error})` };
  return { completed: false };
}
