// `doctor --probe-buttons CHANNEL`: whether Slack takes, in a message of the bridge's classic app, a workflow
// button starting the hosted app's link trigger (unpublished: see bridge/outbox/buttons-refused.ts). It posts a
// card rendered like every card, with buttons, deletes it, and records the answer for the bridge's replicas:
// a refusal, or, when Slack takes it, the end of an earlier refusal (open cards are then rendered again).
import type { Database } from "../db/open-database.ts";
import {
  BUTTON_REFUSAL_ERRORS,
  forgetButtonsRefusal,
  rememberButtonsRefusal,
} from "../outbox/buttons-refused.ts";
import { WORKSPACE_BLOCK_KEY } from "../outbox/delivery-blocks.ts";
import { rerenderOpenCards } from "../outbox/rerender-open-cards.ts";
import { teamsOfBlockKey } from "../outbox/workspace-block-key.ts";
import { sharedCardRenderer } from "../outbox/shared-card-renderer.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { slackErrorOutcome } from "../slack/slack-errors.ts";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import { CARD_BUTTONS_CHECK } from "./check-card-buttons.ts";
import type { DoctorCheck } from "./run-doctor.ts";

export interface ProbeButtonsInput {
  database: () => Database;
  slack: SlackClient;
  channel: string;
  triggerUrl: string | null;
  /** SLACK_BOT_TOKEN's team (auth.test): the cards rendered again after a refusal ends are that workspace's. */
  botTeam?: string | null;
  now?: () => Date;
}

/** A card about no incident: its buttons would start the workflow for an id PagerDuty does not know (also `smoke`). */
export function probeSnapshot(now: Date): IncidentSnapshot {
  const at = now.toISOString();
  return {
    id: "pagerslack-button-probe",
    number: 0,
    title: "pagerslack checks that Slack takes card buttons (deleted at once)",
    status: "triggered",
    urgency: "low",
    priority: null,
    service: {
      id: "",
      type: "service_reference",
      summary: "pagerslack doctor",
    },
    escalation_policy: {
      id: "",
      type: "escalation_policy_reference",
      summary: "none",
    },
    teams: [],
    assignees: [],
    html_url: "",
    incident_key: null,
    created_at: at,
    first_trigger: null,
    acknowledged_by: [],
    resolved_by: null,
    updated_at: at,
  };
}

export async function probeButtons(
  {
    database,
    slack,
    channel,
    triggerUrl,
    botTeam = null,
    now = () => new Date(),
  }: ProbeButtonsInput,
): Promise<DoctorCheck> {
  const name = CARD_BUTTONS_CHECK;
  if (triggerUrl === null) {
    return {
      name,
      ok: false,
      detail:
        "nothing to probe: SLACK_ACTIONS_TRIGGER_URL is not set (cards have no buttons until it is)",
    };
  }
  const { text, blocks } = sharedCardRenderer(triggerUrl).card(
    probeSnapshot(now()),
    { kind: "responder", now: now(), mentions: {} },
  );
  // No metadata: the probe must never be taken for an incident's card.
  const posted = await slack.call<{ ts: string }>("chat.postMessage", {
    channel,
    text,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ok) {
    const error = posted.error.error;
    if (BUTTON_REFUSAL_ERRORS.has(error)) {
      const saved = await withDatabase(
        database,
        (db) =>
          rememberButtonsRefusal(
            db,
            { method: "chat.postMessage", error },
            now(),
          ),
      );
      return {
        name,
        ok: false,
        detail:
          `Slack refused a card with buttons in ${channel} (${error}): cards are posted without them, responders use their "Open in PagerDuty" link${
            saved.ok ? "" : ` (not recorded: ${saved.problem})`
          }. Check that SLACK_ACTIONS_TRIGGER_URL is the incident-actions trigger of the deployed app.`,
      };
    }
    const hint = slackErrorOutcome(error) === "channel_blocked"
      ? ` (invite the bot: /invite @PagerSlack in ${channel})`
      : "";
    return {
      name,
      ok: false,
      detail: `could not post the test card in ${channel}: ${error}${hint}`,
    };
  }
  const deleted = await slack.call("chat.delete", {
    channel,
    ts: posted.data.ts,
  });
  const cleanup = deleted.ok
    ? "posted and deleted"
    : `posted but not deleted (${deleted.error.error}: delete it by hand)`;
  const forgotten = await withDatabase(database, async (db) => {
    if (!await forgetButtonsRefusal(db)) return null;
    return await rerenderOpenCards(
      db,
      now(),
      teamsOfBlockKey(WORKSPACE_BLOCK_KEY, botTeam),
    );
  });
  const comeback = !forgotten.ok
    ? `; could not record it (${forgotten.problem})`
    : forgotten.value === null
    ? ""
    : `; they had been refused before: the ${forgotten.value} cards of open incidents get their buttons back as the bridge edits them`;
  return {
    name,
    ok: true,
    detail:
      `Slack takes workflow buttons from the bridge (test card in ${channel} ${cleanup})${comeback}`,
  };
}

async function withDatabase<T>(
  open: () => Database,
  work: (db: Database["db"]) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) {
      return { ok: false, problem: "database unreachable or not migrated" };
    }
    return { ok: true, value: await work(database.db) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  } finally {
    await database?.close().catch(() => {});
  }
}
