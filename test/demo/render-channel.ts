// A Slack channel as a person reads it in the client: cards rendered to text (shared/cards' renderCardText),
// mentions shown as names, emoji codes as emoji, how often a card was edited, thread replies under their card,
// and the ephemeral messages only one person saw.
import type { Block } from "../../shared/cards/block-kit.ts";
import { renderCardText } from "../../shared/cards/render-card-text.ts";
import type { SlackSimulator } from "../simulators/slack/start-slack-simulator.ts";
import { EMOJI_SHORTCODES as EMOJI } from "../simulators/slack/emoji-shortcodes.ts";

export interface RenderChannelOptions {
  /** Include ephemeral messages (each marked with who saw it). */
  ephemeral?: boolean;
}

export function renderChannel(
  slack: SlackSimulator,
  channelId: string,
  { ephemeral = true }: RenderChannelOptions = {},
): string {
  const ws = slack.workspace;
  const channel = ws.channels.get(channelId);
  // An IM is named after its two people, as the Slack client shows a DM (render-html.ts does the same).
  const title = channel?.isIm
    ? `Direct message: ${
      [...channel.members].map((u) => ws.users.get(u)?.name ?? u).join(" ↔ ")
    }`
    : `#${channel?.name ?? channelId}`;
  const people = (text: string) =>
    text.replace(
      /@([UW][A-Z0-9]+)/g,
      (whole, id: string) => {
        const user = ws.users.get(id);
        return user ? `@${user.name}` : whole;
      },
    ).replace(
      /:([a-z0-9_+-]+):/g,
      (whole, code: string) => EMOJI[code] ?? whole,
    );
  const readable = (m: { text: string; blocks?: unknown[] }) =>
    people(
      renderCardText(
        (m.blocks && m.blocks.length > 0 ? m.blocks : [{
          type: "section",
          text: { type: "mrkdwn", text: m.text },
        }]) as Block[],
      ),
    );
  const indent = (text: string, prefix: string) =>
    text.split("\n").map((line) => `${prefix}${line}`).join("\n");

  const lines = [`━━ ${title} ━━`];
  const messages = slack.transcript(channelId);
  if (messages.length === 0) lines.push("  (no messages)");
  for (const m of messages) {
    const edited = m.edits.length > 0
      ? ` (edited ${m.edits.length} time${m.edits.length === 1 ? "" : "s"})`
      : "";
    lines.push("", `  ${m.userName}${edited}`, indent(readable(m), "  │ "));
    // Thread replies and the ephemeral answers shown in the thread, in the order they arrived.
    const thread = [
      ...m.replies.map((r) => ({
        ts: r.ts,
        who: r.userName,
        text: readable(r),
      })),
      ...(ephemeral ? slack.ephemeralMessages({ channelId }) : [])
        .filter((e) => e.threadTs === m.ts)
        .map((e) => ({
          ts: e.ts,
          who: `(only visible to ${ws.users.get(e.user)?.name ?? e.user})`,
          text: readable(e),
        })),
    ].sort((a, b) => Number(a.ts) - Number(b.ts));
    for (const reply of thread) {
      const [first = "", ...rest] = reply.text.split("\n");
      lines.push(`  ↳ ${reply.who}: ${first}`);
      if (rest.length > 0) lines.push(indent(rest.join("\n"), "      "));
    }
  }
  return lines.join("\n");
}
