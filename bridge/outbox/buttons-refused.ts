// Cards whose buttons Slack refuses still go out. The buttons are `workflow_button`s starting the hosted app's
// link trigger, in messages of the bridge's classic app. Slack documents neither that it takes nor that it
// refuses such a button: the workflow button reference (docs.slack.dev/reference/block-kit/block-elements/
// workflow-button-element) and the link trigger guide (api.slack.com/future/triggers/link, "create it as a
// workflow button") say nothing about which apps may post one. So the sender treats a refusal of a card with
// buttons as a fact about the workspace: it sends the same card without them (the card keeps its "Open in
// PagerDuty" link), remembers it for every replica, and renders later cards without buttons at once, until
// `doctor --probe-buttons CHANNEL` sees Slack take one (or another trigger URL is configured). It is a fact about
// ONE workspace (each has its own hosted app, trigger and Slack settings): kept per workspace block key
// (delivery-blocks.ts: WORKSPACE_BLOCK_KEY for the SLACK_BOT_TOKEN workspace, else the team id), so a refusal in
// workspace A never takes workspace B's buttons away.
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

const PREFIX = "buttons_refused:";
const keyOf = (workspaceKey: string) => `${PREFIX}${workspaceKey}`;

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

/** `workspaceKey`: the workspace's block key (delivery-blocks.ts); default the SLACK_BOT_TOKEN workspace's. */
export function readButtonsRefusal(
  db: BridgeDb,
  workspaceKey: string = WORKSPACE_BLOCK_KEY,
): Promise<Setting<ButtonsRefusal> | null> {
  return readSetting<ButtonsRefusal>(db, keyOf(workspaceKey));
}

/** Every workspace's refusal, by workspace block key (doctor and the status page). */
export async function listButtonsRefusals(
  db: BridgeDb,
): Promise<Map<string, Setting<ButtonsRefusal>>> {
  const rows = await db.selectFrom("bridge_settings")
    .select(["key", "value", "updated_at"])
    .where("key", "like", `${PREFIX}%`).orderBy("key").execute();
  return new Map(
    rows.map((r) => [r.key.slice(PREFIX.length), {
      value: JSON.parse(r.value) as ButtonsRefusal,
      updatedAt: r.updated_at,
    }]),
  );
}

/** True when it was not remembered before: the caller says so once. */
export function rememberButtonsRefusal(
  db: BridgeDb,
  refusal: ButtonsRefusal,
  now: Date,
  workspaceKey: string = WORKSPACE_BLOCK_KEY,
): Promise<boolean> {
  return writeSetting(db, keyOf(workspaceKey), refusal, now);
}

/** True when a refusal was remembered. */
export function forgetButtonsRefusal(
  db: BridgeDb,
  workspaceKey: string = WORKSPACE_BLOCK_KEY,
): Promise<boolean> {
  return deleteSetting(db, keyOf(workspaceKey));
}
