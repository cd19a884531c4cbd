// Cards whose buttons Slack refuses still go out. The buttons are `workflow_button`s starting the hosted app's
// link trigger, in messages of the bridge's classic app. Slack documents neither that it takes nor that it
// refuses such a button: the workflow button reference (docs.slack.dev/reference/block-kit/block-elements/
// workflow-button-element) and the link trigger guide (api.slack.com/future/triggers/link, "create it as a
// workflow button") say nothing about which apps may post one. So the sender treats a refusal of a card with
// buttons as a fact about the workspace: it sends the same card without them (the card keeps its "Open in
// PagerDuty" link), remembers it for every replica, and renders later cards without buttons at once, until
// `doctor --probe-buttons CHANNEL` sees Slack take one (or another trigger URL is configured).
import type { BridgeDb } from "../db/database.ts";
import {
  deleteSetting,
  readSetting,
  type Setting,
  writeSetting,
} from "../db/bridge-settings.ts";
import { WORKSPACE_BLOCK_KEY } from "./delivery-blocks.ts";
import type { SlackMessage } from "./card-renderer.ts";

/** Slack's answers to chat.postMessage / chat.update that may mean "not these blocks" (methods/chat.*.json). */
export const BUTTON_REFUSAL_ERRORS: ReadonlySet<string> = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
]);

/** Per workspace; one today, like the delivery blocks. */
const KEY = `buttons_refused:${WORKSPACE_BLOCK_KEY}`;

export interface ButtonsRefusal {
  /** Slack's error code. */
  error: string;
  /** The method that refused (chat.postMessage or chat.update). */
  method: string;
}

export function hasWorkflowButtons(message: SlackMessage): boolean {
  return message.blocks.some((block) => {
    const b = block as { accessory?: { type?: unknown }; elements?: unknown };
    return b.accessory?.type === "workflow_button" ||
      (Array.isArray(b.elements) &&
        b.elements.some((e) =>
          (e as { type?: unknown })?.type === "workflow_button"
        ));
  });
}

/** True when `error` answered a message with buttons in a way that may be about the buttons. */
export function mayRefuseButtons(
  error: { error: string },
  message: SlackMessage,
): boolean {
  return BUTTON_REFUSAL_ERRORS.has(error.error) && hasWorkflowButtons(message);
}

export function readButtonsRefusal(
  db: BridgeDb,
): Promise<Setting<ButtonsRefusal> | null> {
  return readSetting<ButtonsRefusal>(db, KEY);
}

/** True when it was not remembered before: the caller says so once. */
export function rememberButtonsRefusal(
  db: BridgeDb,
  refusal: ButtonsRefusal,
  now: Date,
): Promise<boolean> {
  return writeSetting(db, KEY, refusal, now);
}

/** True when a refusal was remembered. */
export function forgetButtonsRefusal(db: BridgeDb): Promise<boolean> {
  return deleteSetting(db, KEY);
}
