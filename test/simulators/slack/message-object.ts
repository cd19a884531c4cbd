import type { SimMessage, SlackWorkspace } from "./slack-workspace.ts";

/** A message as conversations.history / replies and chat.* return it. */
export function messageObject(
  ws: SlackWorkspace,
  m: SimMessage,
  opts: { includeMetadata: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: "message",
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: ws.teamId,
    app_id: m.appId,
  };
  if (m.botId) out.bot_id = m.botId;
  if (m.blocks) out.blocks = m.blocks;
  if (m.edited) out.edited = m.edited;
  if (m.threadTs) {
    out.thread_ts = m.threadTs;
    if (m.threadTs !== m.ts && m.replyBroadcast) {
      out.subtype = "thread_broadcast";
    }
    if (m.threadTs !== m.ts) out.parent_user_id = parentUser(ws, m);
  }
  if (m.replies.length > 0) {
    const replies = m.replies
      .map((ts) => ws.findMessage(m.channel, ts))
      .filter((r): r is SimMessage => r !== undefined);
    out.reply_count = replies.length;
    const users = [...new Set(replies.map((r) => r.user))];
    out.reply_users = users;
    out.reply_users_count = users.length;
    out.latest_reply = replies.at(-1)?.ts;
  }
  if (opts.includeMetadata && m.metadata) out.metadata = m.metadata;
  return out;
}

function parentUser(ws: SlackWorkspace, m: SimMessage): string | undefined {
  return m.threadTs ? ws.findMessage(m.channel, m.threadTs)?.user : undefined;
}

/** Slack's permalink shape: the ts without its dot, plus thread parameters for replies. */
export function permalink(ws: SlackWorkspace, m: SimMessage): string {
  const base = `https://${ws.teamDomain}.slack.com/archives/${m.channel}/p${
    m.ts.replace(".", "")
  }`;
  return m.threadTs && m.threadTs !== m.ts
    ? `${base}?thread_ts=${m.threadTs}&cid=${m.channel}`
    : base;
}
