// `/pd`, `/pd help` and anything unknown: a directory of what pagerslack does, a button into each hosted
// workflow whose trigger the hosted app registered, and one line on what this channel is connected to.
import type { ActionsBlock, Block } from "../../shared/cards/block-kit.ts";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import type { WorkflowTriggerUrls } from "../triggers/workflow-trigger-store.ts";
import { PD_ENTRIES, workflowButton } from "./pd-entries.ts";
import type { SlashAnswer } from "./slash-command.ts";

/** Said where the hosted app has not registered its triggers yet, so the buttons are missing. */
export const NO_TRIGGERS_YET =
  "The pagerslack app has not told this bridge its workflow links yet, so there are no buttons: an admin runs the Connect workflow once (`/pd connect` or its shortcut) after `slack trigger create`.";

export function helpAnswer(
  { triggers, connectionLine, unknownWord, isDirect }: {
    triggers: WorkflowTriggerUrls;
    connectionLine: string;
    /** Typed in a DM: entries that only work in a channel get no button (the connection line says why). */
    isDirect: boolean;
    /** Set for an unknown sub-command: the help is headed by it. */
    unknownWord?: string;
  },
): SlashAnswer {
  const heading = unknownWord === undefined
    ? "*pagerslack* brings PagerDuty here. What `/pd` does:"
    : `:grey_question: Unknown command "${
      escapeMrkdwn(unknownWord)
    }". What \`/pd\` does:`;
  const lines = PD_ENTRIES.map((e) =>
    `• \`${e.usage}\`: ${escapeMrkdwn(e.description)}`
  );
  const buttons = PD_ENTRIES.flatMap((e) => {
    const url = triggers[e.trigger];
    if (isDirect && e.channelsOnly) return [];
    return url && e.button ? [workflowButton(e.button, url)] : [];
  });
  const blocks: Block[] = [
    { type: "section", text: { type: "mrkdwn", text: heading } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
    ...(buttons.length > 0
      ? [{ type: "actions", elements: buttons } satisfies ActionsBlock]
      : []),
    {
      type: "context",
      elements: [{
        type: "mrkdwn",
        text: buttons.length > 0
          ? connectionLine
          : `${connectionLine} ${NO_TRIGGERS_YET}`,
      }],
    },
  ];
  return {
    text: [heading, ...lines, connectionLine].join("\n"),
    blocks,
  };
}
