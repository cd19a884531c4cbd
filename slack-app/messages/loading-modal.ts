import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { type NotifyTarget, notifyUser } from "./notify-user.ts";

/**
 * Opening a modal first, filling it after. An interactivity pointer opens a view only within about 3 s of the
 * click ("Triggers expire in three seconds", https://api.slack.com/docs/triggers; the next-gen pointer's lifetime
 * is undocumented and reported the same, https://github.com/slackapi/deno-slack-sdk/issues/364), while the
 * content needs Slack's token hand-over plus PagerDuty and bridge calls that can take longer. So every handler
 * spends the pointer at once on a loading view, then replaces it with `views.update`.
 */

/** What a modal keeps across loading, form and explanation: its title and the handlers it belongs to. */
export interface ModalFrame {
  /** The final view's callback_id, so closing the modal while it loads reaches the same view_closed handler. */
  callbackId: string;
  /** Plain text, at most 24 characters (Slack's limit). */
  title: string;
}

/** An open modal: `hash` makes Slack refuse an update when the view changed meanwhile (`hash_conflict`). */
export interface OpenModal {
  frame: ModalFrame;
  viewId: string;
  hash?: string;
}

export type ModalResult =
  | { ok: true; modal: OpenModal }
  | { ok: false; error: string };

const text = (value: string) => ({ type: "plain_text", text: value });

/** The modal while its content loads: same title, nothing to submit yet, Cancel ends the function. */
export function loadingView(frame: ModalFrame): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: frame.callbackId,
    title: text(frame.title),
    close: text("Cancel"),
    notify_on_close: true,
    blocks: [{
      type: "section",
      block_id: "loading",
      text: { type: "mrkdwn", text: ":hourglass_flowing_sand: Loading…" },
    }],
  };
}

/**
 * The modal when the form cannot be shown: why, in the words the ephemeral message uses. Nothing to submit;
 * the function has completed by then, so closing it notifies nobody.
 */
export function explanationView(
  frame: ModalFrame,
  message: string,
): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: frame.callbackId,
    title: text(frame.title),
    close: text("Close"),
    blocks: [{
      type: "section",
      block_id: "explanation",
      text: { type: "mrkdwn", text: message },
    }],
  };
}

/** views.open with the loading view, from the function's interactivity pointer. */
export async function openLoadingModal(
  client: SlackAPIClient,
  interactivityPointer: string | undefined,
  frame: ModalFrame,
): Promise<ModalResult> {
  return await openModal(
    client,
    interactivityPointer,
    frame,
    loadingView(frame),
  );
}

/** views.open of a view that needs nothing loaded first; the answer allows explaining in it later. */
export async function openModal(
  client: SlackAPIClient,
  interactivityPointer: string | undefined,
  frame: ModalFrame,
  view: Record<string, unknown>,
): Promise<ModalResult> {
  if (!interactivityPointer) return { ok: false, error: "no_interactivity" };
  return await answer(
    frame,
    () =>
      client.views.open({ interactivity_pointer: interactivityPointer, view }),
  );
}

/** views.update of an open modal, guarded by the hash of the view this handler last saw. */
export async function updateModal(
  client: SlackAPIClient,
  modal: OpenModal,
  view: Record<string, unknown>,
): Promise<ModalResult> {
  return await answer(
    modal.frame,
    () =>
      client.views.update({
        view_id: modal.viewId,
        ...(modal.hash ? { hash: modal.hash } : {}),
        view,
      }),
  );
}

/** Shows the explanation in the modal; false when it is gone (closed by the user) or Slack refused. */
export async function explainInModal(
  client: SlackAPIClient,
  modal: OpenModal,
  message: string,
): Promise<boolean> {
  return (await updateModal(
    client,
    modal,
    explanationView(modal.frame, message),
  ))
    .ok;
}

/**
 * The explanation where the user looks (the modal, when one is loading) and as an ephemeral message (or DM)
 * that stays after the modal closes.
 */
export async function explainToUser(
  client: SlackAPIClient,
  target: NotifyTarget,
  modal: OpenModal | undefined,
  message: string,
): Promise<void> {
  await Promise.all([
    modal ? explainInModal(client, modal, message) : undefined,
    notifyUser(client, target, message),
  ]);
}

async function answer(
  frame: ModalFrame,
  call: () => Promise<{ ok: boolean; error?: string; view?: unknown }>,
): Promise<ModalResult> {
  try {
    const result = await call();
    if (!result.ok) {
      return { ok: false, error: result.error ?? "unknown_error" };
    }
    const view = result.view as { id?: string; hash?: string } | undefined;
    if (!view?.id) return { ok: false, error: "no_view_in_answer" };
    return {
      ok: true,
      modal: {
        frame,
        viewId: view.id,
        ...(view.hash ? { hash: view.hash } : {}),
      },
    };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return { ok: false, error: status === 429 ? "ratelimited" : String(error) };
  }
}
