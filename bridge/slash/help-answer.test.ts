import { describe, expect, it } from "vitest";
import type { WorkflowTriggerUrls } from "../triggers/workflow-trigger-store.ts";
import { helpAnswer, NO_TRIGGERS_YET } from "./help-answer.ts";

const TRIGGERS: WorkflowTriggerUrls = {
  trigger_incident: "https://slack.com/shortcuts/Ft01/a",
  connect_channel: "https://slack.com/shortcuts/Ft02/b",
  link_account: "https://slack.com/shortcuts/Ft03/c",
  my_notifications: "https://slack.com/shortcuts/Ft04/d",
};

const buttons = (answer: ReturnType<typeof helpAnswer>) =>
  (answer.blocks ?? []).flatMap((b) =>
    b.type === "actions"
      ? (b.elements as { text: { text: string } }[]).map((e) => e.text.text)
      : []
  );

describe("helpAnswer", () => {
  it("offers a button for each registered workflow in a channel", () => {
    const answer = helpAnswer({
      triggers: TRIGGERS,
      connectionLine: "This channel is not connected to PagerDuty.",
      isDirect: false,
    });
    expect(buttons(answer)).toEqual([
      "Trigger an incident",
      "Connect this channel",
      "Link your account",
      "My notifications",
    ]);
    expect(answer.text).toContain("`/pd notifications`");
  });

  it("offers no 'Connect this channel' in a DM, where nothing can be connected", () => {
    const answer = helpAnswer({
      triggers: TRIGGERS,
      connectionLine: "This is a direct message.",
      isDirect: true,
    });
    expect(buttons(answer)).toEqual([
      "Trigger an incident",
      "Link your account",
      "My notifications",
    ]);
    // The directory still lists the command, to be typed in a channel.
    expect(answer.text).toContain("`/pd connect`");
  });

  it("heads an unknown command's help with the word, and says when no links are registered", () => {
    const answer = helpAnswer({
      triggers: {},
      connectionLine: "This is a direct message.",
      unknownWord: "<!channel>",
      isDirect: true,
    });
    // Escaped: the word is shown, never an @channel ping.
    expect(answer.text).toMatch(
      /^:grey_question: Unknown command "&lt;!channel&gt;"/,
    );
    expect(buttons(answer)).toEqual([]);
    expect(JSON.stringify(answer.blocks)).toContain(
      NO_TRIGGERS_YET.slice(0, 40),
    );
  });
});
