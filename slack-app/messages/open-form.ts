import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import {
  explainInModal,
  type OpenModal,
  updateModal,
} from "./loading-modal.ts";
import { openView } from "./open-view.ts";

/** What a function handler answers after trying to open its form. */
export type OpenFormAnswer = { completed: false } | { error: string };

/** The function's answer when Slack would not open its modal: the function fails, Slack shows the error. */
export function couldNotOpenForm(cause: string): { error: string } {
  return { error: `Could not open the form (${cause})` };
}

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
  if (!opened.ok) return couldNotOpenForm(opened.error);
  return { completed: false };
}

/**
 * Replaces a loading modal (see loading-modal.ts) with the function's form and answers for the handler like
 * `openForm`. A modal the user closed while it loaded (`not_found`) has already completed the function through
 * its view_closed handler, so the function just stays completed. Any other refusal leaves the modal saying
 * "Loading…", so the modal says why first (best effort: Slack may refuse that update too).
 */
export async function fillForm(
  client: SlackAPIClient,
  modal: OpenModal,
  view: Record<string, unknown>,
): Promise<OpenFormAnswer> {
  const filled = await updateModal(client, modal, view);
  if (filled.ok || filled.error === "not_found") return { completed: false };
  await explainInModal(
    client,
    modal,
    `:warning: Slack would not show the form (${
      escapeMrkdwn(filled.error)
    }). Close this and run the workflow again.`,
  );
  return { error: `Could not show the form (${filled.error})` };
}
