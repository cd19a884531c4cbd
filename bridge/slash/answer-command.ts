// One `/pd` invocation → its ephemeral answer. Reads what the bridge knows about the channel, the registered
// workflow triggers and, for `oncall` and incident numbers, PagerDuty with the bridge's read-only key.
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { workflowTriggerUrls } from "../triggers/workflow-trigger-store.ts";
import {
  connectedServiceIds,
  describeConnections,
  readChannelContext,
} from "./channel-context.ts";
import { findIncident } from "./find-incident.ts";
import { helpAnswer } from "./help-answer.ts";
import { answerOnCall } from "./oncall-answer.ts";
import { parsePdCommand } from "./parse-pd-command.ts";
import type { SlashAnswer, SlashCommand } from "./slash-command.ts";
import { createSlackMentions, type SlackMentions } from "./slack-mentions.ts";
import {
  incidentAnswer,
  simpleWorkflowAnswer,
  triggerAnswer,
} from "./workflow-answers.ts";

export interface AnswerCommandOptions {
  db: BridgeDb;
  /** The paced client (users.lookupByEmail for mentions). */
  slack: SlackClient;
  pagerDuty: PagerDutyClient | null;
  /** SLACK_ACTIONS_TRIGGER_URL, used where the hosted app registered no incident-action trigger. */
  actionsTriggerUrl: string | null;
  logger: Logger;
}

export const NO_PAGERDUTY_KEY =
  "This bridge has no PagerDuty API key (PAGERDUTY_API_TOKEN), so it cannot look up who is on call itself.";

/**
 * One mention cache per Slack client, so it lives as long as the bridge's client does and every `/pd oncall`
 * shares it (the bridge has one paced Slack client for its lifetime).
 */
const MENTIONS = new WeakMap<SlackClient, SlackMentions>();
function mentionsOf(slack: SlackClient): SlackMentions {
  let mentions = MENTIONS.get(slack);
  if (!mentions) {
    mentions = createSlackMentions({ slack });
    MENTIONS.set(slack, mentions);
  }
  return mentions;
}

export async function answerCommand(
  options: AnswerCommandOptions,
  command: SlashCommand,
): Promise<SlashAnswer> {
  const { db, pagerDuty } = options;
  const parsed = parsePdCommand(command.text);
  const [context, triggers] = await Promise.all([
    readChannelContext(db, command.channelId),
    // The buttons must start the workflows of the workspace the command came from.
    workflowTriggerUrls(db, options.actionsTriggerUrl, command.teamId),
  ]);
  switch (parsed.kind) {
    case "help":
    case "unknown":
      return helpAnswer({
        triggers,
        connectionLine: await describeConnections(context, pagerDuty),
        isDirect: context.isDirect,
        ...(parsed.kind === "unknown" ? { unknownWord: parsed.word } : {}),
      });
    case "oncall":
      if (!pagerDuty) return { text: NO_PAGERDUTY_KEY };
      return await answerOnCall({
        pagerDuty,
        mentions: mentionsOf(options.slack),
        logger: options.logger,
        query: parsed.query,
        connectedServiceIds: connectedServiceIds(context),
      });
    case "trigger":
      return triggerAnswer(triggers, {
        title: parsed.title,
        connected: connectedServiceIds(context).length > 0,
        isDirect: context.isDirect,
      });
    case "link":
      return simpleWorkflowAnswer(triggers, "link_account", context);
    case "unlink":
      return simpleWorkflowAnswer(triggers, "unlink_account", context);
    case "connect":
      return simpleWorkflowAnswer(triggers, "connect_channel", context);
    case "notifications":
      return simpleWorkflowAnswer(triggers, "my_notifications", context);
    case "invite":
      return simpleWorkflowAnswer(triggers, "invite_user", {
        ...context,
        invitee: parsed.invitee,
      });
    case "incident": {
      const found = await findIncident({
        db,
        pagerDuty,
        number: parsed.number,
        channelIncidentId: context.incidentId,
      });
      return incidentAnswer(triggers, {
        verb: parsed.action,
        found,
        note: parsed.note,
        number: parsed.number,
      });
    }
  }
}
